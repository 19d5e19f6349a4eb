// Issue 13 item 3: a field the UK OB v3.1.11r5 schema does not define is refused where the spec closes its
// object (`additionalProperties: false`): 400 UK.OBIE.Field.Unexpected naming its path, nothing stored.
// Where the spec leaves an object open (account-access Data, most of VRP, SupplementaryData), an extra
// field is accepted and kept in the receipt. Every manage-API consent family, every object of its sample.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KIND_INFO } from '../../src/domain/consent.js';
import {
  CONSENT_RESOURCES,
  RESOURCE_KIND,
  type ConsentResource,
} from '../../src/http/ob/consent-resources.js';
import { OB_REQUEST_SCHEMAS } from '../../src/http/ob/ob-request-schemas.js';
import { createManageHarness, type ManageHarness } from '../helpers/manage-api.js';
import { sampleBody } from '../helpers/ob-samples.js';

type Json = Record<string, unknown>;
interface SchemaNode {
  type?: string;
  properties?: Record<string, SchemaNode>;
  items?: SchemaNode;
  additionalProperties?: boolean | object;
}

const PAYMENT_CLOSED = ['', 'Data', 'Data.Initiation', 'Data.Initiation.CreditorAccount', 'Risk'];
const SUPPLEMENTARY = 'Data.Initiation.SupplementaryData';

/**
 * The objects of each family's sample body ('' is the body itself), closed or open as the OB spec has
 * them, plus SupplementaryData (open by definition) where the family has it. The first test proves this
 * table is what the schema says and that it names every object of the sample.
 */
const OBJECTS: Record<ConsentResource, { closed: string[]; open: string[] }> = {
  'account-access-consents': { closed: ['', 'Risk'], open: ['Data'] },
  'domestic-payment-consents': {
    closed: [...PAYMENT_CLOSED, 'Data.Initiation.InstructedAmount'],
    open: [SUPPLEMENTARY],
  },
  'domestic-scheduled-payment-consents': {
    closed: [...PAYMENT_CLOSED, 'Data.Initiation.InstructedAmount'],
    open: [SUPPLEMENTARY],
  },
  'domestic-standing-order-consents': {
    closed: [...PAYMENT_CLOSED, 'Data.Initiation.FirstPaymentAmount'],
    open: [SUPPLEMENTARY],
  },
  'international-payment-consents': {
    closed: [...PAYMENT_CLOSED, 'Data.Initiation.InstructedAmount'],
    open: [SUPPLEMENTARY],
  },
  'file-payment-consents': { closed: ['', 'Data', 'Data.Initiation'], open: [SUPPLEMENTARY] },
  'funds-confirmation-consents': { closed: [''], open: ['Data', 'Data.DebtorAccount'] },
  'domestic-vrp-consents': {
    closed: ['Risk'],
    open: [
      '',
      'Data',
      'Data.ControlParameters',
      'Data.ControlParameters.MaximumIndividualAmount',
      'Data.ControlParameters.PeriodicLimits[0]',
      'Data.Initiation',
      'Data.Initiation.CreditorAccount',
      'Data.Initiation.RemittanceInformation',
    ],
  },
};

function segments(path: string): string[] {
  return path.split(/\.|(?=\[)/).filter(Boolean);
}

function schemaAt(resource: ConsentResource, path: string): SchemaNode {
  let node = OB_REQUEST_SCHEMAS[resource] as SchemaNode | undefined;
  for (const segment of segments(path)) {
    node = segment.startsWith('[') ? node?.items : node?.properties?.[segment];
    if (!node) throw new Error(`${resource}: the schema has no ${path}`);
  }
  return node!;
}

/** The object at `path` in `body`, created (empty) where the sample leaves it out. */
function objectAt(body: Json, path: string): Json {
  let node: Json = body;
  for (const segment of segments(path)) {
    const key = segment.startsWith('[') ? Number(segment.slice(1, -1)) : segment;
    const next = (node as Record<string | number, unknown>)[key];
    if (next === undefined) (node as Record<string | number, unknown>)[key] = {};
    node = (node as Record<string | number, unknown>)[key] as Json;
  }
  return node;
}

/** Every object path of a body ('' for the body itself), arrays as [n]. */
function objectPaths(value: unknown, path = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => objectPaths(item, `${path}[${i}]`));
  if (value === null || typeof value !== 'object') return [];
  return [
    path,
    ...Object.entries(value).flatMap(([key, child]) => objectPaths(child, path ? `${path}.${key}` : key)),
  ];
}

const joined = (path: string, field: string) => (path ? `${path}.${field}` : field);

/** A deep copy: the samples share nested objects (the creditor account), which these tests change. */
const fresh = (resource: ConsentResource): Json => structuredClone(sampleBody(resource));

let h: ManageHarness;
beforeAll(async () => {
  h = await createManageHarness();
});
afterAll(() => h.close());

function post(resource: ConsentResource, body: Json) {
  return h.send('POST', resource, {
    payload: body,
    ...(KIND_INFO[RESOURCE_KIND[resource]].idempotent ? { idempotencyKey: randomUUID() } : {}),
  });
}

describe('the closed and open objects tested are the OB schema’s', () => {
  it.each(CONSENT_RESOURCES)('%s', (resource) => {
    const { closed, open } = OBJECTS[resource];
    for (const path of closed) expect(schemaAt(resource, path).additionalProperties, path).toBe(false);
    for (const path of open) expect(schemaAt(resource, path).additionalProperties, path).not.toBe(false);
    // Every object of the sample body is in the table, so no closed object goes untested.
    expect([...closed, ...open]).toEqual(expect.arrayContaining(objectPaths(sampleBody(resource))));
  });
});

describe('an unknown field in a closed OB object: 400 UK.OBIE.Field.Unexpected, nothing stored', () => {
  const cases = CONSENT_RESOURCES.flatMap((resource) =>
    OBJECTS[resource].closed.map((path) => [resource, path || '(the body)', path] as const),
  );
  it.each(cases)('%s: %s', async (resource, _label, path) => {
    const body = fresh(resource);
    objectAt(body, path).UnknownField = 'x';
    const field = joined(path, 'UnknownField');
    const consents = await h.count('consents');
    const before = await h.snapshot();

    const response = await post(resource, body);

    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      Code: '400',
      Id: response.headers['x-fapi-interaction-id'],
      Message: 'Bad request',
      Errors: [
        { ErrorCode: 'UK.OBIE.Field.Unexpected', Message: `${field} is not allowed here`, Path: field },
      ],
    });
    expect(await h.count('consents')).toBe(consents);
    expect(await h.snapshot()).toBe(before);
  });

  it('unknown fields in several closed objects: each one named', async () => {
    const resource = 'domestic-payment-consents';
    const body = fresh(resource);
    for (const path of OBJECTS[resource].closed) objectAt(body, path).Extra = 1;
    const before = await h.snapshot();

    const response = await post(resource, body);

    expect(response.statusCode).toBe(400);
    const errors = response.json().Errors as Json[];
    expect(errors.map((e) => e.Path).sort()).toEqual(
      OBJECTS[resource].closed.map((path) => joined(path, 'Extra')).sort(),
    );
    expect(new Set(errors.map((e) => e.ErrorCode))).toEqual(new Set(['UK.OBIE.Field.Unexpected']));
    expect(await h.snapshot()).toBe(before);
  });

  it('a missing field outranks an unknown one: UK.OBIE.Field.Missing, both listed', async () => {
    const body = fresh('domestic-payment-consents');
    delete (objectAt(body, 'Data.Initiation') as Json).EndToEndIdentification;
    objectAt(body, 'Data.Initiation').Extra = 1;
    const before = await h.snapshot();

    const response = await post('domestic-payment-consents', body);

    expect(response.statusCode).toBe(400);
    const errors = response.json().Errors as Json[];
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          ErrorCode: 'UK.OBIE.Field.Missing',
          Path: 'Data.Initiation.EndToEndIdentification',
        }),
        expect.objectContaining({ ErrorCode: 'UK.OBIE.Field.Missing', Path: 'Data.Initiation.Extra' }),
      ]),
    );
    expect(await h.snapshot()).toBe(before);
  });
});

describe('an extra field in an open OB object is accepted and kept', () => {
  const cases = CONSENT_RESOURCES.flatMap((resource) =>
    OBJECTS[resource].open.map((path) => [resource, path || '(the body)', path] as const),
  );
  it.each(cases)('%s: %s', async (resource, _label, path) => {
    const body = fresh(resource);
    objectAt(body, path).ExtraField = 'kept';
    const consents = await h.count('consents');
    const history = await h.count('consent_status_history');

    const response = await post(resource, body);

    expect(response.statusCode, response.body).toBe(201);
    const consentId = response.json().Data.ConsentId as string;
    expect(await h.count('consents')).toBe(consents + 1);
    expect(await h.count('consent_status_history')).toBe(history + 1);
    const stored = await h.t.ctx.storage.repos.consents.findById(consentId);
    expect(objectAt(JSON.parse(stored!.receipt) as Json, path).ExtraField).toBe('kept');
  });
});
