import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifySecret } from '../../services/credentials/secrets.js';
import { basic, givenOperator } from '../../../test/helpers/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

// These suites test the account-wide lock itself: here one locked source is enough to lock the account
// (per-source counting: test/hardening/lockout-per-source.test.ts).
const ONE_SOURCE_LOCKS = { lockoutAccountSources: 1 };

let t: TestContext;
let admin: string;
let officer: string;

beforeAll(async () => {
  t = await createTestContext(ONE_SOURCE_LOCKS);
  admin = (await givenOperator(t.ctx, 'root', ['admin'])).authorization;
  officer = (await givenOperator(t.ctx, 'ann@gold.com', ['customer-care-officer'])).authorization;
});
afterAll(() => t.close());

const post = (url: string, payload: unknown, authorization = admin) =>
  t.app.inject({
    method: 'POST',
    url,
    headers: { authorization, 'content-type': 'application/json' },
    payload: payload as object,
  });

describe('admin API: clients', () => {
  it('creates a client, shows the secret once, stores only its hash, and audits it', async () => {
    const res = await post('/admin/clients', {
      name: 'Acme AIS',
      roles: ['AISP', 'PISP'],
      clientId: 'acme-1',
    });
    expect(res.statusCode).toBe(201);
    const body = res.json();
    expect(body).toMatchObject({
      clientId: 'acme-1',
      name: 'Acme AIS',
      roles: ['AISP', 'PISP'],
      active: true,
      shortName: null,
    });
    expect(body.clientSecret).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(body.consumerKey).toBeTruthy();
    const stored = await t.ctx.storage.repos.clients.findById('acme-1');
    expect(stored?.secretHash).not.toContain(body.clientSecret);
    expect(await verifySecret(body.clientSecret, stored!.secretHash)).toBe(true);
    const audit = await t.ctx.storage.repos.audit.listForTarget('client', 'acme-1');
    expect(audit.map((a) => a.action)).toEqual(['client.created']);
    expect(audit[0]!.actor).toEqual({ type: 'admin', id: 'root' });
    expect(JSON.stringify(audit[0]!.details)).not.toContain(body.clientSecret);

    const again = await t.app.inject({
      method: 'GET',
      url: '/admin/clients/acme-1',
      headers: { authorization: admin },
    });
    expect(again.statusCode).toBe(200);
    expect(again.json().clientSecret).toBeUndefined();
  });

  it('refuses a duplicate client id with 409 and keeps one row', async () => {
    await post('/admin/clients', { name: 'Dup', roles: ['CBPII'], clientId: 'dup-1' });
    const res = await post('/admin/clients', { name: 'Dup 2', roles: ['CBPII'], clientId: 'dup-1' });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({ code: 'client.exists' });
    expect((await t.ctx.storage.repos.clients.findById('dup-1'))?.name).toBe('Dup');
  });

  it.each([
    [{ roles: ['AISP'] }, 'name'],
    [{ name: 'x', roles: [] }, 'roles'],
    [{ name: 'x', roles: ['BANK'] }, 'roles'],
    [{ name: 'x', roles: ['AISP'], clientSecret: 'mine' }, 'clientSecret'],
    [{ name: 'x', roles: ['AISP'], active: false }, 'active'],
  ])('rejects a bad body %o with 400 and creates nothing', async (payload, field) => {
    const before = (await t.ctx.storage.repos.clients.list()).length;
    const res = await post('/admin/clients', payload);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toMatch(/^request\./);
    expect(JSON.stringify(res.json())).toContain(field);
    expect((await t.ctx.storage.repos.clients.list()).length).toBe(before);
  });

  it('rejects malformed JSON with 400', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/admin/clients',
      headers: { authorization: admin, 'content-type': 'application/json' },
      payload: '{"name":',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.malformed');
  });

  it('updates name, roles and active, and disabling a client makes the manage API refuse it', async () => {
    await post('/admin/clients', { name: 'To disable', roles: ['AISP'], clientId: 'off-1' });
    const res = await t.app.inject({
      method: 'PATCH',
      url: '/admin/clients/off-1',
      headers: { authorization: admin, 'content-type': 'application/json' },
      payload: { active: false, name: 'Disabled', roles: ['AISP', 'CBPII'] },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ active: false, name: 'Disabled', roles: ['AISP', 'CBPII'] });
    expect((await t.ctx.storage.repos.clients.findById('off-1'))?.active).toBe(false);
    const gateway = await givenOperator(t.ctx, 'gw-admin-test', ['consent-manager']);
    const manage = await t.app.inject({
      method: 'GET',
      url: '/api/fs/consent/manage/account-access-consents/5f0c7a4e-1111-4111-8111-111111111111',
      headers: { authorization: gateway.authorization, 'x-wso2-client-id': 'off-1' },
    });
    expect(manage.statusCode).toBe(401);
    const audit = await t.ctx.storage.repos.audit.listForTarget('client', 'off-1');
    expect(audit.map((a) => a.action)).toEqual(['client.created', 'client.updated']);
  });

  it('rotates a secret: the old one stops verifying', async () => {
    const created = (
      await post('/admin/clients', { name: 'Rotate', roles: ['PISP'], clientId: 'rot-1' })
    ).json();
    const res = await post('/admin/clients/rot-1/secret', {});
    expect(res.statusCode).toBe(200);
    const stored = await t.ctx.storage.repos.clients.findById('rot-1');
    expect(await verifySecret(created.clientSecret, stored!.secretHash)).toBe(false);
    expect(await verifySecret(res.json().clientSecret, stored!.secretHash)).toBe(true);
  });

  it('answers 404 for an unknown client', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/admin/clients/nobody',
      headers: { authorization: admin },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().code).toBe('client.unknown');
  });
});

describe('admin API: operators', () => {
  it('creates, lists and updates operators, with audit rows and no password anywhere', async () => {
    const res = await post('/admin/operators', {
      username: 'gw2',
      password: 'a-long-password',
      roles: ['consent-manager'],
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      username: 'gw2',
      roles: ['consent-manager'],
      active: true,
      locked: false,
    });
    expect(JSON.stringify(res.json())).not.toContain('a-long-password');
    const listed = await t.app.inject({
      method: 'GET',
      url: '/admin/operators',
      headers: { authorization: admin },
    });
    expect(listed.json().map((o: { username: string }) => o.username)).toContain('gw2');
    const patched = await t.app.inject({
      method: 'PATCH',
      url: '/admin/operators/gw2',
      headers: { authorization: admin, 'content-type': 'application/json' },
      payload: { roles: ['admin'], password: 'another-long-one' },
    });
    expect(patched.statusCode).toBe(200);
    expect(patched.json().roles).toEqual(['admin']);
    const asNew = await t.app.inject({
      method: 'GET',
      url: '/admin/operators',
      headers: { authorization: basic('gw2', 'another-long-one') },
    });
    expect(asNew.statusCode).toBe(200);
    const audit = await t.ctx.storage.repos.audit.listForTarget('operator', 'gw2');
    expect(audit.map((a) => a.action)).toEqual(['operator.created', 'operator.updated']);
    expect(JSON.stringify(audit)).not.toContain('another-long-one');
  });

  it('rejects a short password and a duplicate username', async () => {
    expect(
      (await post('/admin/operators', { username: 'shorty', password: 'short', roles: ['admin'] }))
        .statusCode,
    ).toBe(400);
    expect(await t.ctx.storage.repos.operators.findByUsername('shorty')).toBeUndefined();
    await post('/admin/operators', { username: 'twice', password: 'long-enough-1', roles: ['admin'] });
    const dup = await post('/admin/operators', {
      username: 'twice',
      password: 'long-enough-2',
      roles: ['admin'],
    });
    expect(dup.statusCode).toBe(409);
    expect(dup.json().code).toBe('operator.exists');
  });
});

describe('admin API: authentication', () => {
  it('needs credentials (401), the admin role (403)', async () => {
    const none = await t.app.inject({ method: 'GET', url: '/admin/clients' });
    expect(none.statusCode).toBe(401);
    expect(none.json().code).toBe('auth.missing');
    expect(none.headers['x-fapi-interaction-id']).toBeTruthy();
    const wrong = await t.app.inject({
      method: 'GET',
      url: '/admin/clients',
      headers: { authorization: basic('root', 'nope-nope') },
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().message).toBe('The credentials are not valid');
    const forbidden = await t.app.inject({
      method: 'GET',
      url: '/admin/clients',
      headers: { authorization: officer },
    });
    expect(forbidden.statusCode).toBe(403);
  });

  it('locks an operator after 5 failed attempts, audits it, and unlocks after the lockout period', async () => {
    const victim = await givenOperator(t.ctx, 'victim', ['admin'], 'right-password');
    for (let i = 0; i < 5; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: '/admin/clients',
        headers: { authorization: basic('victim', `wrong-${i}`) },
      });
      expect(res.statusCode).toBe(401);
    }
    const stored = await t.ctx.storage.repos.operators.findByUsername('victim');
    expect(stored?.failedLogins).toBe(5);
    expect(stored?.lockedUntil).toBe(t.clock.now() + 15 * 60_000);
    const locked = await t.app.inject({
      method: 'GET',
      url: '/admin/clients',
      headers: { authorization: victim.authorization },
    });
    expect(locked.statusCode).toBe(401);
    const audit = await t.ctx.storage.repos.audit.listForTarget('operator', 'victim');
    expect(audit.map((a) => a.action)).toContain('operator.locked');
    t.clock.advance(15 * 60_000 + 1);
    const after = await t.app.inject({
      method: 'GET',
      url: '/admin/clients',
      headers: { authorization: victim.authorization },
    });
    expect(after.statusCode).toBe(200);
    expect((await t.ctx.storage.repos.operators.findByUsername('victim'))?.failedLogins).toBe(0);
  });
});

describe('operator lockout under concurrency', () => {
  it('counts concurrent wrong passwords exactly and locks once', async () => {
    await givenOperator(t.ctx, 'racer', ['admin'], 'right-password');
    const attempts = Array.from({ length: 8 }, (_, i) =>
      t.app.inject({
        method: 'GET',
        url: '/admin/clients',
        headers: { authorization: basic('racer', `wrong-${i}`) },
      }),
    );
    const answers = await Promise.all(attempts);
    expect(answers.every((a) => a.statusCode === 401)).toBe(true);
    const stored = await t.ctx.storage.repos.operators.findByUsername('racer');
    expect(stored?.failedLogins).toBe(5);
    expect(stored?.lockedUntil).toBe(t.clock.now() + 15 * 60_000);
    const audit = await t.ctx.storage.repos.audit.listForTarget('operator', 'racer');
    expect(audit.filter((a) => a.action === 'operator.locked')).toHaveLength(1);
  });
});
