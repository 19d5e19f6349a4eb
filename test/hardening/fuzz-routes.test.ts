// Issue 13 item 4: property-based fuzzing of every route the OpenAPI document lists. Bodies, headers,
// query strings and path parameters are generated from each route's schema and its edges (NUL, huge and
// non-finite numbers, deep nesting, long and odd strings, unknown fields, mutated seed samples), with and
// without valid credentials. Whatever arrives: never a 5xx, and a 4xx leaves the database unchanged.
// Fixed seed and bounded count here (FUZZ_RUNS, FUZZ_SEED override: see scripts/fuzz.sh for a long run).
// Also the first paragraph's "0 unexpected 2xx over every route x wrong or missing credentials".
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONSENT_RESOURCES, type ConsentResource } from '../../src/http/ob/consent-resources.js';
import { givenCustomer, givenPartner } from '../helpers/customers.js';
import { databaseSnapshot } from '../helpers/database-snapshot.js';
import { basic, givenOperator } from '../helpers/factories.js';
import { COF, FINANCIAL_ID, givenTpp, tokenFor } from '../helpers/funds.js';
import { createManageHarness, MANAGE, TPP, type ManageHarness } from '../helpers/manage-api.js';
import { sampleBody } from '../helpers/ob-samples.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 250);
const SEED = Number(process.env.FUZZ_SEED ?? 20261301);

type Schema = Record<string, unknown>;
interface Route {
  method: string;
  path: string;
  parameters: { in: string; name: string; schema?: Schema }[];
  body?: Schema;
  open: boolean;
}

let h: ManageHarness;
let routes: Route[];
let consentIds: string[];
const auth: Record<string, string> = {};

beforeAll(async () => {
  h = await createManageHarness();
  auth.admin = (await givenOperator(h.t.ctx, 'fuzz-admin', ['admin'])).authorization;
  auth.partner = (await givenPartner(h.t.ctx, 'fuzz-bank')).authorization;
  await givenCustomer(h.t.ctx, 'fuzz-bank');
  await givenPartner(h.t.ctx, 'fuzz-target'); // a client the admin routes may change at will
  const tpp = await givenTpp(h.t, 'fuzz-cbpii');
  auth.client = tpp.basic;
  auth.bearer = `Bearer ${await tokenFor(h.t, 'fuzz-cbpii')}`;
  auth.gateway = h.gateway;
  consentIds = [(await h.create('account-access-consents')).consentId];
  const doc = h.t.app.swagger() as unknown as {
    paths: Record<string, Record<string, Record<string, unknown>>>;
  };
  routes = Object.entries(doc.paths).flatMap(([path, operations]) =>
    Object.entries(operations).map(([method, operation]) => {
      const content = (operation.requestBody as { content?: Record<string, { schema?: Schema }> } | undefined)
        ?.content;
      return {
        method: method.toUpperCase(),
        path,
        parameters: (operation.parameters as Route['parameters'] | undefined) ?? [],
        body: content?.['application/json']?.schema,
        // Declared public (NO_AUTH) or OBP's mixed schemes (DirectLogin login, consumer-only routes):
        // outside the "every route needs credentials" check; the input fuzzing still covers them.
        open: isOpen(operation.security),
      };
    }),
  );
}, 60_000);
afterAll(() => h.close());

function isOpen(security: unknown): boolean {
  if (!Array.isArray(security)) return false;
  return security.length === 0 || security.some((r: object) => 'directLogin' in r);
}

/** The credential a route's callers hold. */
function credentialFor(path: string): string | undefined {
  if (path.startsWith('/admin')) return auth.admin;
  if (path.startsWith('/b2b-gateway')) return auth.partner;
  if (path.startsWith('/api/fs/consent')) return auth.gateway;
  if (path.startsWith('/oauth2')) return auth.client;
  if (path.startsWith(COF)) return auth.bearer;
  return undefined;
}

// Raw JSON that JSON.stringify cannot write: placed as marker strings, replaced in the serialised text.
const RAW: Record<string, string> = {
  '\u0001n1e21': '1e21',
  '\u0001n1e400': '1e400',
  '\u0001n-1e400': '-1e400',
  '\u0001n2p53': '9007199254740993',
  '\u0001deep': `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`,
  '\u0001deep40': `${'['.repeat(40)}1${']'.repeat(40)}`,
};
function serialise(value: unknown): string {
  let text = JSON.stringify(value) ?? 'null';
  for (const [marker, raw] of Object.entries(RAW)) text = text.split(JSON.stringify(marker)).join(raw);
  return text;
}

const edgeString = fc.constantFrom(
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '%00',
  "'; drop table consents; --",
  '\ud800',
  '😀'.repeat(50),
  'x'.repeat(5000),
  '../../etc/passwd',
  '2026-02-30T25:00:00Z',
  '9999-12-31T23:59:59Z',
  '+275760-09-13T00:00:00.001Z',
  '0000-01-01T00:00:00Z',
  '1e21',
  'Infinity',
  '-Infinity',
  'NaN',
  '-1',
  '0',
  'true',
  'null',
  '[]',
  '{}',
  '__proto__',
  'constructor',
);
const anyString = fc.oneof(edgeString, fc.string({ maxLength: 40 }), fc.uuid());
const edgeNumber = fc.oneof(
  fc.constantFrom(0, -1, 1, -0, 0.5, 2 ** 31, 2 ** 53 - 1, -(2 ** 53), 1e15, 253402300800, 1e308),
  fc.constantFrom('\u0001n1e21', '\u0001n1e400', '\u0001n-1e400', '\u0001n2p53'),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);
const randomJson = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom('\u0001deep', '\u0001deep40') },
);
const edgeValue: fc.Arbitrary<unknown> = fc.oneof(
  anyString,
  edgeNumber,
  randomJson,
  fc.constant(null),
  fc.boolean(),
);

/** Values for a JSON schema: mostly of its shape (so checks deeper than the schema are reached), with edges. */
function fromSchema(schema: Schema | undefined, depth = 0): fc.Arbitrary<unknown> {
  if (!schema || depth > 6) return edgeValue;
  const variants = (schema.anyOf ?? schema.oneOf) as Schema[] | undefined;
  if (variants) return fc.oneof(...variants.map((s) => fromSchema(s, depth + 1)), edgeValue);
  if (schema.enum)
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...(schema.enum as unknown[])) }, edgeValue);
  if ('const' in schema) return fc.oneof({ weight: 3, arbitrary: fc.constant(schema.const) }, edgeValue);
  switch (schema.type) {
    case 'object': {
      const properties = (schema.properties ?? {}) as Record<string, Schema>;
      const shaped = fc.record(
        Object.fromEntries(Object.entries(properties).map(([k, s]) => [k, fromSchema(s, depth + 1)])),
        { requiredKeys: [] },
      );
      const extra = fc.tuple(
        shaped,
        fc.oneof(anyString, fc.constantFrom('consentID', 'Status', 'status')),
        edgeValue,
      );
      return fc.oneof(
        { weight: 4, arbitrary: shaped },
        { weight: 1, arbitrary: extra.map(([o, k, v]) => ({ ...o, [k]: v })) },
        { weight: 1, arbitrary: edgeValue },
      );
    }
    case 'array':
      return fc.oneof(
        { weight: 4, arbitrary: fc.array(fromSchema(schema.items as Schema, depth + 1), { maxLength: 4 }) },
        { weight: 1, arbitrary: edgeValue },
      );
    case 'string':
      return fc.oneof(
        { weight: 2, arbitrary: anyString },
        ...(schema.format === 'date-time'
          ? [fc.date({ noInvalidDate: true }).map((d) => d.toISOString())]
          : []),
        { weight: 1, arbitrary: edgeValue },
      );
    case 'integer':
    case 'number':
      return fc.oneof({ weight: 3, arbitrary: edgeNumber }, { weight: 1, arbitrary: edgeValue });
    case 'boolean':
      return fc.oneof({ weight: 3, arbitrary: fc.boolean() }, { weight: 1, arbitrary: edgeValue });
    default:
      return edgeValue;
  }
}

/** A seed sample with one value somewhere replaced by an edge (or an unknown field added). */
function mutated(sample: Record<string, unknown>): fc.Arbitrary<unknown> {
  return fc.tuple(fc.nat(), edgeValue, fc.option(anyString, { nil: undefined })).map(([pick, value, key]) => {
    const copy = structuredClone(sample);
    const slots: { holder: Record<string, unknown>; key: string }[] = [];
    const walk = (node: unknown) => {
      if (node && typeof node === 'object')
        for (const [k, v] of Object.entries(node)) {
          slots.push({ holder: node as Record<string, unknown>, key: k });
          walk(v);
        }
    };
    walk(copy);
    const slot = slots[pick % slots.length]!;
    slot.holder[key ?? slot.key] = value;
    return copy;
  });
}

function manageResource(path: string): ConsentResource | undefined {
  const segment = path.slice(MANAGE.length + 1).split('/')[0];
  return CONSENT_RESOURCES.find((r) => r === segment);
}

function bodyFor(route: Route): fc.Arbitrary<unknown> {
  const resource = route.path.startsWith(MANAGE) ? manageResource(route.path) : undefined;
  if (route.body) return fromSchema(route.body);
  if (resource && route.method === 'POST' && !route.path.includes('fileUpload'))
    return fc.oneof(
      { weight: 3, arbitrary: mutated(sampleBody(resource)) },
      { weight: 1, arbitrary: randomJson },
    );
  return fc.oneof(randomJson, fc.constant(undefined));
}

const READ_HEADERS = [
  'x-wso2-client-id',
  'x-wso2-internal-request',
  'x-idempotency-key',
  'x-fapi-financial-id',
];
const GOOD_HEADER: Record<string, fc.Arbitrary<string>> = {
  'x-wso2-client-id': fc.constant(TPP),
  'x-wso2-internal-request': fc.constantFrom('true', 'false'),
  'x-idempotency-key': fc.uuid(),
  'x-fapi-financial-id': fc.constant(FINANCIAL_ID),
};
// Header values a client can send: no CR/LF (the HTTP parser refuses those before we see them).
const headerValue = anyString.map((s) => s.replace(/[\r\n]/g, ''));

/** Percent-encoding; a lone surrogate (which has no UTF-8 form) goes as the bytes ED A0 80, malformed. */
const encode = (text: string) =>
  text
    .split(/([\ud800-\udfff])/)
    .map((part) => (/^[\ud800-\udfff]$/.test(part) ? '%ED%A0%80' : encodeURIComponent(part)))
    .join('');

function requestFor(route: Route) {
  const pathParams = route.parameters.filter((p) => p.in === 'path');
  const queryParams = route.parameters.filter((p) => p.in === 'query');
  const headerNames = [
    ...new Set([...route.parameters.filter((p) => p.in === 'header').map((p) => p.name), ...READ_HEADERS]),
  ];
  // An admin route may legitimately disable, rotate or restrict the client it names (a 2xx); the clients whose
  // credentials the fuzzer itself sends are kept out of those routes, or every later call would be a refused
  // login that (rightly) counts toward the lockout.
  const known = route.path.startsWith('/admin/clients')
    ? [...consentIds, 'fuzz-target', TPP]
    : [...consentIds, 'fuzz-bank', 'fuzz-cbpii', TPP];
  const pathValue = fc.oneof(fc.constantFrom(...known), anyString);
  return fc.record({
    path: fc.tuple(...pathParams.map(() => pathValue)).map((values) => {
      let url = route.path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, encode(String(values[i])))));
      return url;
    }),
    query: fc
      .tuple(
        ...queryParams.map((p) =>
          fc.option(
            fc.oneof(
              fromSchema(p.schema).map((v) => (typeof v === 'string' ? v : serialise(v))),
              edgeString,
            ),
            { nil: undefined },
          ),
        ),
      )
      .map((values) =>
        queryParams
          .map((p, i) => (values[i] === undefined ? undefined : `${p.name}=${encode(values[i] as string)}`))
          .filter(Boolean)
          .join('&'),
      ),
    rawQuery: fc.constantFrom('', '', '', '&offset=%00', '&limit=Infinity', '&%E0%A4%A=1', '&a[b][c]=1'),
    headers: fc
      .tuple(
        ...headerNames.map((name) =>
          fc.option(
            fc.oneof(
              { weight: 3, arbitrary: GOOD_HEADER[name] ?? headerValue },
              { weight: 1, arbitrary: headerValue },
            ),
            { nil: undefined },
          ),
        ),
      )
      .map((values) =>
        Object.fromEntries(headerNames.flatMap((n, i) => (values[i] === undefined ? [] : [[n, values[i]!]]))),
      ),
    body: bodyFor(route),
    contentType: fc.constantFrom(
      'application/json',
      'application/json',
      'application/json',
      'text/plain',
      'application/x-www-form-urlencoded',
    ),
    authenticated: fc.boolean(),
  });
}

describe('fuzzing every route (fast-check)', () => {
  it(
    `never answers 5xx; a 4xx changes nothing (${RUNS} runs, seed ${SEED})`,
    async () => {
      const cases = fc
        .constantFrom(...routes)
        .chain((route) => requestFor(route).map((r) => ({ route, ...r })));
      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          const credential = credentialFor(c.route.path);
          const query = [c.query, c.rawQuery.replace(/^&/, '')].filter(Boolean).join('&');
          const payload =
            c.body === undefined
              ? undefined
              : c.contentType === 'application/x-www-form-urlencoded' && typeof c.body === 'string'
                ? c.body
                : serialise(c.body);
          const before = await databaseSnapshot(h.t);
          const response = await h.t.app.inject({
            method: c.route.method as 'GET',
            url: query ? `${c.path}?${query}` : c.path,
            headers: {
              ...c.headers,
              ...(c.authenticated && credential ? { authorization: credential } : {}),
              ...(payload === undefined ? {} : { 'content-type': c.contentType }),
            },
            ...(payload === undefined ? {} : { payload }),
          });
          const where = `${c.route.method} ${c.path}?${query} -> ${response.statusCode} ${response.body.slice(0, 300)}`;
          expect(response.statusCode, where).toBeLessThan(500);
          if (response.statusCode >= 400) expect(await databaseSnapshot(h.t), where).toBe(before);
        }),
        { seed: SEED, numRuns: RUNS, endOnFailure: true },
      );
    },
    Math.max(240_000, RUNS * 400),
  );
});

describe('every route x wrong or missing credentials (items 6 and the first paragraph)', () => {
  const PUBLIC = ['/health/live', '/health/ready', '/metrics'];
  it('answers 401 (no 2xx, no 400) to a caller without credentials or with wrong ones, and changes nothing', async () => {
    const before = await databaseSnapshot(h.t);
    let checked = 0;
    for (const route of routes.filter((r) => !PUBLIC.includes(r.path) && !r.open)) {
      const url = route.path.replace(/\{[^}]+\}/g, consentIds[0]!);
      for (const authorization of [
        undefined,
        basic('nobody-at-all', 'wrong'),
        'Bearer not-a-token',
        'Basic',
      ]) {
        const response = await h.t.app.inject({
          method: route.method as 'GET',
          url,
          headers: {
            'x-wso2-client-id': TPP,
            'x-fapi-financial-id': FINANCIAL_ID,
            'content-type': 'application/json',
            ...(authorization ? { authorization } : {}),
          },
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { payload: '{}' }),
        });
        expect(response.statusCode, `${route.method} ${url} with ${authorization}`).toBeGreaterThanOrEqual(
          400,
        );
        expect(response.statusCode, `${route.method} ${url} with ${authorization}`).toBeLessThan(500);
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(200);
    expect(await databaseSnapshot(h.t)).toBe(before);
  });

  it('unauthenticated POST /admin/clients {} is a 401 in the admin format, not "name is required"', async () => {
    const before = await databaseSnapshot(h.t);
    const response = await h.t.app.inject({
      method: 'POST',
      url: '/admin/clients',
      headers: { 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      code: 'auth.missing',
      message: 'HTTP Basic credentials are required',
    });
    expect(await databaseSnapshot(h.t)).toBe(before);
  });
});
