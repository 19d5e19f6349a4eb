// Seed 004's sample requests replayed; responses compared field by field with its samples (ids, times
// and the sample's placeholder values aside). The seed's own ids are used where they are names: client
// 9fj2Fk43n6395ef, user "string", account 31820.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COF,
  FINANCIAL_ID,
  givenAccount,
  givenPsu,
  givenTpp,
  tokenFor,
} from '../../../test/helpers/funds.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

const SEED_CLIENT = '9fj2Fk43n6395ef';

const SEED_CREATE_REQUEST = {
  Data: {
    ExpirationDateTime: '2019-03-21T05:59:55.212Z',
    DebtorAccount: {
      SchemeName: 'string',
      Identification: 'string',
      Name: 'string',
      SecondaryIdentification: 'string',
    },
  },
};
const SEED_CONSENT_RESPONSE = {
  Data: {
    ConsentId: 'string',
    CreationDateTime: '2019-03-21T05:59:55.324Z',
    Status: 'Authorised',
    StatusUpdateDateTime: '2019-03-21T05:59:55.324Z',
    ExpirationDateTime: '2019-03-21T05:59:55.324Z',
    DebtorAccount: {
      SchemeName: 'string',
      Identification: 'string',
      Name: 'string',
      SecondaryIdentification: 'string',
    },
  },
  Links: { Self: 'string', First: 'string', Prev: 'string', Next: 'string', Last: 'string' },
  Meta: {
    TotalPages: 0,
    FirstAvailableDateTime: '2019-03-21T05:59:55.324Z',
    LastAvailableDateTime: '2019-03-21T05:59:55.324Z',
  },
};
const SEED_SEARCH_ITEM = {
  ConsentId: 'string',
  fundsConfirmationResponseData: SEED_CONSENT_RESPONSE,
  initiationTimestamp: '2018-06-07T10:33:18.000Z',
  status: 'AwaitingAuthorisation',
  clientId: SEED_CLIENT,
  userId: 'string',
  debtorAccount: '31820',
  consentGivenTimestamp: '2018-06-07T10:33:18.000Z',
  collectionMethod: 'web',
};
const SEED_USER_CONSENT = {
  ConsentId: 'string',
  collectionMethod: 'web',
  userId: 'string',
  accountIds: ['31820'],
  status: 'AwaitingAuthorisation',
  givenTimeStamp: '2018-06-07T10:33:18.000Z',
};
const SEED_VALIDATION = { clientId: SEED_CLIENT, userId: 'string', ConsentId: 'string' };
const SEED_ERROR_KEYS = ['Code', 'Id', 'Message', 'Errors'];
const SEED_ERROR_ITEM_KEYS = ['ErrorCode', 'Message', 'Path', 'Url'];

let t: TestContext;
let token: string;
let consentId: string;

function send(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, payload?: object) {
  return t.app.inject({
    method,
    url: `${COF}${path}`,
    headers: {
      authorization: `Bearer ${token}`,
      'x-fapi-financial-id': FINANCIAL_ID,
      userid: 'string',
      ...(payload ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload ? { payload } : {}),
  });
}

const sorted = (value: object) => Object.keys(value).sort();

beforeAll(async () => {
  t = await createTestContext({ rateLimitBurst: 100_000 });
  await givenTpp(t, SEED_CLIENT, ['CBPII']);
  token = await tokenFor(t, SEED_CLIENT);
  const psu = await givenPsu(t.ctx, 'string');
  await givenAccount(t.ctx, psu.customerId, { accountId: '31820' });
});
afterAll(() => t.close());

describe('seed 004 replayed', () => {
  it('POST /funds-confirmation-consents answers 201 with the seed fields', async () => {
    // The sample's expiry is in 2019: only the date moves to the future.
    const request = structuredClone(SEED_CREATE_REQUEST);
    request.Data.ExpirationDateTime = '2027-03-21T05:59:55.212Z';
    const response = await send('POST', '/funds-confirmation-consents', request);
    expect(response.statusCode).toBe(201);
    const body = response.json();
    consentId = body.Data.ConsentId;
    expect(Object.keys(body.Data)).toEqual(Object.keys(SEED_CONSENT_RESPONSE.Data));
    expect(body.Data.DebtorAccount).toEqual(SEED_CONSENT_RESPONSE.Data.DebtorAccount);
    expect(body.Data.ExpirationDateTime).toBe('2027-03-21T05:59:55.212Z');
    expect(body.Data.Status).toBe('AwaitingAuthorisation');
    expect(Object.keys(SEED_CONSENT_RESPONSE.Links)).toEqual(expect.arrayContaining(Object.keys(body.Links)));
    expect(Object.keys(SEED_CONSENT_RESPONSE.Meta)).toEqual(expect.arrayContaining(Object.keys(body.Meta)));
    expect(typeof body.Meta.TotalPages).toBe(typeof SEED_CONSENT_RESPONSE.Meta.TotalPages);
  });

  it('GET /funds-confirmation-consents/{ConsentId} answers 200 with the seed fields', async () => {
    const response = await send('GET', `/funds-confirmation-consents/${consentId}`);
    expect(response.statusCode).toBe(200);
    expect(Object.keys(response.json().Data)).toEqual(Object.keys(SEED_CONSENT_RESPONSE.Data));
  });

  it('POST /funds-confirmation-user-consent answers with the sample body', async () => {
    const request = { ...SEED_USER_CONSENT, ConsentId: consentId };
    const response = await send('POST', '/funds-confirmation-user-consent', request);
    // Seed 004 prints 204 next to a response body; a body needs another status (README).
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual(request);
  });

  it('PUT /funds-confirmation-user-consent answers with the sample body', async () => {
    const request = { ...SEED_USER_CONSENT, ConsentId: consentId };
    const response = await send('PUT', '/funds-confirmation-user-consent', request);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(request);
  });

  it('GET /funds-confirmation-consents answers the sample list item', async () => {
    const response = await send('GET', '/funds-confirmation-consents?limit=25&offset=0&userId=string');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(sorted(body)).toEqual(['count', 'list']);
    expect(body.count).toBe(1);
    const item = body.list[0];
    expect(Object.keys(item)).toEqual(Object.keys(SEED_SEARCH_ITEM));
    expect({
      ...item,
      ConsentId: 'string',
      initiationTimestamp: SEED_SEARCH_ITEM.initiationTimestamp,
    }).toEqual({
      ...SEED_SEARCH_ITEM,
      fundsConfirmationResponseData: item.fundsConfirmationResponseData,
    });
    expect(Object.keys(item.fundsConfirmationResponseData.Data)).toEqual(
      Object.keys(SEED_CONSENT_RESPONSE.Data),
    );
  });

  it('POST /funds-confirmation-validation answers 200 once the PSU authorised', async () => {
    await send('PUT', '/funds-confirmation-user-consent', {
      ...SEED_USER_CONSENT,
      ConsentId: consentId,
      status: 'Authorised',
    });
    const response = await send('POST', '/funds-confirmation-validation', {
      ...SEED_VALIDATION,
      ConsentId: consentId,
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });

  it('answers errors in the seed error body', async () => {
    const response = await send('POST', '/funds-confirmation-validation', SEED_VALIDATION);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(sorted(body)).toEqual([...SEED_ERROR_KEYS].sort());
    for (const error of body.Errors)
      expect(SEED_ERROR_ITEM_KEYS).toEqual(expect.arrayContaining(Object.keys(error)));
  });

  it('DELETE /funds-confirmation-consents/{ConsentId} answers 204', async () => {
    const response = await send('DELETE', `/funds-confirmation-consents/${consentId}`);
    expect(response.statusCode).toBe(204);
    expect((await send('GET', `/funds-confirmation-consents/${consentId}`)).json().Data.Status).toBe(
      'Revoked',
    );
  });
});
