// POST /api/fs/consent/validate, the gateway's hot path: valid only for the consent's own client, when
// Authorised, not expired at this instant, and (when asked) for a user holding an active authorisation, an
// account mapped active and a granted permission. Usage is recorded in batches, not per call.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { flushConsentUsage } from '../../services/consents/flush-consent-usage.js';
import { LAST_USAGE_RESOLUTION_MS } from '../../services/consents/usage-recorder.js';
import { basic, givenOperator } from '../../../test/helpers/factories.js';
import { createManageHarness, OTHER_TPP, TPP, type ManageHarness } from '../../../test/helpers/manage-api.js';
import { istIn } from '../../../test/helpers/ob-samples.js';
import { TEST_NOW } from '../../../test/helpers/test-context.js';

const URL = '/api/fs/consent/validate';
const EXPIRY = istIn(5);

let h: ManageHarness;
let consentId: string;

function validate(body: unknown, options: Parameters<ManageHarness['send']>[2] = {}) {
  return h.send('POST', URL, { client: null, payload: body, ...options });
}

async function verdict(body: Record<string, unknown>) {
  const response = await validate(body);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

/** An authorised account consent: olivia holds 31820 (ReadBalances, ReadAccountsBasic) and an inactive
 * 31822; paul holds 31821 (ReadTransactionsDetail); a revoked authorisation of eve holds 31823. */
async function givenAuthorisedConsent(client = TPP) {
  const { consentId: id } = await h.create('account-access-consents', {
    client,
    body: {
      Data: {
        Permissions: [
          'ReadAccountsBasic',
          'ReadBalances',
          'ReadTransactionsDetail',
          'ReadTransactionsDebits',
        ],
        ExpirationDateTime: EXPIRY,
      },
      Risk: {},
    },
  });
  const put = await h.send('PUT', `account-access-consents/${id}`, {
    client,
    internal: true,
    payload: {
      status: 'Authorised',
      authorizationResources: [
        {
          userID: 'olivia',
          authorizationType: 'authorisation',
          authorizationStatus: 'Authorised',
          resources: [
            { accountID: '31820', permission: 'ReadBalances', mappingStatus: 'active' },
            { accountID: '31820', permission: 'ReadAccountsBasic', mappingStatus: 'active' },
            { accountID: '31822', permission: 'ReadBalances', mappingStatus: 'inactive' },
          ],
        },
        {
          userID: 'paul',
          authorizationType: 'authorisation',
          authorizationStatus: 'Authorised',
          resources: [{ accountID: '31821', permission: 'ReadTransactionsDetail', mappingStatus: 'active' }],
        },
        {
          userID: 'eve',
          authorizationType: 'authorisation',
          authorizationStatus: 'Revoked',
          resources: [{ accountID: '31823', permission: 'ReadBalances', mappingStatus: 'active' }],
        },
      ],
    },
  });
  expect(put.statusCode, put.body).toBe(200);
  return id;
}

beforeAll(async () => {
  h = await createManageHarness();
  consentId = await givenAuthorisedConsent();
});
afterAll(() => h.close());
afterEach(() => h.t.clock.set(TEST_NOW));

describe('a valid consent', () => {
  it('is valid for its client, with its information', async () => {
    expect(await verdict({ consentId, clientId: TPP })).toEqual({
      isValid: true,
      consentInformation: {
        consentId,
        consentType: 'accounts',
        consentResource: 'account-access-consents',
        clientId: TPP,
        status: 'Authorised',
        userId: 'olivia',
        expirationDateTime: new Date(Date.parse(EXPIRY)).toISOString(),
      },
    });
  });

  it.each([
    [{ userId: 'olivia' }],
    [{ userId: 'olivia', accountId: '31820' }],
    [{ userId: 'olivia', accountId: '31820', permission: 'ReadBalances' }],
    [{ userId: 'olivia', accountId: '31820', permission: 'ReadAccountsBasic' }],
    [{ userId: 'paul', accountId: '31821', permission: 'ReadTransactionsDetail' }],
    [{ accountId: '31821' }],
    [{ permission: 'ReadBalances' }],
  ])('is valid for %j', async (extra) => {
    const result = await verdict({ consentId, clientId: TPP, ...extra });
    expect(result.isValid).toBe(true);
    expect(result.errorCode).toBeUndefined();
  });

  it('is valid until the instant before its expiry', async () => {
    h.t.clock.set(Date.parse(EXPIRY) - 1);
    expect((await verdict({ consentId, clientId: TPP })).isValid).toBe(true);
  });
});

describe('negative cases: isValid false with their errorCode', () => {
  const NOT_FOUND = {
    isValid: false,
    errorCode: 'UK.OBIE.Resource.NotFound',
    errorMessage: 'The consent was not found',
  };

  it('an unknown consent id', async () => {
    expect(await verdict({ consentId: '5a0e0c62-2f7a-4a4e-9f3e-6d1e0f6b8c11', clientId: TPP })).toEqual(
      NOT_FOUND,
    );
  });

  it('a malformed consent id', async () => {
    expect(await verdict({ consentId: 'not-a-uuid', clientId: TPP })).toEqual(NOT_FOUND);
  });

  it("another client's consent: the same answer, nothing revealed", async () => {
    expect(await verdict({ consentId, clientId: OTHER_TPP })).toEqual(NOT_FOUND);
    expect(await verdict({ consentId, clientId: 'nobody' })).toEqual(NOT_FOUND);
  });

  it('expired at this instant (the clock moved, nothing written)', async () => {
    h.t.clock.set(Date.parse(EXPIRY));
    const result = await verdict({ consentId, clientId: TPP });
    expect(result).toMatchObject({
      isValid: false,
      errorCode: 'UK.OBIE.Resource.InvalidConsentStatus',
      errorMessage: 'The consent has expired',
      consentInformation: { status: 'Expired' },
    });
    expect((await h.t.ctx.storage.repos.consents.findById(consentId))?.status).toBe('Authorised');
  });

  it.each(['AwaitingAuthorisation', 'Rejected', 'Revoked'])('a consent %s', async (status) => {
    const { consentId: id } = await h.create('account-access-consents');
    if (status === 'Rejected' || status === 'Revoked')
      await h.send('PUT', `account-access-consents/${id}`, { internal: true, payload: { status } });
    expect(await verdict({ consentId: id, clientId: TPP })).toMatchObject({
      isValid: false,
      errorCode: 'UK.OBIE.Resource.InvalidConsentStatus',
      errorMessage: `The consent is ${status}, not Authorised`,
      consentInformation: { consentId: id, status },
    });
  });

  it('a user without an authorisation', async () => {
    expect(await verdict({ consentId, clientId: TPP, userId: 'mallory' })).toMatchObject({
      isValid: false,
      errorCode: 'UK.OBIE.Resource.ConsentMismatch',
      errorMessage: 'The user holds no active authorisation on this consent',
    });
  });

  it('a user whose authorisation was revoked', async () => {
    expect(await verdict({ consentId, clientId: TPP, userId: 'eve' })).toMatchObject({
      isValid: false,
      errorCode: 'UK.OBIE.Resource.ConsentMismatch',
      errorMessage: 'The user holds no active authorisation on this consent',
    });
  });

  it.each([
    ['an account that is not mapped', { accountId: '99999' }],
    ['an account mapped inactive', { accountId: '31822' }],
    ['an account only under a revoked authorisation', { accountId: '31823' }],
    ["another user's account", { userId: 'olivia', accountId: '31821' }],
  ])('%s', async (_name, extra) => {
    expect(await verdict({ consentId, clientId: TPP, ...extra })).toMatchObject({
      isValid: false,
      errorCode: 'UK.OBIE.Resource.ConsentMismatch',
      errorMessage: 'The account is not mapped to this consent',
    });
  });

  it.each([
    ['a permission not granted', { permission: 'ReadStatementsDetail' }],
    ['a permission granted on another account', { accountId: '31820', permission: 'ReadTransactionsDetail' }],
    ['a permission granted to another user', { userId: 'olivia', permission: 'ReadTransactionsDetail' }],
    [
      'a permission only on an inactive mapping',
      { accountId: '31822', permission: 'ReadBalances', userId: undefined },
    ],
  ])('%s', async (name, extra) => {
    const body = { consentId, clientId: TPP, ...extra };
    const result = await verdict(body);
    expect(result.isValid).toBe(false);
    expect(result.errorCode).toBe('UK.OBIE.Resource.ConsentMismatch');
    if (name !== 'a permission only on an inactive mapping')
      expect(result.errorMessage).toBe('The permission was not granted');
  });
});

describe('last usage', () => {
  it('is noted in memory on a valid call and written only by the batch flush', async () => {
    const id = await givenAuthorisedConsent();
    await flushConsentUsage(h.t.ctx);
    h.t.clock.set(TEST_NOW + 1000);
    await verdict({ consentId: id, clientId: TPP });
    h.t.clock.set(TEST_NOW + 2000);
    await verdict({ consentId: id, clientId: TPP });
    expect((await h.t.ctx.storage.repos.consents.findById(id))?.lastUsageAt).toBeNull();
    expect(h.t.ctx.usage.size).toBe(1);
    expect(await flushConsentUsage(h.t.ctx)).toBe(1);
    expect((await h.t.ctx.storage.repos.consents.findById(id))?.lastUsageAt).toBe(TEST_NOW + 2000);
    expect(h.t.ctx.usage.size).toBe(0);
    expect(await flushConsentUsage(h.t.ctx)).toBe(0);
  });

  it('is kept to the minute: a use within a minute of the recorded one is not noted again', async () => {
    const id = await givenAuthorisedConsent();
    await flushConsentUsage(h.t.ctx);
    h.t.clock.set(TEST_NOW + 1000);
    await verdict({ consentId: id, clientId: TPP });
    expect(await flushConsentUsage(h.t.ctx)).toBe(1);
    h.t.clock.set(TEST_NOW + 1000 + LAST_USAGE_RESOLUTION_MS - 1);
    expect((await verdict({ consentId: id, clientId: TPP })).isValid).toBe(true);
    expect(h.t.ctx.usage.size).toBe(0);
    expect((await h.t.ctx.storage.repos.consents.findById(id))?.lastUsageAt).toBe(TEST_NOW + 1000);
    h.t.clock.set(TEST_NOW + 1000 + LAST_USAGE_RESOLUTION_MS);
    await verdict({ consentId: id, clientId: TPP });
    expect(await flushConsentUsage(h.t.ctx)).toBe(1);
    expect((await h.t.ctx.storage.repos.consents.findById(id))?.lastUsageAt).toBe(
      TEST_NOW + 1000 + LAST_USAGE_RESOLUTION_MS,
    );
  });

  it('is not noted for an invalid call', async () => {
    const id = await givenAuthorisedConsent();
    await flushConsentUsage(h.t.ctx);
    await verdict({ consentId: id, clientId: TPP, userId: 'mallory' });
    await verdict({ consentId: id, clientId: OTHER_TPP });
    expect(h.t.ctx.usage.size).toBe(0);
  });

  it('never moves backwards', async () => {
    const id = await givenAuthorisedConsent();
    h.t.clock.set(TEST_NOW + 5000);
    await verdict({ consentId: id, clientId: TPP });
    await flushConsentUsage(h.t.ctx);
    await h.t.ctx.storage.repos.consentWriter.recordUsage(new Map([[id, TEST_NOW + 10]]));
    expect((await h.t.ctx.storage.repos.consents.findById(id))?.lastUsageAt).toBe(TEST_NOW + 5000);
  });

  it('writes a large batch in several statements, each row to its own consent, none backwards', async () => {
    const [first, middle, last] = [
      await givenAuthorisedConsent(),
      await givenAuthorisedConsent(),
      await givenAuthorisedConsent(),
    ];
    h.t.clock.set(TEST_NOW + 50_000);
    await verdict({ consentId: middle, clientId: TPP });
    await flushConsentUsage(h.t.ctx);
    // 1,200 entries: the three consents at the start, in the middle and at the end; unknown ids between.
    const batch = new Map<string, number>();
    batch.set(first, TEST_NOW + 7000);
    for (let i = 0; i < 1197; i++) {
      if (i === 600) batch.set(middle, TEST_NOW + 8000); // older than its recorded use: ignored
      batch.set(crypto.randomUUID(), TEST_NOW + 1);
    }
    batch.set(last, TEST_NOW + 9000);
    expect(batch.size).toBe(1200);
    const before = await h.snapshot();
    await h.t.ctx.storage.repos.consentWriter.recordUsage(batch);
    const stored = async (id: string) => (await h.t.ctx.storage.repos.consents.findById(id))?.lastUsageAt;
    expect(await stored(first)).toBe(TEST_NOW + 7000);
    expect(await stored(middle)).toBe(TEST_NOW + 50_000);
    expect(await stored(last)).toBe(TEST_NOW + 9000);
    // The cached validation view saw the new times too.
    const view = await h.t.ctx.storage.repos.consents.findValidationView(last);
    expect(view?.consent.lastUsageAt).toBe(TEST_NOW + 9000);
    // Only last-usage times changed: no history, no other column.
    const ignoringUsage = (snapshot: string) =>
      Object.entries(JSON.parse(snapshot) as Record<string, string[]>).map(([table, rows]) => [
        table,
        rows.map((row) => ({ ...(JSON.parse(row) as object), last_usage_at: undefined })),
      ]);
    expect(ignoringUsage(await h.snapshot())).toEqual(ignoringUsage(before));
  });

  it('validation writes nothing else', async () => {
    await flushConsentUsage(h.t.ctx);
    const before = await h.snapshot();
    for (let i = 0; i < 3; i++) await verdict({ consentId, clientId: TPP, userId: 'olivia' });
    expect(await h.snapshot()).toBe(before);
    h.t.ctx.usage.drain();
  });
});

describe('bad validate requests', () => {
  async function expectRefused(
    response: Awaited<ReturnType<ManageHarness['send']>>,
    status: number,
    errorCode: string,
    path?: string,
  ) {
    expect(response.statusCode, response.body).toBe(status);
    const body = response.json();
    expect(body.Code).toBe(String(status));
    expect(body.Id).toBe(response.headers['x-fapi-interaction-id']);
    expect(body.Errors[0].ErrorCode).toBe(errorCode);
    if (path) expect(body.Errors.map((e: { Path?: string }) => e.Path)).toContain(path);
  }

  it('without credentials: 401, even with a bad body', async () => {
    await expectRefused(await validate({ nonsense: 1 }, { auth: null }), 401, 'UK.OBIE.Header.Missing');
    await expectRefused(
      await validate({ consentId, clientId: TPP }, { auth: basic('gateway', 'wrong') }),
      401,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('an operator without a consent-management role: 403', async () => {
    const officer = await givenOperator(h.t.ctx, 'officer-v', ['customer-care-officer']);
    await expectRefused(
      await validate({ consentId, clientId: TPP }, { auth: officer.authorization }),
      403,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('missing consentId: 400 with its Path', async () => {
    await expectRefused(await validate({ clientId: TPP }), 400, 'UK.OBIE.Field.Missing', 'consentId');
  });

  it('an unknown field: 400 with its Path', async () => {
    await expectRefused(
      await validate({ consentId, clientId: TPP, scope: 'x' }),
      400,
      'UK.OBIE.Field.Invalid',
      'scope',
    );
  });

  it('a wrong type: 400 with its Path', async () => {
    await expectRefused(await validate({ consentId, clientId: 7 }), 400, 'UK.OBIE.Field.Invalid', 'clientId');
  });

  it('malformed JSON: 400', async () => {
    await expectRefused(await validate('{"consentId":'), 400, 'UK.OBIE.Resource.InvalidFormat');
  });

  it('Content-Type text/plain: 415', async () => {
    await expectRefused(
      await validate(JSON.stringify({ consentId, clientId: TPP }), {
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('Accept: text/xml: 406', async () => {
    await expectRefused(
      await validate({ consentId, clientId: TPP }, { headers: { accept: 'text/xml' } }),
      406,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('GET: 405', async () => {
    await expectRefused(await h.send('GET', URL, { client: null }), 405, 'UK.OBIE.Resource.InvalidFormat');
  });

  it('echoes the interaction id', async () => {
    const response = await validate(
      { consentId, clientId: TPP },
      { headers: { 'x-fapi-interaction-id': 'gw-123' } },
    );
    expect(response.headers['x-fapi-interaction-id']).toBe('gw-123');
  });
});
