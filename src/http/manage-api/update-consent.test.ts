// PUT /api/fs/consent/manage/{resource}/{id} (bank-internal): seed 002's "Update Behavior" rules, status
// changes through the lifecycle table with exactly one history row per change, and refusals that change
// nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentResource } from '../ob/consent-resources.js';
import { createManageHarness, OTHER_TPP, type ManageHarness } from '../../../test/helpers/manage-api.js';
import { TEST_NOW } from '../../../test/helpers/test-context.js';

let h: ManageHarness;
beforeAll(async () => {
  h = await createManageHarness();
});
afterAll(() => h.close());
afterEach(() => h.t.clock.set(TEST_NOW));

const FULL = {
  status: 'Authorised',
  validityPeriod: 1780000000,
  recurringIndicator: true,
  consentFrequency: 3,
  receipt: JSON.stringify({ Data: { Permissions: ['ReadBalances'] }, Risk: {} }),
  consentAttributes: { a: '1', b: '2' },
  authorizationResources: [
    {
      userID: 'olivia@example.com',
      authorizationType: 'authorisation',
      authorizationStatus: 'Authorised',
      resources: [{ accountID: '31820', permission: 'ReadBalances', mappingStatus: 'active' }],
    },
  ],
};

async function put(resource: ConsentResource, consentId: string, payload: unknown, internal = true) {
  return h.send('PUT', `${resource}/${consentId}`, { internal, payload });
}

/** A consent updated with FULL, and its stored detail. */
async function givenUpdatedConsent() {
  const { consentId } = await h.create('account-access-consents');
  const response = await put('account-access-consents', consentId, FULL);
  expect(response.statusCode).toBe(200);
  return { consentId, detail: response.json() };
}

/** The stored consent without updatedAt (every accepted PUT bumps it). */
async function stored(consentId: string) {
  const detail = (await h.t.ctx.storage.repos.consents.findDetail(consentId))!;
  const { updatedAt: _updatedAt, ...consent } = detail.consent;
  return { ...detail, consent };
}

describe('update behaviour: absent or null keeps', () => {
  it('a body of nulls keeps every value', async () => {
    const { consentId, detail } = await givenUpdatedConsent();
    const before = await stored(consentId);
    h.t.clock.advance(1000);
    const response = await put('account-access-consents', consentId, {
      consentID: null,
      status: null,
      validityPeriod: null,
      recurringIndicator: null,
      consentFrequency: null,
      receipt: null,
      consentAttributes: null,
      authorizationResources: null,
    });
    expect(response.statusCode).toBe(200);
    expect({ ...response.json(), updatedTime: 0 }).toEqual({ ...detail, updatedTime: 0 });
    expect(await stored(consentId)).toEqual(before);
  });

  it('an empty body keeps every value', async () => {
    const { consentId, detail } = await givenUpdatedConsent();
    const before = await stored(consentId);
    const response = await put('account-access-consents', consentId, {});
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual(detail);
    expect(await stored(consentId)).toEqual(before);
  });

  it('one field changes only that field', async () => {
    const { consentId, detail } = await givenUpdatedConsent();
    const before = await stored(consentId);
    const response = await put('account-access-consents', consentId, { consentFrequency: 9 });
    expect(response.json()).toEqual({ ...detail, consentFrequency: 9 });
    expect(await stored(consentId)).toEqual({ ...before, consent: { ...before.consent, frequency: 9 } });
  });
});

describe('update behaviour: consentAttributes', () => {
  it('empty {} deletes them all', async () => {
    const { consentId } = await givenUpdatedConsent();
    const response = await put('account-access-consents', consentId, { consentAttributes: {} });
    expect(response.json().consentAttributes).toEqual({});
    expect((await stored(consentId)).attributes).toEqual({});
  });

  it('non-empty replaces them (old keys are gone)', async () => {
    const { consentId } = await givenUpdatedConsent();
    const response = await put('account-access-consents', consentId, {
      consentAttributes: { c: '3', a: 'x' },
    });
    expect(response.json().consentAttributes).toEqual({ a: 'x', c: '3' });
    expect((await stored(consentId)).attributes).toEqual({ a: 'x', c: '3' });
  });
});

describe('update behaviour: authorizationResources', () => {
  it('empty [] deletes every authorisation and mapping', async () => {
    const { consentId } = await givenUpdatedConsent();
    const [auths, mappings] = [await h.count('authorisations'), await h.count('consent_account_mappings')];
    const response = await put('account-access-consents', consentId, { authorizationResources: [] });
    expect(response.json().authorizationResources).toEqual([]);
    const after = await stored(consentId);
    expect(after.authorisations).toEqual([]);
    expect(after.consent.userId).toBeNull();
    expect(await h.count('authorisations')).toBe(auths - 1);
    expect(await h.count('consent_account_mappings')).toBe(mappings - 1);
  });

  it('non-empty replaces them all, with new ids, and sets the primary user', async () => {
    const { consentId, detail } = await givenUpdatedConsent();
    const oldId = detail.authorizationResources[0].authorizationID;
    const response = await put('account-access-consents', consentId, {
      authorizationResources: [
        {
          userID: 'paul@example.com',
          authorizationType: 'reauthorisation',
          authorizationStatus: 'Created',
          resources: [
            { accountID: '1', permission: 'ReadAccountsBasic', mappingStatus: 'active' },
            { accountID: '2', permission: 'ReadAccountsBasic', mappingStatus: 'active' },
          ],
        },
      ],
    });
    expect(response.statusCode).toBe(200);
    const auths = response.json().authorizationResources;
    expect(auths).toHaveLength(1);
    expect(auths[0].authorizationID).not.toBe(oldId);
    expect(auths[0]).toMatchObject({ userID: 'paul@example.com', authorizationType: 'reauthorisation' });
    const after = await stored(consentId);
    expect(after.consent.userId).toBe('paul@example.com');
    expect(after.authorisations).toHaveLength(1);
    expect(after.authorisations[0]!.mappings.map((m) => m.accountId).sort()).toEqual(['1', '2']);
  });

  it('an authorizationID and mappingID of this consent may be kept', async () => {
    const { consentId, detail } = await givenUpdatedConsent();
    const auth = detail.authorizationResources[0];
    const response = await put('account-access-consents', consentId, {
      authorizationResources: [{ ...auth, authorizationStatus: 'Revoked' }],
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().authorizationResources).toEqual([{ ...auth, authorizationStatus: 'Revoked' }]);
  });

  it("another consent's authorizationID or mappingID is a 400 and changes nothing", async () => {
    const { detail: theirs } = await givenUpdatedConsent();
    const { consentId } = await givenUpdatedConsent();
    const before = await h.snapshot();
    const stolenAuth = await put('account-access-consents', consentId, {
      authorizationResources: [{ ...theirs.authorizationResources[0], resources: [] }],
    });
    expect(stolenAuth.statusCode).toBe(400);
    expect(stolenAuth.json().Errors[0].ErrorCode).toBe('UK.OBIE.Field.Invalid');
    const stolenMapping = await put('account-access-consents', consentId, {
      authorizationResources: [
        {
          authorizationType: 'authorisation',
          authorizationStatus: 'Authorised',
          resources: [theirs.authorizationResources[0].resources[0]],
        },
      ],
    });
    expect(stolenMapping.statusCode).toBe(400);
    const duplicate = await put('account-access-consents', consentId, {
      authorizationResources: [
        { authorizationID: 'dup', authorizationType: 'a', authorizationStatus: 'Created' },
        { authorizationID: 'dup', authorizationType: 'a', authorizationStatus: 'Created' },
      ],
    });
    expect(duplicate.statusCode).toBe(400);
    expect(await h.snapshot()).toBe(before);
  });

  it('binding a user who is not a customer is a 400 naming the field, and changes nothing', async () => {
    const { consentId } = await givenUpdatedConsent();
    const before = await h.snapshot();
    const res = await put('account-access-consents', consentId, {
      status: 'Authorised',
      authorizationResources: [
        { userID: 'olivia', authorizationType: 'authorisation', authorizationStatus: 'Authorised' },
        { userID: 'nobody-known', authorizationType: 'authorisation', authorizationStatus: 'Authorised' },
      ],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().Errors).toEqual([
      {
        ErrorCode: 'UK.OBIE.Field.Invalid',
        Message: 'No customer with the username nobody-known',
        Path: 'authorizationResources[1].userID',
      },
    ]);
    expect(await h.snapshot()).toBe(before);
  });
});

describe('update of the other fields', () => {
  it('stores validityPeriod, recurringIndicator, consentFrequency and the receipt', async () => {
    const { consentId } = await h.create('account-access-consents');
    const receipt = { Data: { Permissions: ['ReadAccountsDetail'] }, Risk: {} };
    const response = await put('account-access-consents', consentId, {
      validityPeriod: 1790000000,
      recurringIndicator: true,
      consentFrequency: 2,
      receipt: JSON.stringify(receipt),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      validityPeriod: 1790000000,
      recurringIndicator: true,
      consentFrequency: 2,
    });
    expect(JSON.parse(response.json().receipt)).toEqual(receipt);
    expect((await stored(consentId)).consent).toMatchObject({
      expiresAt: 1790000000_000,
      recurringIndicator: true,
      frequency: 2,
    });
    expect(JSON.parse((await stored(consentId)).consent.receipt)).toEqual(receipt);
  });

  it('writes an audit row naming the fields and the bank operator', async () => {
    const { consentId } = await h.create('account-access-consents');
    await put('account-access-consents', consentId, { consentFrequency: 2, consentAttributes: {} });
    const audit = await h.t.ctx.storage.repos.audit.listForTarget('consent', consentId);
    expect(audit).toMatchObject([
      {
        action: 'consent.updated',
        actor: { type: 'bank', id: 'gateway' },
        details: { fields: ['consentFrequency', 'consentAttributes'] },
      },
    ]);
  });
});

describe('status changes', () => {
  it.each([
    ['account-access-consents', [], 'AwaitingAuthorisation', 'Authorised'],
    ['account-access-consents', [], 'AwaitingAuthorisation', 'Rejected'],
    ['account-access-consents', [], 'AwaitingAuthorisation', 'Revoked'],
    ['account-access-consents', ['Authorised'], 'Authorised', 'Revoked'],
    ['account-access-consents', ['Authorised'], 'Authorised', 'Expired'],
    ['domestic-payment-consents', ['Authorised'], 'Authorised', 'Consumed'],
    ['domestic-vrp-consents', [], 'AwaitingAuthorisation', 'Authorised'],
    ['funds-confirmation-consents', ['Authorised'], 'Authorised', 'Revoked'],
  ] as const)('%s %s -> %s -> %s writes exactly one history row', async (resource, setup, from, to) => {
    const { consentId } = await h.create(resource);
    for (const status of setup) expect((await put(resource, consentId, { status })).statusCode).toBe(200);
    const historyBefore = await h.t.ctx.storage.repos.consents.history(consentId);
    expect(historyBefore.at(-1)?.toStatus).toBe(from);
    h.t.clock.advance(60_000);
    const response = await put(resource, consentId, { status: to });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().status).toBe(to);
    const history = await h.t.ctx.storage.repos.consents.history(consentId);
    expect(history).toHaveLength(historyBefore.length + 1);
    expect(history.at(-1)).toMatchObject({
      fromStatus: from,
      toStatus: to,
      reason: 'Status updated by the bank',
      actor: { type: 'bank', id: 'gateway' },
      at: TEST_NOW + 60_000,
    });
    expect((await stored(consentId)).consent).toMatchObject({
      status: to,
      statusUpdatedAt: TEST_NOW + 60_000,
    });
  });

  it('the same status again writes no history row', async () => {
    const { consentId } = await h.create('account-access-consents');
    await put('account-access-consents', consentId, { status: 'Authorised' });
    const before = await h.t.ctx.storage.repos.consents.history(consentId);
    const outbox = await h.count('outbox');
    const response = await put('account-access-consents', consentId, { status: 'Authorised' });
    expect(response.statusCode).toBe(200);
    expect(await h.t.ctx.storage.repos.consents.history(consentId)).toEqual(before);
    expect(await h.count('outbox')).toBe(outbox);
  });

  it.each([
    ['account-access-consents', ['Revoked'], 'Authorised'],
    ['account-access-consents', ['Rejected'], 'Authorised'],
    ['account-access-consents', ['Authorised'], 'Rejected'],
    ['account-access-consents', ['Authorised'], 'AwaitingAuthorisation'],
    ['account-access-consents', [], 'Consumed'],
    ['domestic-payment-consents', [], 'Consumed'],
    ['domestic-payment-consents', ['Authorised', 'Consumed'], 'Authorised'],
    ['file-payment-consents', [], 'Authorised'],
    ['file-payment-consents', [], 'AwaitingAuthorisation'],
    ['account-access-consents', [], 'AwaitingUpload'],
    ['account-access-consents', [], 'Nonsense'],
  ] as const)('%s after %s -> %s is a 400 and changes nothing', async (resource, setup, to) => {
    const { consentId } = await h.create(resource);
    for (const status of setup) expect((await put(resource, consentId, { status })).statusCode).toBe(200);
    const before = await h.snapshot();
    // Other fields in the same request are not applied either: one use case, one transaction.
    const response = await put(resource, consentId, {
      status: to,
      consentAttributes: { x: 'y' },
      consentFrequency: 7,
      authorizationResources: [],
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().Errors[0].ErrorCode).toBe('UK.OBIE.Resource.InvalidConsentStatus');
    expect(await h.snapshot()).toBe(before);
  });

  it('a payment consent cannot be revoked through PUT either', async () => {
    const { consentId } = await h.create('domestic-payment-consents');
    const before = await h.snapshot();
    const response = await put('domestic-payment-consents', consentId, { status: 'Revoked' });
    expect(response.statusCode).toBe(400);
    expect(response.json().Errors[0]).toMatchObject({
      ErrorCode: 'UK.OBIE.Resource.InvalidConsentStatus',
      Message: 'Payment consents cannot be revoked',
    });
    expect(await h.snapshot()).toBe(before);
  });

  it('a consent past its expiry cannot be authorised, nor revived by a new validityPeriod', async () => {
    const { consentId } = await h.create('account-access-consents');
    await put('account-access-consents', consentId, { status: 'Authorised' });
    h.t.clock.advance(10 * 86_400_000);
    const before = await h.snapshot();
    const authorise = await put('account-access-consents', consentId, { status: 'Authorised' });
    expect(authorise.statusCode).toBe(400);
    expect(await h.snapshot()).toBe(before);

    const extend = await put('account-access-consents', consentId, {
      validityPeriod: Math.floor(h.t.clock.now() / 1000) + 86_400,
    });
    expect(extend.statusCode).toBe(200);
    expect(extend.json().status).toBe('Expired');
    const history = await h.t.ctx.storage.repos.consents.history(consentId);
    expect(history.at(-1)).toMatchObject({ fromStatus: 'Authorised', toStatus: 'Expired' });
    expect((await stored(consentId)).consent.status).toBe('Expired');
  });
});

describe('refused updates change nothing', () => {
  async function expectRefused(
    send: () => ReturnType<ManageHarness['send']>,
    status: number,
    errorCode: string,
    path?: string,
  ) {
    const before = await h.snapshot();
    const response = await send();
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().Errors[0].ErrorCode).toBe(errorCode);
    if (path) expect(response.json().Errors.map((e: { Path?: string }) => e.Path)).toContain(path);
    expect(await h.snapshot()).toBe(before);
  }

  let consentId: string;
  beforeAll(async () => {
    consentId = (await h.create('account-access-consents')).consentId;
  });
  const url = () => `account-access-consents/${consentId}`;

  it('without x-wso2-internal-request: 403', async () => {
    await expectRefused(
      () => put('account-access-consents', consentId, { status: 'Authorised' }, false),
      403,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('consentID not matching the path: 400', async () => {
    await expectRefused(
      () =>
        put('account-access-consents', consentId, {
          consentID: '5a0e0c62-2f7a-4a4e-9f3e-6d1e0f6b8c11',
          status: 'Authorised',
        }),
      400,
      'UK.OBIE.Field.Invalid',
      'consentID',
    );
  });

  it('a receipt that is not a JSON object: 400', async () => {
    for (const receipt of ['not json', '[1,2]', '"text"']) {
      await expectRefused(
        () => put('account-access-consents', consentId, { receipt }),
        400,
        'UK.OBIE.Field.Invalid',
        'receipt',
      );
    }
  });

  it.each([
    [{ status: 1 }, 'status'],
    [{ validityPeriod: 'soon' }, 'validityPeriod'],
    [{ validityPeriod: -1 }, 'validityPeriod'],
    [{ recurringIndicator: 'yes' }, 'recurringIndicator'],
    [{ consentFrequency: 1.5 }, 'consentFrequency'],
    [{ consentAttributes: { a: 1 } }, 'consentAttributes.a'],
    [{ consentAttributes: ['a'] }, 'consentAttributes'],
    [{ authorizationResources: {} }, 'authorizationResources'],
    [{ unknownField: true }, 'unknownField'],
    [
      { authorizationResources: [{ authorizationType: 'a', authorizationStatus: 'b', extra: 1 }] },
      'authorizationResources[0].extra',
    ],
  ])('schema violation %j: 400 with its Path', async (payload, path) => {
    await expectRefused(
      () => put('account-access-consents', consentId, payload),
      400,
      'UK.OBIE.Field.Invalid',
      path,
    );
  });

  it('an authorisation without its type: 400 Field.Missing', async () => {
    await expectRefused(
      () =>
        put('account-access-consents', consentId, {
          authorizationResources: [{ authorizationStatus: 'Created' }],
        }),
      400,
      'UK.OBIE.Field.Missing',
      'authorizationResources[0].authorizationType',
    );
  });

  it('malformed JSON: 400', async () => {
    await expectRefused(
      () => h.send('PUT', url(), { internal: true, payload: '{"status":' }),
      400,
      'UK.OBIE.Resource.InvalidFormat',
    );
  });

  it('Content-Type text/plain: 415', async () => {
    await expectRefused(
      () =>
        h.send('PUT', url(), {
          internal: true,
          payload: '{"status":"Authorised"}',
          headers: { 'content-type': 'text/plain' },
        }),
      415,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('Accept: text/xml: 406', async () => {
    await expectRefused(
      () =>
        h.send('PUT', url(), {
          internal: true,
          payload: { status: 'Authorised' },
          headers: { accept: 'text/xml' },
        }),
      406,
      'UK.OBIE.Header.Invalid',
    );
  });

  it("another client's consent: 400 NotFound", async () => {
    await expectRefused(
      () => h.send('PUT', url(), { internal: true, client: OTHER_TPP, payload: { status: 'Authorised' } }),
      400,
      'UK.OBIE.Resource.NotFound',
    );
  });
});
