// The seed's common validations on every Consent Manage endpoint: interaction id, client id presence and
// validity, consent id and consent-bound client (never revealing existence), and the gateway's HTTP Basic
// authentication with lockout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateClient } from '../../services/admin/update-client.js';
import { basic, givenClient, givenOperator } from '../../../test/helpers/factories.js';
import {
  createManageHarness,
  MANAGE,
  OTHER_TPP,
  type ManageHarness,
} from '../../../test/helpers/manage-api.js';
import { SAMPLE_FILE, sampleBody } from '../../../test/helpers/ob-samples.js';

// These suites test the account-wide lock itself: here one locked source is enough to lock the account
// (per-source counting: test/hardening/lockout-per-source.test.ts).
const ONE_SOURCE_LOCKS = { lockoutAccountSources: 1 };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const SYSTEM = { type: 'system' as const, id: 'test' };

let h: ManageHarness;
let accountConsent: string;
let fileConsent: string;

beforeAll(async () => {
  h = await createManageHarness(ONE_SOURCE_LOCKS);
  accountConsent = (await h.create('account-access-consents')).consentId;
  fileConsent = (await h.create('file-payment-consents')).consentId;
  await givenClient(h.t.ctx, 'disabled-tpp');
  await updateClient(h.t.ctx, 'disabled-tpp', { active: false }, SYSTEM, null);
});
afterAll(() => h.close());

/** One request per Consent Manage endpoint (the consent ids are filled in lazily). */
const endpoints = (): {
  name: string;
  method: string;
  url: string;
  payload?: unknown;
  internal?: boolean;
  key?: string;
}[] => [
  {
    name: 'create',
    method: 'POST',
    url: 'account-access-consents',
    payload: sampleBody('account-access-consents'),
  },
  { name: 'retrieve', method: 'GET', url: `account-access-consents/${accountConsent}` },
  {
    name: 'internal retrieve',
    method: 'GET',
    url: `account-access-consents/${accountConsent}`,
    internal: true,
  },
  {
    name: 'update',
    method: 'PUT',
    url: `account-access-consents/${accountConsent}`,
    payload: { consentFrequency: 1 },
    internal: true,
  },
  { name: 'revoke', method: 'DELETE', url: `account-access-consents/${accountConsent}` },
  {
    name: 'file upload',
    method: 'POST',
    url: `fileUpload/file-payment-consents/${fileConsent}`,
    payload: SAMPLE_FILE,
    key: 'upload-1',
  },
  { name: 'file retrieval', method: 'GET', url: `fileUpload/file-payment-consents/${fileConsent}` },
];

function send(e: ReturnType<typeof endpoints>[number], options: Parameters<ManageHarness['send']>[2] = {}) {
  return h.send(e.method, e.url, {
    ...(e.payload !== undefined ? { payload: e.payload } : {}),
    ...(e.internal ? { internal: true } : {}),
    ...(e.key ? { idempotencyKey: e.key } : {}),
    ...options,
    headers: {
      ...(Buffer.isBuffer(e.payload) ? { 'content-type': 'application/xml' } : {}),
      ...options.headers,
    },
  });
}

describe('x-fapi-interaction-id', () => {
  it('is echoed on a success', async () => {
    const response = await h.send('GET', `account-access-consents/${accountConsent}`, {
      headers: { 'x-fapi-interaction-id': 'my-interaction-1' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-fapi-interaction-id']).toBe('my-interaction-1');
  });

  it('is echoed on an error, and is the error body Id', async () => {
    const response = await h.send('GET', 'account-access-consents/nope', {
      headers: { 'x-fapi-interaction-id': 'my-interaction-2' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers['x-fapi-interaction-id']).toBe('my-interaction-2');
    expect(response.json().Id).toBe('my-interaction-2');
  });

  it('is generated as a UUID when absent, on a success', async () => {
    const response = await h.send('GET', `account-access-consents/${accountConsent}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-fapi-interaction-id']).toMatch(UUID);
  });

  it.each([
    ['401 (no credentials)', { auth: null }],
    ['400 (no client id)', { client: null }],
    ['401 (unknown client)', { client: 'nobody' }],
  ] as const)('is generated as a UUID when absent, on a %s', async (_name, options) => {
    const response = await h.send('GET', `account-access-consents/${accountConsent}`, options);
    expect(response.statusCode).toBeGreaterThanOrEqual(400);
    const id = response.headers['x-fapi-interaction-id'];
    expect(id).toMatch(UUID);
    expect(response.json().Id).toBe(id);
  });

  it('is generated on a 404 and a 405', async () => {
    for (const [method, url, status] of [
      ['GET', 'no-such-consents', 404],
      ['PATCH', `account-access-consents/${accountConsent}`, 405],
    ] as const) {
      const response = await h.send(method, url);
      expect(response.statusCode).toBe(status);
      expect(response.headers['x-fapi-interaction-id']).toMatch(UUID);
      expect(response.json().Id).toBe(response.headers['x-fapi-interaction-id']);
    }
  });

  it('two requests without one get different ids', async () => {
    const a = await h.send('GET', `account-access-consents/${accountConsent}`);
    const b = await h.send('GET', `account-access-consents/${accountConsent}`);
    expect(a.headers['x-fapi-interaction-id']).not.toBe(b.headers['x-fapi-interaction-id']);
  });
});

describe.each(endpoints().map((e) => e.name))('client id on %s', (name) => {
  const endpoint = () => endpoints().find((e) => e.name === name)!;

  it('missing x-wso2-client-id: 400 UK.OBIE.Header.Missing, nothing changes', async () => {
    const before = await h.snapshot();
    const response = await send(endpoint(), { client: null });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      Code: '400',
      Message: 'Bad request',
      Errors: [{ ErrorCode: 'UK.OBIE.Header.Missing', Message: 'The client id is missing' }],
    });
    expect(await h.snapshot()).toBe(before);
  });

  it('unknown client: 401, nothing changes', async () => {
    const before = await h.snapshot();
    const response = await send(endpoint(), { client: 'no-such-client' });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      Code: '401',
      Errors: [{ ErrorCode: 'UK.OBIE.Header.Invalid', Message: 'The client id is not valid' }],
    });
    expect(await h.snapshot()).toBe(before);
  });

  it('disabled client: the same 401, nothing changes', async () => {
    const before = await h.snapshot();
    const unknown = await send(endpoint(), { client: 'no-such-client' });
    const response = await send(endpoint(), { client: 'disabled-tpp' });
    expect(response.statusCode).toBe(401);
    expect({ ...response.json(), Id: 'x' }).toEqual({ ...unknown.json(), Id: 'x' });
    expect(await h.snapshot()).toBe(before);
  });

  it('missing Basic credentials: 401 in the OB format', async () => {
    const before = await h.snapshot();
    const response = await send(endpoint(), { auth: null });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      Code: '401',
      Message: 'Unauthorized',
      Errors: [{ ErrorCode: 'UK.OBIE.Header.Missing', Message: 'HTTP Basic credentials are required' }],
    });
    expect(await h.snapshot()).toBe(before);
  });
});

describe('a consent id that is unknown, malformed, on another path or of another client', () => {
  /** The error body without its per-request Id. */
  const shape = async (response: Awaited<ReturnType<ManageHarness['send']>>) => {
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.Id).toBe(response.headers['x-fapi-interaction-id']);
    return { ...body, Id: '<id>' };
  };

  const NOT_FOUND = {
    Code: '400',
    Id: '<id>',
    Message: 'Bad request',
    Errors: [{ ErrorCode: 'UK.OBIE.Resource.NotFound', Message: 'The consent was not found' }],
  };

  it.each([
    ['GET', false],
    ['GET', true],
    ['PUT', true],
    ['DELETE', false],
  ] as const)(
    '%s (internal %s) answers the same 400 for every case and changes nothing',
    async (method, internal) => {
      const before = await h.snapshot();
      const payload = method === 'PUT' ? { status: 'Authorised' } : undefined;
      const other = (await h.create('account-access-consents', { client: OTHER_TPP })).consentId;
      const afterCreate = await h.snapshot();
      const cases = [
        `account-access-consents/${'5a0e0c62-2f7a-4a4e-9f3e-6d1e0f6b8c11'}`, // unknown
        'account-access-consents/not-a-uuid', // malformed
        `account-access-consents/${accountConsent.toUpperCase()}x`, // malformed
        `funds-confirmation-consents/${accountConsent}`, // another resource path
        `domestic-vrp-consents/${accountConsent}`, // another resource path
        `account-access-consents/${other}`, // another client's
      ];
      for (const url of cases) {
        const response = await h.send(method, url, { internal, ...(payload ? { payload } : {}) });
        expect(await shape(response), url).toEqual(NOT_FOUND);
      }
      expect(await h.snapshot()).toBe(afterCreate);
      expect(afterCreate).not.toBe(before);
    },
  );

  it('file upload and retrieval answer the same 400 and change nothing', async () => {
    const other = (await h.create('file-payment-consents', { client: OTHER_TPP })).consentId;
    const before = await h.snapshot();
    for (const id of ['5a0e0c62-2f7a-4a4e-9f3e-6d1e0f6b8c11', 'not-a-uuid', accountConsent, other]) {
      const upload = await h.send('POST', `fileUpload/file-payment-consents/${id}`, {
        payload: SAMPLE_FILE,
        headers: { 'content-type': 'application/xml' },
        idempotencyKey: `nf-${id}`.slice(0, 40),
      });
      expect(await shape(upload), id).toEqual(NOT_FOUND);
      const retrieval = await h.send('GET', `fileUpload/file-payment-consents/${id}`);
      expect(await shape(retrieval), id).toEqual(NOT_FOUND);
    }
    expect(await h.snapshot()).toBe(before);
  });
});

describe('HTTP Basic authentication of the gateway', () => {
  const url = () => `account-access-consents/${accountConsent}`;

  it('the admin role is admitted too', async () => {
    const admin = await givenOperator(h.t.ctx, 'an-admin', ['admin']);
    const response = await h.send('GET', url(), { auth: admin.authorization });
    expect(response.statusCode).toBe(200);
  });

  it.each([
    ['a wrong password', () => basic('gateway', 'wrong-password')],
    ['an unknown user', () => basic('nobody', 'test-password-1')],
    ['a malformed header', () => 'Basic !!!'],
    ['a Bearer token', () => 'Bearer abc'],
  ])('%s: 401 with a message that reveals nothing', async (_name, auth) => {
    const response = await h.send('GET', url(), { auth: auth() });
    expect(response.statusCode).toBe(401);
    const body = response.json();
    expect(body.Code).toBe('401');
    expect(body.Errors).toHaveLength(1);
    expect(['The credentials are not valid', 'HTTP Basic credentials are required']).toContain(
      body.Errors[0].Message,
    );
  });

  it('an operator without a consent-management role: 403', async () => {
    const officer = await givenOperator(h.t.ctx, 'officer-1', ['customer-care-officer']);
    const before = await h.snapshot();
    const response = await h.send('POST', 'account-access-consents', {
      auth: officer.authorization,
      payload: sampleBody('account-access-consents'),
    });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      Code: '403',
      Message: 'Forbidden',
      Errors: [{ ErrorCode: 'UK.OBIE.Header.Invalid' }],
    });
    expect(await h.snapshot()).toBe(before);
  });

  it('authentication comes before the body is looked at', async () => {
    const response = await h.send('PUT', url(), {
      auth: null,
      internal: true,
      payload: { nonsense: true },
    });
    expect(response.statusCode).toBe(401);
    const malformed = await h.send('POST', 'account-access-consents', { auth: null, payload: '{"' });
    expect(malformed.statusCode).toBe(401);
  });

  it('locks an operator after 5 failures for lockoutMinutes, with an audit row', async () => {
    const { maxFailedLogins, lockoutMinutes } = h.t.ctx.config;
    expect(maxFailedLogins).toBe(5);
    const op = await givenOperator(h.t.ctx, 'gw-lock', ['consent-manager'], 'right-password-1');
    // A successful call first: a cached credential must not outlive the lock.
    expect((await h.send('GET', url(), { auth: op.authorization })).statusCode).toBe(200);
    for (let i = 1; i <= maxFailedLogins; i++) {
      const response = await h.send('GET', url(), { auth: basic('gw-lock', `wrong-${i}`) });
      expect(response.statusCode).toBe(401);
      const stored = await h.t.ctx.storage.repos.operators.findByUsername('gw-lock');
      expect(stored?.failedLogins).toBe(i);
      expect(stored?.lockedUntil).toBe(
        i < maxFailedLogins ? null : h.t.clock.now() + lockoutMinutes * 60_000,
      );
    }
    const locked = await h.send('GET', url(), { auth: op.authorization });
    expect(locked.statusCode).toBe(401);
    expect(locked.json().Errors[0].Message).toBe('The credentials are not valid');

    const audit = await h.t.ctx.storage.repos.audit.listForTarget('operator', 'gw-lock');
    expect(audit.filter((a) => a.action === 'operator.locked')).toMatchObject([
      { actor: { type: 'system' }, details: { failedLogins: 5 } },
    ]);

    h.t.clock.advance(lockoutMinutes * 60_000 - 1);
    expect((await h.send('GET', url(), { auth: op.authorization })).statusCode).toBe(401);
    h.t.clock.advance(1);
    try {
      expect((await h.send('GET', url(), { auth: op.authorization })).statusCode).toBe(200);
      const stored = await h.t.ctx.storage.repos.operators.findByUsername('gw-lock');
      expect(stored).toMatchObject({ failedLogins: 0, lockedUntil: null });
    } finally {
      h.t.clock.advance(-lockoutMinutes * 60_000);
    }
  });

  it('a success resets the failure count', async () => {
    const op = await givenOperator(h.t.ctx, 'gw-reset', ['consent-manager'], 'right-password-2');
    for (let i = 0; i < 4; i++) await h.send('GET', url(), { auth: basic('gw-reset', 'wrong') });
    expect((await h.send('GET', url(), { auth: op.authorization })).statusCode).toBe(200);
    expect((await h.t.ctx.storage.repos.operators.findByUsername('gw-reset'))?.failedLogins).toBe(0);
    for (let i = 0; i < 4; i++) await h.send('GET', url(), { auth: basic('gw-reset', 'wrong') });
    expect((await h.send('GET', url(), { auth: op.authorization })).statusCode).toBe(200);
  });
});

describe('unknown paths under the manage API', () => {
  it('answer 404 in the OB format', async () => {
    const response = await h.send('GET', `${MANAGE}/nothing/here`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({
      Code: '404',
      Errors: [{ ErrorCode: 'UK.OBIE.Resource.NotFound' }],
    });
  });
});
