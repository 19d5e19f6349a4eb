// Portal sign-in, sessions, CSRF and origin checks, role checks (docs/portal-api.md §2).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenOperator } from '../../../test/helpers/factories.js';
import { createManageHarness, type ManageHarness } from '../../../test/helpers/manage-api.js';
import { portal, PORTAL, PORTAL_ORIGIN, signIn } from '../../../test/helpers/portal.js';

// These suites test the account-wide lock itself: here one locked source is enough to lock the account
// (per-source counting: test/hardening/lockout-per-source.test.ts).
const ONE_SOURCE_LOCKS = { lockoutAccountSources: 1 };

let h: ManageHarness;
const OFFICER = { username: 'ann@gold.com', password: 'officer-password-1' };
const ADMIN = { username: 'root', password: 'admin-password-1' };

beforeEach(async () => {
  h = await createManageHarness({
    portalSessionIdleMinutes: 30,
    portalSessionMaxHours: 8,
    ...ONE_SOURCE_LOCKS,
  });
  await givenOperator(h.t.ctx, OFFICER.username, ['customer-care-officer'], OFFICER.password);
  await givenOperator(h.t.ctx, ADMIN.username, ['admin'], ADMIN.password);
});
afterEach(() => h.close());

async function sessionRows() {
  return h.t.database.db.selectFrom('portal_sessions').selectAll().execute();
}

function operatorRow(username: string) {
  return h.t.database.db
    .selectFrom('operators')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirstOrThrow();
}

describe('sign in', () => {
  it('an officer gets an HttpOnly SameSite=Strict cookie holding a random id stored hashed, and a CSRF token', async () => {
    const { response, cookie, csrfToken } = await signIn(h.t, OFFICER.username, OFFICER.password);
    expect(response.json()).toEqual({
      operator: { username: OFFICER.username, roles: ['customer-care-officer'] },
      csrfToken,
      expiresAt: new Date(h.t.clock.now() + 8 * 3_600_000).toISOString(),
      idleExpiresAt: new Date(h.t.clock.now() + 30 * 60_000).toISOString(),
    });
    const setCookie = response.cookies.find((c) => c.name === 'consenthub_portal')!;
    expect(setCookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/portal' });
    expect(setCookie.secure).toBeUndefined();
    expect(setCookie.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const rows = await sessionRows();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.session_hash).not.toContain(setCookie.value);
    expect(rows[0]!.session_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.csrf_token).toBe(csrfToken);

    const me = await portal(h.t, { cookie, csrfToken, response }, 'GET', '/session');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ operator: { username: OFFICER.username }, csrfToken });
    const audit = await h.t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'portal.signed_in')
      .execute();
    expect(audit).toMatchObject([{ actor_type: 'officer', actor_id: OFFICER.username }]);
  });

  it('two sign-ins get different session ids and tokens', async () => {
    const a = await signIn(h.t, OFFICER.username, OFFICER.password);
    const b = await signIn(h.t, OFFICER.username, OFFICER.password);
    expect(a.cookie).not.toBe(b.cookie);
    expect(a.csrfToken).not.toBe(b.csrfToken);
  });

  it.each([
    ['a wrong password', OFFICER.username, 'wrong-password'],
    ['an unknown user', 'nobody', 'whatever-password'],
    ['an operator without a portal role', 'gateway', 'test-password-1'],
  ])('%s gets the same generic 401 and no session', async (_case, username, password) => {
    const response = await h.t.app.inject({
      method: 'POST',
      url: `${PORTAL}/session`,
      headers: { origin: PORTAL_ORIGIN },
      payload: { username, password },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({
      code: 'auth.invalid',
      message: 'The credentials are not valid',
    });
    expect(response.cookies).toHaveLength(0);
    expect(await sessionRows()).toHaveLength(0);
  });

  it('failed sign-ins count toward the operator lockout; once locked even the right password fails', async () => {
    for (let i = 0; i < 5; i++) {
      const response = await portal(h.t, null, 'POST', '/session', {
        payload: { username: OFFICER.username, password: `wrong-${i}-password` },
      });
      expect(response.statusCode).toBe(401);
    }
    const row = await operatorRow(OFFICER.username);
    expect(row.failed_logins).toBe(5);
    expect(row.locked_until).toBeGreaterThan(h.t.clock.now());
    const right = await portal(h.t, null, 'POST', '/session', { payload: OFFICER });
    expect(right.statusCode).toBe(401);
    expect(right.json()).toMatchObject({ code: 'auth.invalid', message: 'The credentials are not valid' });
    expect(await sessionRows()).toHaveLength(0);
  });

  it('a sign-in from a foreign origin is refused before the password is checked', async () => {
    const response = await portal(h.t, null, 'POST', '/session', {
      payload: { username: OFFICER.username, password: 'wrong-password' },
      origin: 'https://evil.example',
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('auth.csrf_failed');
    expect((await operatorRow(OFFICER.username)).failed_logins).toBe(0);
  });

  it('a bad body is a 400 in the portal format', async () => {
    const response = await portal(h.t, null, 'POST', '/session', { payload: { username: 'x' } });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ code: 'request.field_missing' });
  });
});

describe('who may call what', () => {
  it('anonymous calls get 401 on every route behind sign-in', async () => {
    for (const path of ['/session', '/consents', '/customers?phone=1', '/audit-events', '/admin/operators']) {
      const response = await portal(h.t, null, 'GET', path);
      expect(response.statusCode, path).toBe(401);
      expect(response.json().code).toBe('auth.missing');
    }
    const forged = await portal(h.t, null, 'GET', '/session', {
      headers: { cookie: 'consenthub_portal=forged' },
    });
    expect(forged.statusCode).toBe(401);
  });

  it('an officer on an admin route gets 403; an admin gets through', async () => {
    const officer = await signIn(h.t, OFFICER.username, OFFICER.password);
    const denied = await portal(h.t, officer, 'GET', '/admin/operators');
    expect(denied.statusCode).toBe(403);
    expect(denied.json().code).toBe('auth.forbidden');
    const create = await portal(h.t, officer, 'POST', '/admin/operators', {
      payload: { username: 'mallory', password: 'mallory-password', roles: ['admin'] },
    });
    expect(create.statusCode).toBe(403);
    expect(await h.t.ctx.storage.repos.operators.findByUsername('mallory')).toBeUndefined();

    const admin = await signIn(h.t, ADMIN.username, ADMIN.password);
    const allowed = await portal(h.t, admin, 'GET', '/admin/operators');
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().items.map((o: { username: string }) => o.username)).toContain(OFFICER.username);
  });
});

describe('CSRF and origin', () => {
  it.each([
    ['without the CSRF header', { csrf: false as const }],
    ['with a wrong CSRF token', { csrf: 'not-the-token' }],
    ['from a foreign origin', { origin: 'https://evil.example' }],
    [
      'with a foreign Referer and no Origin',
      { origin: false as const, headers: { referer: 'https://evil.example/x' } },
    ],
  ])('a change %s is 403 and nothing changes', async (_case, options) => {
    const officer = await signIn(h.t, OFFICER.username, OFFICER.password);
    const { consentId } = await h.create('account-access-consents');
    const before = await h.snapshot();
    const response = await portal(h.t, officer, 'POST', `/consents/${consentId}/revoke`, {
      payload: { reason: 'Customer asked' },
      ...options,
    });
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('auth.csrf_failed');
    expect(await h.snapshot()).toBe(before);
    // Sign-out is a change too.
    const signOut = await portal(h.t, officer, 'DELETE', '/session', options);
    expect(signOut.statusCode).toBe(403);
    expect(await sessionRows()).toHaveLength(1);
  });

  it('a token of another session does not count', async () => {
    const a = await signIn(h.t, OFFICER.username, OFFICER.password);
    const b = await signIn(h.t, ADMIN.username, ADMIN.password);
    const response = await portal(h.t, a, 'DELETE', '/session', { csrf: b.csrfToken });
    expect(response.statusCode).toBe(403);
    expect(await sessionRows()).toHaveLength(2);
  });
});

describe('session end', () => {
  it('sign-out ends the session at once and clears the cookie', async () => {
    const officer = await signIn(h.t, OFFICER.username, OFFICER.password);
    const out = await portal(h.t, officer, 'DELETE', '/session');
    expect(out.statusCode).toBe(204);
    expect(out.cookies.find((c) => c.name === 'consenthub_portal')).toMatchObject({ value: '' });
    expect(await sessionRows()).toHaveLength(0);
    const after = await portal(h.t, officer, 'GET', '/consents');
    expect(after.statusCode).toBe(401);
    const audit = await h.t.database.db
      .selectFrom('audit_events')
      .select(['actor_type', 'actor_id'])
      .where('action', '=', 'portal.signed_out')
      .execute();
    expect(audit).toEqual([{ actor_type: 'officer', actor_id: OFFICER.username }]);
  });

  it('an idle session ends after the idle timeout; activity slides it', async () => {
    const officer = await signIn(h.t, OFFICER.username, OFFICER.password);
    h.t.clock.advance(20 * 60_000);
    expect((await portal(h.t, officer, 'GET', '/session')).statusCode).toBe(200);
    h.t.clock.advance(20 * 60_000);
    expect((await portal(h.t, officer, 'GET', '/session')).statusCode).toBe(200);
    h.t.clock.advance(30 * 60_000);
    const expired = await portal(h.t, officer, 'GET', '/session');
    expect(expired.statusCode).toBe(401);
    expect(expired.json()).toMatchObject({ code: 'auth.missing' });
    expect(await sessionRows()).toHaveLength(0);
  });

  it('an active session still ends at its absolute lifetime', async () => {
    const officer = await signIn(h.t, OFFICER.username, OFFICER.password);
    for (let i = 0; i < 16; i++) {
      h.t.clock.advance(29 * 60_000);
      expect((await portal(h.t, officer, 'GET', '/session')).statusCode).toBe(200);
    }
    h.t.clock.advance(29 * 60_000);
    expect((await portal(h.t, officer, 'GET', '/session')).statusCode).toBe(401);
  });

  it('deactivating the operator kills their session', async () => {
    const officer = await signIn(h.t, OFFICER.username, OFFICER.password);
    const admin = await signIn(h.t, ADMIN.username, ADMIN.password);
    const patch = await portal(
      h.t,
      admin,
      'PATCH',
      `/admin/operators/${encodeURIComponent(OFFICER.username)}`,
      {
        payload: { active: false },
      },
    );
    expect(patch.statusCode).toBe(200);
    expect(patch.json()).toMatchObject({ username: OFFICER.username, active: false });
    expect((await portal(h.t, officer, 'GET', '/session')).statusCode).toBe(401);
  });
});
