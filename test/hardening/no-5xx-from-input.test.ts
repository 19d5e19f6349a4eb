// Issue 13 item 4: inputs that answered 500 (NUL bytes on PostgreSQL, 1e21, Infinity, 4,150 levels of
// nesting) are each a 400 in the API's own format, on both dialects, and leave the database unchanged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenCustomer, givenPartner, lookupBody } from '../helpers/customers.js';
import { databaseSnapshot } from '../helpers/database-snapshot.js';
import { basic, givenOperator } from '../helpers/factories.js';
import { COF, FINANCIAL_ID, givenTpp, tokenFor } from '../helpers/funds.js';
import { createManageHarness, MANAGE, TPP, type ManageHarness } from '../helpers/manage-api.js';
import { sampleBody } from '../helpers/ob-samples.js';

let h: ManageHarness;
let admin: string;
let partner: string;
let cbpii: string;

beforeAll(async () => {
  h = await createManageHarness();
  admin = (await givenOperator(h.t.ctx, 'fuzz-admin', ['admin'])).authorization;
  partner = (await givenPartner(h.t.ctx, 'nul-bank')).authorization;
  await givenCustomer(h.t.ctx, 'nul-bank');
  await givenTpp(h.t, 'nul-cbpii');
  cbpii = await tokenFor(h.t, 'nul-cbpii');
});
afterAll(() => h.close());

const NUL = '\u0000';

interface Probe {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers?: Record<string, string>;
  payload?: string;
}

async function answer(probe: Probe) {
  return h.t.app.inject({ ...probe, headers: { ...probe.headers } });
}

const json = { 'content-type': 'application/json' };

describe('a NUL byte in the Basic username of an unauthenticated call', () => {
  const username = basic(`gateway${NUL}`, 'whatever');
  it.each([
    ['POST', '/api/fs/consent/validate', { Code: '401' }],
    ['GET', '/admin/clients', { code: 'auth.missing' }],
    [
      'POST',
      '/b2b-gateway/customers/lookup',
      { retrieveCustomerLookUpInfoResponse: { status: { statusCode: 'FAILURE' } } },
    ],
  ] as const)('%s %s answers 401 in the API format', async (method, url, shape) => {
    const before = await databaseSnapshot(h.t);
    const response = await answer({
      method,
      url,
      headers: { authorization: username, ...json },
      payload: method === 'GET' ? undefined : JSON.stringify(lookupBody({ emailAddress: 'a@b.c' })),
    } as Probe);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject(shape);
    expect(await databaseSnapshot(h.t)).toBe(before);
  });

  it('POST /oauth2/token answers invalid_client', async () => {
    const before = await databaseSnapshot(h.t);
    const response = await answer({
      method: 'POST',
      url: '/oauth2/token',
      headers: { authorization: username, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'grant_type=client_credentials&scope=fundsconfirmations',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'invalid_client' });
    expect(await databaseSnapshot(h.t)).toBe(before);
  });
});

describe('a NUL byte in a body, a query string, a path or a header', () => {
  it.each([
    [
      'manage create body',
      () => ({
        method: 'POST',
        url: `${MANAGE}/account-access-consents`,
        headers: { authorization: h.gateway, 'x-wso2-client-id': TPP, ...json },
        payload: JSON.stringify({ ...sampleBody('account-access-consents'), Risk: { x: `a${NUL}b` } }),
      }),
      'Code',
    ],
    [
      'manage body field name',
      () => ({
        method: 'POST',
        url: `${MANAGE}/account-access-consents`,
        headers: { authorization: h.gateway, 'x-wso2-client-id': TPP, ...json },
        payload: `{"Data":{"Permissions":["ReadAccountsBasic"]},"Risk":{"a\\u0000":1}}`,
      }),
      'Code',
    ],
    [
      'manage path',
      () => ({
        method: 'GET',
        url: `${MANAGE}/account-access-consents/abc%00def`,
        headers: { authorization: h.gateway, 'x-wso2-client-id': TPP },
      }),
      'Code',
    ],
    [
      'client id header',
      () => ({
        method: 'GET',
        url: `${MANAGE}/account-access-consents/abc`,
        headers: { authorization: h.gateway, 'x-wso2-client-id': `tpp${NUL}` },
      }),
      'Code',
    ],
    [
      'validate body',
      () => ({
        method: 'POST',
        url: '/api/fs/consent/validate',
        headers: { authorization: h.gateway, ...json },
        payload: JSON.stringify({ consentId: `x${NUL}`, clientId: TPP }),
      }),
      'Code',
    ],
    [
      'B2B lookup body',
      () => ({
        method: 'POST',
        url: '/b2b-gateway/customers/lookup',
        headers: { authorization: partner, ...json },
        payload: JSON.stringify(lookupBody({ emailAddress: `a${NUL}@b.c` })),
      }),
      'retrieveCustomerLookUpInfoResponse',
    ],
    [
      'admin body',
      () => ({
        method: 'POST',
        url: '/admin/clients',
        headers: { authorization: admin, ...json },
        payload: JSON.stringify({ name: `n${NUL}`, roles: ['AISP'] }),
      }),
      'code',
    ],
    [
      'admin query',
      () => ({ method: 'GET', url: '/admin/customers?username=a%00b', headers: { authorization: admin } }),
      'code',
    ],
    [
      'funds search query',
      () => ({
        method: 'GET',
        url: `${COF}/funds-confirmation-consents?userId=a%00b`,
        headers: { authorization: `Bearer ${cbpii}`, 'x-fapi-financial-id': FINANCIAL_ID },
      }),
      'Code',
    ],
    [
      'token form body',
      () => ({
        method: 'POST',
        url: '/oauth2/token',
        headers: {
          authorization: basic('nul-cbpii', 'nul-cbpii-secret'),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: 'grant_type=client_credentials&scope=funds%00confirmations',
      }),
      'error',
    ],
  ] as const)('%s: 400 in the API format, nothing stored', async (_name, probe, field) => {
    const before = await databaseSnapshot(h.t);
    const response = await answer(probe() as Probe);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toHaveProperty(field);
    expect(await databaseSnapshot(h.t)).toBe(before);
  });
});

describe('numbers out of range and deep nesting', () => {
  it('validityPeriod 1e21 on the internal PUT: 400, the consent unchanged, validation still works', async () => {
    const { consentId } = await h.create('account-access-consents');
    const before = await databaseSnapshot(h.t);
    for (const validityPeriod of ['1e21', '1e400', '253402300800']) {
      const response = await h.send('PUT', `account-access-consents/${consentId}`, {
        internal: true,
        payload: `{"status":"Authorised","validityPeriod":${validityPeriod}}`,
      });
      expect(response.statusCode, validityPeriod).toBe(400);
      expect(response.json()).toMatchObject({
        Code: '400',
        Errors: expect.arrayContaining([expect.objectContaining({ ErrorCode: 'UK.OBIE.Field.Invalid' })]),
      });
    }
    expect(await databaseSnapshot(h.t)).toBe(before);
    const validation = await h.send('POST', '/api/fs/consent/validate', {
      payload: { consentId, clientId: TPP },
    });
    expect(validation.statusCode).toBe(200);
  });

  it.each(['Infinity', '-Infinity', '1e400', '9007199254740993', 'NaN'])(
    'offset=%s on the funds search: 400 in the OB format',
    async (offset) => {
      const response = await answer({
        method: 'GET',
        url: `${COF}/funds-confirmation-consents?offset=${offset}`,
        headers: { authorization: `Bearer ${cbpii}`, 'x-fapi-financial-id': FINANCIAL_ID },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        Code: '400',
        Errors: [expect.objectContaining({ ErrorCode: expect.any(String) })],
      });
    },
  );

  it('a body nested 4,150 levels deep: 400 on every JSON API, nothing stored', async () => {
    const deep = '{"a":'.repeat(4150) + '1' + '}'.repeat(4150);
    const before = await databaseSnapshot(h.t);
    const probes: Probe[] = [
      {
        method: 'POST',
        url: `${MANAGE}/account-access-consents`,
        headers: { authorization: h.gateway, 'x-wso2-client-id': TPP, ...json },
        payload: `{"Data":{"Permissions":["ReadAccountsBasic"]},"Risk":${deep}}`,
      },
      {
        method: 'POST',
        url: '/api/fs/consent/validate',
        headers: { authorization: h.gateway, ...json },
        payload: deep,
      },
      {
        method: 'POST',
        url: '/b2b-gateway/customers/lookup',
        headers: { authorization: partner, ...json },
        payload: deep,
      },
      { method: 'POST', url: '/admin/clients', headers: { authorization: admin, ...json }, payload: deep },
      {
        method: 'POST',
        url: `${COF}/funds-confirmation-consents`,
        headers: { authorization: `Bearer ${cbpii}`, 'x-fapi-financial-id': FINANCIAL_ID, ...json },
        payload: deep,
      },
    ];
    for (const probe of probes) {
      const response = await answer(probe);
      // 413 where the nested body is over the API's body limit (validate: 16 KiB), else 400.
      expect([400, 413], probe.url).toContain(response.statusCode);
    }
    expect(await databaseSnapshot(h.t)).toBe(before);
  });
});
