// Regenerates src/http/ob/ob-request-schemas.json from the UK Open Banking v3.1.11r5 OpenAPI
// files in ../shared/ref (kept out of the repo). Every $ref is inlined so the runtime needs no resolver.
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

const refDir = resolve(process.argv[2] ?? '../shared/ref/obie/v3.1.11r5');
const wanted = {
  'account-access-consents': ['account-info-openapi.json', 'OBReadConsent1'],
  'domestic-payment-consents': ['payment-initiation-openapi.json', 'OBWriteDomesticConsent4'],
  'domestic-scheduled-payment-consents': [
    'payment-initiation-openapi.json',
    'OBWriteDomesticScheduledConsent4',
  ],
  'domestic-standing-order-consents': [
    'payment-initiation-openapi.json',
    'OBWriteDomesticStandingOrderConsent5',
  ],
  'international-payment-consents': ['payment-initiation-openapi.json', 'OBWriteInternationalConsent5'],
  'file-payment-consents': ['payment-initiation-openapi.json', 'OBWriteFileConsent3'],
  'funds-confirmation-consents': ['confirmation-funds-openapi.json', 'OBFundsConfirmationConsent1'],
  'funds-confirmations': ['confirmation-funds-openapi.json', 'OBFundsConfirmation1'],
  'domestic-vrp-consents': ['vrp-openapi.json', 'OBDomesticVRPConsentRequest'],
};

function inline(node, components, seen) {
  if (Array.isArray(node)) return node.map((n) => inline(n, components, seen));
  if (node === null || typeof node !== 'object') return node;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.replace('#/components/schemas/', '');
    if (seen.includes(name)) throw new Error(`recursive schema ${name}`);
    return inline(components[name], components, [...seen, name]);
  }
  const out = {};
  for (const [k, v] of Object.entries(node)) {
    if (k === 'example' || k === 'x-namespaced-enum') continue;
    out[k] = inline(v, components, seen);
  }
  return out;
}

const result = {};
for (const [path, [file, schema]] of Object.entries(wanted)) {
  const spec = JSON.parse(readFileSync(resolve(refDir, file), 'utf8'));
  result[path] = {
    title: schema,
    ...inline(spec.components.schemas[schema], spec.components.schemas, [schema]),
  };
}
const target = 'src/http/ob/ob-request-schemas.json';
writeFileSync(target, JSON.stringify(result) + '\n');
console.log(`wrote ${target}`);
