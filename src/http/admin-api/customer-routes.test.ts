import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateCustomer } from '../../services/customers/authenticate-customer.js';
import { givenClient, givenOperator } from '../../../test/helpers/factories.js';
import { auditRows, customerTables, givenPartner } from '../../../test/helpers/customers.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { SEED_LOOKUP_RESPONSE } from '../../../test/fixtures/seed-001.js';

let t: TestContext;
let admin: string;
let officer: string;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const NEW_CUSTOMER = {
  issuingPartner: 'acme',
  username: 'jane@example.com',
  password: 'jane-password-1',
  email: 'jane@example.com',
  phone: '(617) 555-0101',
  firstName: 'Jane',
  lastName: 'Doe',
  address1: '1 Beacon St',
  city: 'Boston',
  state: 'MA',
  zip: '02108',
  country: 'USA',
  additionalCustomerInformation: [{ key: 'birthday', value: '01021980' }],
};

beforeAll(async () => {
  t = await createTestContext();
  admin = (await givenOperator(t.ctx, 'root', ['admin'])).authorization;
  officer = (await givenOperator(t.ctx, 'ann', ['customer-care-officer'])).authorization;
  await givenPartner(t.ctx, 'acme');
  await givenPartner(t.ctx, 'zenith');
  await givenClient(t.ctx, 'plain-aisp', ['AISP']);
});
afterAll(() => t.close());

function call(
  method: 'GET' | 'POST' | 'PATCH',
  url: string,
  body?: unknown,
  authorization = admin,
  headers: Record<string, string> = {},
) {
  return t.app.inject({
    method,
    url,
    headers: {
      authorization,
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    ...(body !== undefined ? { payload: typeof body === 'string' ? body : JSON.stringify(body) } : {}),
  });
}

async function create(fields: Partial<typeof NEW_CUSTOMER> = {}): Promise<Json> {
  const response = await call('POST', '/admin/customers', { ...NEW_CUSTOMER, ...fields });
  expect(response.statusCode).toBe(201);
  return response.json();
}

describe('admin customers API', () => {
  it('creates a customer and answers in the seed customerLookUpInfo shape', async () => {
    t.clock.advance(1000);
    const created = await create();
    const seedKeys = Object.keys(
      SEED_LOOKUP_RESPONSE.retrieveCustomerLookUpInfoResponse.customerLookUpInfo[0]!,
    );
    expect(Object.keys(created)).toEqual(seedKeys);
    expect(created).toMatchObject({
      devices: [],
      additionalCustomerInformation: [{ key: 'birthday', value: '01021980' }],
      issuingPartnerShortName: 'acme',
      active: true,
      locked: false,
      email: 'jane@example.com',
      emailPending: null,
      emailVerified: false,
      emailVerifiedDate: null,
      username: 'jane@example.com',
      phone: '(617) 555-0101',
      address2: '',
      createDate: t.clock.now(),
      passwordChangedDate: t.clock.now(),
      passcodeChangedDate: null,
      securityQuestionsChangedDate: null,
      lastLoginDate: null,
    });
    expect(created.customerId).toMatch(/^[A-Za-z]{12}$/);
    expect(created.customerUri).toMatch(/^acme:entity:customer#[0-9a-f-]{36}$/);
    expect(created.issuingPartnerUri).toMatch(/^acme:entity:issuingpartner#[0-9a-f-]{36}$/);
    expect(created.partnerUri).toMatch(/^paydiant:entity:partner#[0-9a-f-]{36}$/);
    const [row] = (await auditRows(t, 'customer.created')).filter((r) => r.target_id === created.customerId);
    expect(row).toMatchObject({ actor_type: 'admin', actor_id: 'root' });
    expect(JSON.stringify(row)).not.toContain('jane-password-1');
    const stored = await t.ctx.storage.repos.customers.findById(created.customerId);
    expect(stored!.passwordHash).toMatch(/^scrypt\$/);
    await expect(
      authenticateCustomer(t.ctx, {
        source: '127.0.0.1',
        username: 'JANE@example.com',
        password: 'jane-password-1',
      }),
    ).resolves.toMatchObject({ customerId: created.customerId });
  });

  it('gets, lists (newest first, per partner, paged)', async () => {
    t.clock.advance(1000);
    const a = await create({ username: 'a@example.com', email: 'a@example.com' });
    t.clock.advance(1000);
    const b = await create({ username: 'b@example.com', email: 'b@example.com', issuingPartner: 'zenith' });
    const got = await call('GET', `/admin/customers/${a.customerId}`);
    expect(got.statusCode).toBe(200);
    expect(got.json()).toEqual(a);
    const all = (await call('GET', '/admin/customers')).json() as Json[];
    expect(all.slice(0, 2).map((c) => c.customerId)).toEqual([b.customerId, a.customerId]);
    const acme = (await call('GET', '/admin/customers?issuingPartner=acme')).json() as Json[];
    expect(acme.every((c) => c.issuingPartnerShortName === 'acme')).toBe(true);
    expect(acme.map((c) => c.customerId)).toContain(a.customerId);
    const page = (await call('GET', '/admin/customers?limit=1&offset=1')).json() as Json[];
    expect(page.map((c) => c.customerId)).toEqual([a.customerId]);
  });

  it('patches any editable field; lock and unlock are audited', async () => {
    const c = await create({ username: 'p@example.com', email: 'p@example.com' });
    await t.ctx.storage.repos.customers.update(c.customerId, { failedLogins: 2 }, t.clock.now());
    t.clock.advance(1000);
    const locked = await call('PATCH', `/admin/customers/${c.customerId}`, {
      locked: true,
      city: 'Cambridge',
      email: 'p2@example.com',
      emailVerified: true,
    });
    expect(locked.statusCode).toBe(200);
    expect(locked.json()).toMatchObject({
      locked: true,
      active: true,
      city: 'Cambridge',
      email: 'p2@example.com',
      emailPending: null,
      emailVerified: true,
      emailVerifiedDate: t.clock.now(),
    });
    const lockRows = (await auditRows(t, 'customer.locked')).filter((r) => r.target_id === c.customerId);
    expect(lockRows).toHaveLength(1);
    expect(lockRows[0]).toMatchObject({ actor_type: 'admin', actor_id: 'root' });
    const [updated] = (await auditRows(t, 'customer.updated')).filter((r) => r.target_id === c.customerId);
    expect(updated!.details).toMatchObject({
      before: { locked: false, city: 'Boston', email: 'p@example.com' },
      after: { locked: true, city: 'Cambridge', email: 'p2@example.com' },
    });

    const unlocked = await call('PATCH', `/admin/customers/${c.customerId}`, {
      locked: false,
      password: 'new-password-9',
    });
    expect(unlocked.json()).toMatchObject({ locked: false, passwordChangedDate: t.clock.now() });
    expect((await t.ctx.storage.repos.customers.findById(c.customerId))!.failedLogins).toBe(0);
    await expect(
      authenticateCustomer(t.ctx, {
        source: '127.0.0.1',
        username: 'p@example.com',
        password: 'new-password-9',
      }),
    ).resolves.toBeDefined();
    const rows = (await auditRows(t, 'customer.updated')).filter((r) => r.target_id === c.customerId);
    expect(JSON.stringify(rows)).not.toContain('new-password-9');
  });

  it('links devices to a customer', async () => {
    const c = await create({ username: 'd@example.com', email: 'd@example.com' });
    const response = await call('POST', `/admin/customers/${c.customerId}/devices`, {
      deviceName: 'Work phone',
      deviceType: 'Android',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      deviceName: 'Work phone',
      deviceType: 'Android',
      active: true,
      lastSeenDate: null,
    });
    const got = (await call('GET', `/admin/customers/${c.customerId}`)).json();
    expect(got.devices).toEqual([response.json()]);
    const [row] = (await auditRows(t, 'device.linked')).filter((r) => r.target_id === c.customerId);
    expect(row!.details).toMatchObject({ deviceId: response.json().deviceId, partner: 'acme' });
  });

  it('reads and sets the per-partner wallet lockout limit', async () => {
    const got = await call('GET', '/admin/issuing-partners/acme');
    expect(got.statusCode).toBe(200);
    expect(got.json()).toMatchObject({
      clientId: 'acme',
      shortName: 'acme',
      maxFailedLogins: t.ctx.config.maxFailedLogins,
      maxFailedLoginsOverride: null,
    });
    const set = await call('PATCH', '/admin/issuing-partners/acme', { maxFailedLogins: 3 });
    expect(set.json()).toMatchObject({ maxFailedLogins: 3, maxFailedLoginsOverride: 3 });
    const reset = await call('PATCH', '/admin/issuing-partners/acme', { maxFailedLogins: null });
    expect(reset.json()).toMatchObject({ maxFailedLogins: t.ctx.config.maxFailedLogins });
    expect((await call('GET', '/admin/issuing-partners/plain-aisp')).statusCode).toBe(400);
  });

  describe('email verification', () => {
    /** A customer whose address change waits for verification (as a B2B update leaves it). */
    async function withPendingEmail(email: string, pending: string | null): Promise<Json> {
      const c = await create({ username: email, email });
      await t.ctx.storage.repos.customers.update(c.customerId, { emailPending: pending }, t.clock.now());
      return c;
    }

    it('confirms the pending address: wire body, stored row, audit row', async () => {
      const c = await withPendingEmail('v1@example.com', 'V1.new@example.com');
      t.clock.advance(1000);
      const response = await call(
        'POST',
        `/admin/customers/${c.customerId}/email-verification`,
        { email: 'v1.NEW@example.com' },
        admin,
        { 'x-fapi-interaction-id': 'admin-verify-1' },
      );
      expect(response.statusCode).toBe(200);
      expect(response.headers['x-fapi-interaction-id']).toBe('admin-verify-1');
      const body = response.json();
      expect(Object.keys(body)).toEqual(Object.keys(c));
      expect(body).toEqual({
        ...c,
        email: 'V1.new@example.com',
        emailPending: null,
        emailVerified: true,
        emailVerifiedDate: t.clock.now(),
      });
      expect(await t.ctx.storage.repos.customers.findById(c.customerId)).toMatchObject({
        email: 'V1.new@example.com',
        emailPending: null,
        emailVerified: true,
        emailVerifiedAt: t.clock.now(),
        updatedAt: t.clock.now(),
      });
      const rows = (await auditRows(t, 'customer.email_verified')).filter(
        (r) => r.target_id === c.customerId,
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({
        actor_type: 'admin',
        actor_id: 'root',
        interaction_id: 'admin-verify-1',
      });
      expect(rows[0]!.details).toEqual({
        partner: 'acme',
        customerUri: c.customerUri,
        before: {
          email: 'v1@example.com',
          emailPending: 'V1.new@example.com',
          emailVerified: false,
          emailVerifiedAt: null,
        },
        after: {
          email: 'V1.new@example.com',
          emailPending: null,
          emailVerified: true,
          emailVerifiedAt: t.clock.now(),
        },
      });
    });

    it.each([
      {
        name: 'nothing pending',
        current: 'v2@example.com',
        pending: null,
        verified: 'v2@example.com',
        status: 409,
        code: 'customer.email_not_pending',
      },
      {
        name: 'another address than the pending one',
        current: 'v3@example.com',
        pending: 'v3.new@example.com',
        verified: 'v3.other@example.com',
        status: 409,
        code: 'customer.email_mismatch',
      },
      {
        name: 'the current address instead of the pending one',
        current: 'v4@example.com',
        pending: 'v4.new@example.com',
        verified: 'v4@example.com',
        status: 409,
        code: 'customer.email_mismatch',
      },
      {
        name: 'not an e-mail address',
        current: 'v5@example.com',
        pending: 'v5.new@example.com',
        verified: 'v5 at example',
        status: 400,
        code: 'request.field_invalid',
      },
    ])('$name -> $status $code, nothing changed', async (c) => {
      const customer = await withPendingEmail(c.current, c.pending);
      const before = await customerTables(t);
      const auditBefore = (await auditRows(t)).length;
      const response = await call('POST', `/admin/customers/${customer.customerId}/email-verification`, {
        email: c.verified,
      });
      expect(response.statusCode).toBe(c.status);
      expect(response.json()).toMatchObject({ code: c.code, message: expect.any(String) });
      expect(await customerTables(t)).toEqual(before);
      expect(await auditRows(t)).toHaveLength(auditBefore);
    });
  });

  describe('errors: a clear 4xx {code, message} and nothing changed', () => {
    const cases: {
      name: string;
      method: 'GET' | 'POST' | 'PATCH';
      url: string;
      body?: unknown;
      status: number;
      code: string;
      auth?: () => string;
    }[] = [
      {
        name: 'no credentials',
        method: 'POST',
        url: '/admin/customers',
        body: NEW_CUSTOMER,
        status: 401,
        code: 'auth.missing',
        auth: () => '',
      },
      {
        name: 'not an admin',
        method: 'POST',
        url: '/admin/customers',
        body: NEW_CUSTOMER,
        status: 403,
        code: 'auth.forbidden',
        auth: () => officer,
      },
      {
        name: 'unknown partner',
        method: 'POST',
        url: '/admin/customers',
        body: { ...NEW_CUSTOMER, username: 'u1@x.com', issuingPartner: 'nobody' },
        status: 400,
        code: 'partner.unknown',
      },
      {
        name: 'client that is not a partner',
        method: 'POST',
        url: '/admin/customers',
        body: { ...NEW_CUSTOMER, username: 'u2@x.com', issuingPartner: 'plain-aisp' },
        status: 400,
        code: 'partner.unknown',
      },
      {
        name: 'username taken (any case)',
        method: 'POST',
        url: '/admin/customers',
        body: { ...NEW_CUSTOMER, username: 'JANE@example.com', issuingPartner: 'zenith' },
        status: 409,
        code: 'customer.exists',
      },
      {
        name: 'invalid e-mail',
        method: 'POST',
        url: '/admin/customers',
        body: { ...NEW_CUSTOMER, username: 'u3@x.com', email: 'nope' },
        status: 400,
        code: 'request.field_invalid',
      },
      {
        name: 'invalid phone',
        method: 'POST',
        url: '/admin/customers',
        body: { ...NEW_CUSTOMER, username: 'u4@x.com', phone: 'call me' },
        status: 400,
        code: 'request.field_invalid',
      },
      {
        name: 'short password',
        method: 'POST',
        url: '/admin/customers',
        body: { ...NEW_CUSTOMER, username: 'u5@x.com', password: 'short' },
        status: 400,
        code: 'request.field_invalid',
      },
      {
        name: 'missing field',
        method: 'POST',
        url: '/admin/customers',
        body: { ...NEW_CUSTOMER, username: 'u6@x.com', zip: undefined },
        status: 400,
        code: 'request.field_missing',
      },
      {
        name: 'server-owned field',
        method: 'POST',
        url: '/admin/customers',
        body: { ...NEW_CUSTOMER, username: 'u7@x.com', customerId: 'mine' },
        status: 400,
        code: 'request.field_invalid',
      },
      {
        name: 'malformed JSON',
        method: 'POST',
        url: '/admin/customers',
        body: '{"username":',
        status: 400,
        code: 'request.malformed',
      },
      {
        name: 'unknown customer (get)',
        method: 'GET',
        url: '/admin/customers/nobodyNobody',
        status: 404,
        code: 'customer.not_found',
      },
      {
        name: 'unknown customer (patch)',
        method: 'PATCH',
        url: '/admin/customers/nobodyNobody',
        body: { city: 'X' },
        status: 404,
        code: 'customer.not_found',
      },
      {
        name: 'empty patch',
        method: 'PATCH',
        url: '/admin/customers/nobodyNobody',
        body: {},
        status: 400,
        code: 'request.field_invalid',
      },
      {
        name: 'unknown customer (device)',
        method: 'POST',
        url: '/admin/customers/nobodyNobody/devices',
        body: { deviceName: 'x', deviceType: 'y' },
        status: 404,
        code: 'customer.not_found',
      },
      {
        name: 'unknown customer (email verification)',
        method: 'POST',
        url: '/admin/customers/nobodyNobody/email-verification',
        body: { email: 'x@example.com' },
        status: 404,
        code: 'customer.not_found',
      },
      {
        name: 'email verification without email',
        method: 'POST',
        url: '/admin/customers/nobodyNobody/email-verification',
        body: {},
        status: 400,
        code: 'request.field_missing',
      },
      {
        name: 'email verification with a server-owned field',
        method: 'POST',
        url: '/admin/customers/nobodyNobody/email-verification',
        body: { email: 'x@example.com', emailVerified: true },
        status: 400,
        code: 'request.field_invalid',
      },
      {
        name: 'email verification by an officer',
        method: 'POST',
        url: '/admin/customers/nobodyNobody/email-verification',
        body: { email: 'x@example.com' },
        status: 403,
        code: 'auth.forbidden',
        auth: () => officer,
      },
      {
        name: 'bad list limit',
        method: 'GET',
        url: '/admin/customers?limit=0',
        status: 400,
        code: 'request.field_invalid',
      },
      {
        name: 'bad lockout limit',
        method: 'PATCH',
        url: '/admin/issuing-partners/acme',
        body: { maxFailedLogins: 0 },
        status: 400,
        code: 'request.field_invalid',
      },
    ];
    it.each(cases)('$name -> $status $code', async (c) => {
      const before = await customerTables(t);
      const response = await call(c.method, c.url, c.body, c.auth ? c.auth() : admin);
      expect(response.statusCode).toBe(c.status);
      expect(response.json()).toMatchObject({ code: c.code, message: expect.any(String) });
      expect(await customerTables(t)).toEqual(before);
    });

    it('patching a field of another customer into a taken username is a 409', async () => {
      const c = await create({ username: 'q@example.com', email: 'q@example.com' });
      const before = await customerTables(t);
      const response = await call('PATCH', `/admin/customers/${c.customerId}`, {
        username: 'Jane@Example.com',
      });
      expect(response.statusCode).toBe(409);
      expect(await customerTables(t)).toEqual(before);
    });
  });
});
