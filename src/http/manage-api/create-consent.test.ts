// POST /api/fs/consent/manage/{resource}: every resource path, its initial status and response shape,
// request validation (schema, permission and date rules, content negotiation) and idempotency.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { KIND_INFO } from '../../domain/consent.js';
import { CONSENT_RESOURCES, RESOURCE_KIND, type ConsentResource } from '../ob/consent-resources.js';
import { createManageHarness, OTHER_TPP, TPP, type ManageHarness } from '../../../test/helpers/manage-api.js';
import { istIn, sampleBody } from '../../../test/helpers/ob-samples.js';
import { TEST_NOW } from '../../../test/helpers/test-context.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const IDEMPOTENT = CONSENT_RESOURCES.filter((r) => KIND_INFO[RESOURCE_KIND[r]].idempotent);

let h: ManageHarness;
beforeAll(async () => {
  h = await createManageHarness();
});
afterAll(() => h.close());

describe.each(CONSENT_RESOURCES)('POST %s', (resource) => {
  it('creates the consent in its initial status with the OB response shape', async () => {
    const body = sampleBody(resource);
    const { consentId, response } = await h.create(resource, { body });
    expect(response.statusCode).toBe(201);
    expect(consentId).toMatch(UUID);
    const json = response.json();
    const initial = resource === 'file-payment-consents' ? 'AwaitingUpload' : 'AwaitingAuthorisation';
    // Server times take the offset of the request's first date-time, else UTC.
    const now = JSON.stringify(body).includes('+05:30')
      ? '2026-03-16T13:46:08+05:30'
      : '2026-03-16T08:16:08Z';
    expect(json.Data).toEqual({
      ...(body.Data as object),
      ConsentId: consentId,
      Status: initial,
      CreationDateTime: now,
      StatusUpdateDateTime: now,
    });
    expect(json.Risk).toEqual(body.Risk);
    expect(json.Links).toEqual({
      Self: `http://localhost:8080/api/fs/consent/manage/${resource}/${consentId}`,
    });
    expect(json.Meta).toEqual({});

    const detail = await h.t.ctx.storage.repos.consents.findDetail(consentId);
    expect(detail?.consent).toMatchObject({
      consentId,
      kind: RESOURCE_KIND[resource],
      consentType: KIND_INFO[RESOURCE_KIND[resource]].consentType,
      apiFamily: 'obie',
      clientId: TPP,
      status: initial,
      createdAt: TEST_NOW,
      updatedAt: TEST_NOW,
      statusUpdatedAt: TEST_NOW,
      recurringIndicator: false,
      frequency: 0,
      userId: null,
    });
    expect(JSON.parse(detail!.consent.receipt)).toEqual(body);
    expect(detail?.attributes).toEqual({});
    expect(detail?.authorisations).toMatchObject([
      { userId: null, type: 'authorisation', status: 'Created' },
    ]);
    expect(await h.t.ctx.storage.repos.consents.history(consentId)).toMatchObject([
      { fromStatus: null, toStatus: initial, reason: 'Consent created', actor: { type: 'tpp', id: TPP } },
    ]);
  });

  it('retrieves it with Links.Self and Meta', async () => {
    const { consentId, response } = await h.create(resource);
    const read = await h.send('GET', `${resource}/${consentId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(response.json());
  });
});

describe('expiry kept from the request', () => {
  it.each([
    ['account-access-consents', 'Data.ExpirationDateTime'],
    ['funds-confirmation-consents', 'Data.ExpirationDateTime'],
    ['domestic-vrp-consents', 'Data.ControlParameters.ValidToDateTime'],
  ] as const)('%s expires at %s', async (resource, path) => {
    const body = sampleBody(resource);
    const { consentId } = await h.create(resource, { body });
    const value = path.split('.').reduce<unknown>((n, k) => (n as Record<string, unknown>)[k], body);
    expect((await h.t.ctx.storage.repos.consents.findById(consentId))?.expiresAt).toBe(
      Date.parse(value as string),
    );
  });

  it('payment consents have no expiry', async () => {
    const { consentId } = await h.create('domestic-payment-consents');
    expect((await h.t.ctx.storage.repos.consents.findById(consentId))?.expiresAt).toBeNull();
  });

  it('a request in UTC answers in UTC', async () => {
    const response = await h.send('POST', 'account-access-consents', {
      payload: {
        Data: { Permissions: ['ReadAccountsBasic'], ExpirationDateTime: '2026-04-01T00:00:00Z' },
        Risk: {},
      },
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().Data.CreationDateTime).toBe('2026-03-16T08:16:08Z');
  });
});

describe('bad create requests: a 400 in the OB format, and nothing stored', () => {
  let before: string;
  beforeEach(async () => {
    before = await h.snapshot();
  });

  async function expectRefused(
    response: Awaited<ReturnType<ManageHarness['send']>>,
    status: number,
    errorCode: string,
    path?: string,
  ) {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json();
    expect(body.Code).toBe(String(status));
    expect(body.Id).toBe(response.headers['x-fapi-interaction-id']);
    expect(typeof body.Message).toBe('string');
    expect(body.Errors.length).toBeGreaterThan(0);
    expect(body.Errors[0].ErrorCode).toBe(errorCode);
    expect(typeof body.Errors[0].Message).toBe('string');
    if (path) expect(body.Errors.map((e: { Path?: string }) => e.Path)).toContain(path);
    expect(await h.snapshot()).toBe(before);
    return body;
  }

  const accounts = (data: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    Data: { Permissions: ['ReadAccountsBasic'], ExpirationDateTime: istIn(5), ...data },
    Risk: {},
    ...extra,
  });

  it('wrong method on the collection: 405', async () => {
    const body = await expectRefused(
      await h.send('GET', 'account-access-consents'),
      405,
      'UK.OBIE.Resource.InvalidFormat',
    );
    expect(body.Message).toBe('Method Not Allowed');
    const patch = await h.send('PATCH', 'account-access-consents', { payload: accounts({}) });
    expect(patch.statusCode).toBe(405);
    expect(patch.headers.allow).toBe('POST');
  });

  it('Accept: text/xml: 406', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: accounts({}),
        headers: { accept: 'text/xml' },
      }),
      406,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('Content-Type: text/plain: 415', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: JSON.stringify(accounts({})),
        headers: { 'content-type': 'text/plain' },
      }),
      415,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('an unsupported Content-Type: 415', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: '<Data/>',
        headers: { 'content-type': 'application/pdf' },
      }),
      415,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('malformed JSON: 400', async () => {
    const body = await expectRefused(
      await h.send('POST', 'account-access-consents', { payload: '{"Data": {"Permissions": [' }),
      400,
      'UK.OBIE.Resource.InvalidFormat',
    );
    expect(body.Errors[0].Message).toBe('The request body is not valid JSON');
  });

  it('an empty body: 400', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', { payload: '' }),
      400,
      'UK.OBIE.Field.Missing',
    );
  });

  it('a JSON array instead of an object: 400', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', { payload: [accounts({})] }),
      400,
      'UK.OBIE.Field.Invalid',
    );
  });

  it('missing Data.Permissions: 400 with its Path', async () => {
    const body = await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: { Data: { ExpirationDateTime: istIn(5) }, Risk: {} },
      }),
      400,
      'UK.OBIE.Field.Missing',
      'Data.Permissions',
    );
    expect(body.Errors[0].Message).toBe('Data.Permissions is required');
  });

  it('missing Risk: 400 with its Path', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: { Data: { Permissions: ['ReadAccountsBasic'] } },
      }),
      400,
      'UK.OBIE.Field.Missing',
      'Risk',
    );
  });

  it('an unknown permission: 400 with its Path', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: accounts({ Permissions: ['ReadAccountsBasic', 'ReadEverything'] }),
      }),
      400,
      'UK.OBIE.Field.Invalid',
      'Data.Permissions[1]',
    );
  });

  it('empty Permissions: 400 with its Path', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', { payload: accounts({ Permissions: [] }) }),
      400,
      'UK.OBIE.Field.Invalid',
      'Data.Permissions',
    );
  });

  it('Risk with extra fields: 400 with its Path', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: accounts({}, { Risk: { Anything: 'goes' } }),
      }),
      400,
      'UK.OBIE.Field.Unexpected',
      'Risk.Anything',
    );
  });

  it('Permissions as a string: 400 with its Path', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: accounts({ Permissions: 'ReadAccountsBasic' }),
      }),
      400,
      'UK.OBIE.Field.Invalid',
      'Data.Permissions',
    );
  });

  it('ExpirationDateTime as a number: 400 with its Path', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: accounts({ ExpirationDateTime: 1774080967 }),
      }),
      400,
      'UK.OBIE.Field.Invalid',
      'Data.ExpirationDateTime',
    );
  });

  it('ExpirationDateTime that is not a date-time: 400 InvalidDate', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: accounts({ ExpirationDateTime: '21/03/2026' }),
      }),
      400,
      'UK.OBIE.Field.InvalidDate',
      'Data.ExpirationDateTime',
    );
  });

  it('a payment amount of the wrong type: 400 with its Path', async () => {
    const body = sampleBody('domestic-payment-consents') as {
      Data: { Initiation: { InstructedAmount: unknown } };
    };
    body.Data.Initiation.InstructedAmount = { Amount: 10, Currency: 'GBP' };
    await expectRefused(
      await h.send('POST', 'domestic-payment-consents', { payload: body, idempotencyKey: 'bad-type' }),
      400,
      'UK.OBIE.Field.Invalid',
      'Data.Initiation.InstructedAmount.Amount',
    );
  });

  it('a server-owned field in Data (mass assignment): 400 with its Path', async () => {
    for (const field of ['ConsentId', 'Status', 'CreationDateTime', 'StatusUpdateDateTime']) {
      await expectRefused(
        await h.send('POST', 'account-access-consents', {
          payload: accounts({ [field]: field === 'Status' ? 'Authorised' : '2026-03-16T13:46:08+05:30' }),
        }),
        400,
        'UK.OBIE.Field.Unexpected',
        `Data.${field}`,
      );
    }
  });

  it('an expiry in the past: 400 InvalidDate', async () => {
    const body = await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: accounts({ ExpirationDateTime: istIn(-1) }),
      }),
      400,
      'UK.OBIE.Field.InvalidDate',
      'Data.ExpirationDateTime',
    );
    expect(body.Errors[0].Message).toBe('Data.ExpirationDateTime must be in the future');
  });

  it('an expiry of exactly now: 400', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: accounts({ ExpirationDateTime: istIn(0) }),
      }),
      400,
      'UK.OBIE.Field.InvalidDate',
      'Data.ExpirationDateTime',
    );
  });

  it('TransactionFromDateTime after TransactionToDateTime: 400', async () => {
    const body = await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: accounts({ TransactionFromDateTime: istIn(3), TransactionToDateTime: istIn(1) }),
      }),
      400,
      'UK.OBIE.Field.InvalidDate',
      'Data.TransactionFromDateTime',
    );
    expect(body.Errors[0].Message).toBe(
      'Data.TransactionFromDateTime must not be after Data.TransactionToDateTime',
    );
  });

  it('a VRP consent valid to a past date, or from after to: 400', async () => {
    const vrp = sampleBody('domestic-vrp-consents') as {
      Data: { ControlParameters: Record<string, unknown> };
    };
    vrp.Data.ControlParameters.ValidToDateTime = istIn(-1);
    vrp.Data.ControlParameters.ValidFromDateTime = istIn(-2);
    await expectRefused(
      await h.send('POST', 'domestic-vrp-consents', { payload: vrp, idempotencyKey: 'vrp-past' }),
      400,
      'UK.OBIE.Field.InvalidDate',
      'Data.ControlParameters.ValidToDateTime',
    );
    vrp.Data.ControlParameters.ValidToDateTime = istIn(5);
    vrp.Data.ControlParameters.ValidFromDateTime = istIn(6);
    await expectRefused(
      await h.send('POST', 'domestic-vrp-consents', { payload: vrp, idempotencyKey: 'vrp-range' }),
      400,
      'UK.OBIE.Field.InvalidDate',
      'Data.ControlParameters.ValidFromDateTime',
    );
  });

  it('ReadTransactionsCredits without Basic or Detail: 400 naming Data.Permissions', async () => {
    await expectRefused(
      await h.send('POST', 'account-access-consents', {
        payload: accounts({ Permissions: ['ReadAccountsBasic', 'ReadTransactionsCredits'] }),
      }),
      400,
      'UK.OBIE.Field.Invalid',
      'Data.Permissions',
    );
  });

  it('a file-payment consent without FileHash: 400', async () => {
    await expectRefused(
      await h.send('POST', 'file-payment-consents', {
        payload: { Data: { Initiation: { FileType: 'UK.OBIE.pain.001.001.08' } } },
        idempotencyKey: 'no-hash',
      }),
      400,
      'UK.OBIE.Field.Missing',
      'Data.Initiation.FileHash',
    );
  });
});

describe.each(IDEMPOTENT)('idempotency of POST %s', (resource: ConsentResource) => {
  it('requires x-idempotency-key', async () => {
    const before = await h.snapshot();
    const response = await h.send('POST', resource, { payload: sampleBody(resource) });
    expect(response.statusCode).toBe(400);
    expect(response.json().Errors[0]).toMatchObject({
      ErrorCode: 'UK.OBIE.Header.Missing',
      Message: 'The x-idempotency-key header is required',
    });
    expect(await h.snapshot()).toBe(before);
  });

  it('refuses a key longer than 40 characters', async () => {
    const before = await h.snapshot();
    const response = await h.send('POST', resource, {
      payload: sampleBody(resource),
      idempotencyKey: 'k'.repeat(41),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().Errors[0].ErrorCode).toBe('UK.OBIE.Header.Invalid');
    expect(await h.snapshot()).toBe(before);
    // 40 characters are fine.
    await h.create(resource, { idempotencyKey: `${resource}`.padEnd(40, 'x').slice(0, 40) });
  });

  it('same key and same body replays the first response without a new row', async () => {
    const key = `replay-${resource}`.slice(0, 40);
    const { consentId, response: first } = await h.create(resource, { idempotencyKey: key });
    const consents = await h.count('consents');
    const history = await h.count('consent_status_history');
    const again = await h.send('POST', resource, { payload: sampleBody(resource), idempotencyKey: key });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    expect(again.json().Data.ConsentId).toBe(consentId);
    expect(await h.count('consents')).toBe(consents);
    expect(await h.count('consent_status_history')).toBe(history);
    const record = await h.t.ctx.storage.repos.idempotency.find(
      TPP,
      `create:${RESOURCE_KIND[resource]}`,
      key,
      TEST_NOW,
    );
    expect(record).toMatchObject({ resourceId: consentId, expiresAt: TEST_NOW + 24 * 3_600_000 });
  });

  it('same key with another body is a 400 and changes nothing', async () => {
    const key = `reuse-${resource}`.slice(0, 40);
    await h.create(resource, { idempotencyKey: key });
    const before = await h.snapshot();
    const other = sampleBody(resource) as { Data: Record<string, unknown> };
    other.Data = { ...other.Data, ReadRefundAccount: 'No' };
    if (resource === 'file-payment-consents') {
      (other.Data.Initiation as Record<string, unknown>).FileReference = 'other';
      delete other.Data.ReadRefundAccount;
    }
    const response = await h.send('POST', resource, { payload: other, idempotencyKey: key });
    expect(response.statusCode).toBe(400);
    expect(response.json().Errors[0]).toMatchObject({
      ErrorCode: 'UK.OBIE.Field.Invalid',
      Message: 'The idempotency key was already used with a different request',
    });
    expect(await h.snapshot()).toBe(before);
  });

  it('concurrent requests with one key create one consent and all answer it', async () => {
    const key = `race-${resource}`.slice(0, 40);
    const consents = await h.count('consents');
    const responses = await Promise.all(
      [1, 2, 3].map(() => h.send('POST', resource, { payload: sampleBody(resource), idempotencyKey: key })),
    );
    expect(responses.map((r) => r.statusCode)).toEqual([201, 201, 201]);
    expect(new Set(responses.map((r) => r.json().Data.ConsentId)).size).toBe(1);
    expect(await h.count('consents')).toBe(consents + 1);
  });

  it('the same key from another client creates another consent', async () => {
    const key = `shared-${resource}`.slice(0, 40);
    const { consentId: mine } = await h.create(resource, { idempotencyKey: key });
    const { consentId: theirs, response } = await h.create(resource, {
      idempotencyKey: key,
      client: OTHER_TPP,
    });
    expect(theirs).not.toBe(mine);
    expect(response.statusCode).toBe(201);
    expect((await h.t.ctx.storage.repos.consents.findById(theirs))?.clientId).toBe(OTHER_TPP);
  });

  it('after the 24 hour window the same key creates a new consent', async () => {
    const key = `window-${resource}`.slice(0, 40);
    const { consentId: first } = await h.create(resource, { idempotencyKey: key });
    h.t.clock.advance(24 * 3_600_000 - 1);
    try {
      const within = await h.send('POST', resource, { payload: sampleBody(resource), idempotencyKey: key });
      expect(within.json().Data.ConsentId).toBe(first);
      h.t.clock.advance(1);
      const after = await h.send('POST', resource, { payload: sampleBody(resource), idempotencyKey: key });
      expect(after.statusCode).toBe(201);
      expect(after.json().Data.ConsentId).not.toBe(first);
      const record = await h.t.ctx.storage.repos.idempotency.find(
        TPP,
        `create:${RESOURCE_KIND[resource]}`,
        key,
        h.t.clock.now(),
      );
      expect(record?.resourceId).toBe(after.json().Data.ConsentId);
    } finally {
      h.t.clock.set(TEST_NOW);
    }
  });
});

describe('resources without idempotency', () => {
  it.each(['account-access-consents', 'funds-confirmation-consents'] as const)(
    '%s needs no key, and each request creates a consent',
    async (resource) => {
      const body = sampleBody(resource);
      const { consentId: a } = await h.create(resource, { body });
      const { consentId: b } = await h.create(resource, { body });
      expect(a).not.toBe(b);
    },
  );
});
