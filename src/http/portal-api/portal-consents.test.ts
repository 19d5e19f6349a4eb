import type { ConsentResource } from '../ob/consent-resources.js';
// The portal's consent screens through the API (docs/portal-api.md §3, §5): every filter, paging and total,
// the status mapping, the detail view, and the officer's revoke with its rules.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { givenOperator } from '../../../test/helpers/factories.js';
import { createManageHarness, OTHER_TPP, TPP, type ManageHarness } from '../../../test/helpers/manage-api.js';
import { portal, signIn, type PortalSession } from '../../../test/helpers/portal.js';

let h: ManageHarness;
let officer: PortalSession;
const OFFICER = { username: 'ann@gold.com', password: 'officer-password-1' };

beforeEach(async () => {
  h = await createManageHarness();
  await givenOperator(h.t.ctx, OFFICER.username, ['customer-care-officer'], OFFICER.password);
  officer = await signIn(h.t, OFFICER.username, OFFICER.password);
});
afterEach(() => h.close());

/** Authorised for `userId` with one mapped account; created one second after the previous consent. */
async function givenConsent(
  resource: ConsentResource,
  options: { client?: string; userId?: string; status?: 'Authorised' | 'Rejected' | null } = {},
) {
  h.t.clock.advance(1000);
  const client = options.client ?? TPP;
  const { consentId } = await h.create(resource, { client });
  const status = options.status === undefined ? 'Authorised' : options.status;
  if (status !== null) {
    const put = await h.send('PUT', `${resource}/${consentId}`, {
      client,
      internal: true,
      payload: {
        status,
        ...(options.userId !== undefined
          ? {
              authorizationResources: [
                {
                  userID: options.userId,
                  authorizationType: 'authorisation',
                  authorizationStatus: status,
                  resources: [{ accountID: '31820', permission: 'ReadBalances', mappingStatus: 'active' }],
                },
              ],
            }
          : {}),
      },
    });
    expect(put.statusCode, put.body).toBe(200);
  }
  return consentId;
}

async function search(query: string) {
  const response = await portal(h.t, officer, 'GET', `/consents${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    items: {
      consentId: string;
      status: string;
      wireStatus: string;
      statusLabel: string;
      clientName: string;
    }[];
    total: number;
    totalExact: boolean;
    limit: number;
    offset: number;
  };
}

const ids = (body: { items: { consentId: string }[] }) => body.items.map((i) => i.consentId);

describe('search', () => {
  it('defaults to account consents, newest first, with total and paging', async () => {
    const a = await givenConsent('account-access-consents', { userId: 'olivia' });
    const b = await givenConsent('account-access-consents', { userId: 'paul' });
    const c = await givenConsent('account-access-consents', { userId: 'olivia', client: OTHER_TPP });
    await givenConsent('domestic-payment-consents');
    const all = await search('');
    expect(all).toMatchObject({ total: 3, limit: 20, offset: 0 });
    expect(ids(all)).toEqual([c, b, a]);
    expect(all.items[0]).toMatchObject({
      consentId: c,
      consentType: 'accounts',
      clientId: OTHER_TPP,
      clientName: `Client ${OTHER_TPP}`,
      userId: 'olivia',
      status: 'Valid',
      statusLabel: 'Valid',
      wireStatus: 'Authorised',
      revocable: true,
    });
    const page = await search('?limit=2&offset=1');
    expect(page).toMatchObject({ total: 3, limit: 2, offset: 1 });
    expect(ids(page)).toEqual([b, a]);
    expect(ids(await search('?order=asc&limit=2'))).toEqual([a, b]);
  });

  it('counts matches up to PORTAL_SEARCH_COUNT_AHEAD past the page, then says "more than" (totalExact false)', async () => {
    await h.close();
    h = await createManageHarness({ portalSearchCountAhead: 2 });
    await givenOperator(h.t.ctx, OFFICER.username, ['customer-care-officer'], OFFICER.password);
    officer = await signIn(h.t, OFFICER.username, OFFICER.password);
    const made: string[] = [];
    for (let i = 0; i < 7; i++) made.unshift(await givenConsent('account-access-consents'));
    // Page 1-2, counting up to 2 + 2: more than 4.
    const first = await search('?limit=2');
    expect(first).toMatchObject({ total: 4, totalExact: false, limit: 2, offset: 0 });
    expect(ids(first)).toEqual(made.slice(0, 2));
    // Page 3-4, counting up to 4 + 2 = 6: still more than 6.
    expect(await search('?limit=2&offset=2')).toMatchObject({ total: 6, totalExact: false });
    // Page 5-6, counting up to 8: all 7, exact.
    const last = await search('?limit=2&offset=4');
    expect(last).toMatchObject({ total: 7, totalExact: true });
    expect(ids(last)).toEqual(made.slice(4, 6));
    // Exactly at the bound is still exact.
    expect(await search('?limit=3&offset=2')).toMatchObject({ total: 7, totalExact: true });
    expect(await search('?limit=1&offset=4')).toMatchObject({ total: 7, totalExact: true });
    expect(await search('?limit=1&offset=3')).toMatchObject({ total: 6, totalExact: false });
  });

  it('filters by type, user, client and creation date, alone and together', async () => {
    const a = await givenConsent('account-access-consents', { userId: 'olivia' });
    const fromHere = new Date(h.t.clock.now() + 1).toISOString();
    const b = await givenConsent('account-access-consents', { userId: 'paul' });
    const c = await givenConsent('account-access-consents', { userId: 'olivia', client: OTHER_TPP });
    const pay = await givenConsent('domestic-payment-consents');
    const funds = await givenConsent('funds-confirmation-consents');
    const vrp = await givenConsent('domestic-vrp-consents');
    expect(ids(await search('?consentType=payments'))).toEqual([pay]);
    expect(ids(await search('?consentType=funds-confirmation'))).toEqual([funds]);
    expect(ids(await search('?consentType=vrp'))).toEqual([vrp]);
    expect((await search('?consentType=obp')).total).toBe(0);
    expect(ids(await search('?userId=olivia'))).toEqual([c, a]);
    expect(ids(await search(`?clientId=${OTHER_TPP}`))).toEqual([c]);
    expect(ids(await search(`?userId=olivia&clientId=${TPP}`))).toEqual([a]);
    expect(ids(await search(`?from=${encodeURIComponent(fromHere)}`))).toEqual([c, b]);
    expect(ids(await search(`?to=${encodeURIComponent(fromHere)}`))).toEqual([a]);
    // A day covers the whole UTC day: every consent here was created on TEST_NOW's day.
    expect((await search('?from=2026-03-16&to=2026-03-16')).total).toBe(3);
    expect((await search('?to=2026-03-15')).total).toBe(0);
  });

  it('maps the portal statuses onto the wire statuses, who revoked included, and lazy expiry', async () => {
    const valid = await givenConsent('account-access-consents');
    const received = await givenConsent('account-access-consents', { status: null });
    const rejected = await givenConsent('account-access-consents', { status: 'Rejected' });
    const byTpp = await givenConsent('account-access-consents');
    expect((await h.send('DELETE', `account-access-consents/${byTpp}`)).statusCode).toBe(204);
    const byPsu = await givenConsent('account-access-consents');
    const put = await h.send('PUT', `account-access-consents/${byPsu}`, {
      internal: true,
      payload: { status: 'Revoked' },
    });
    expect(put.statusCode).toBe(200);

    const expect1 = async (status: string, expected: string[], wire: string) => {
      const body = await search(`?status=${status}`);
      expect(ids(body), status).toEqual(expected);
      for (const item of body.items) expect(item).toMatchObject({ status, wireStatus: wire });
    };
    await expect1('Valid', [valid], 'Authorised');
    await expect1('Received', [received], 'AwaitingAuthorisation');
    await expect1('Rejected', [rejected], 'Rejected');
    await expect1('TerminatedByTPP', [byTpp], 'Revoked');
    await expect1('RevokedByPSU', [byPsu], 'Revoked');
    expect((await search('?status=PartiallyAuthorised')).total).toBe(0);
    expect((await search('?status=Expired')).total).toBe(0);
    const labels = (await search('')).items.map((i) => i.statusLabel).sort();
    expect(labels).toEqual(['Received', 'Rejected', 'Revoked by PSU', 'Terminated by TPP', 'Valid']);

    // Past their expiry instant, the live ones read as Expired (lazy expiry) before any job stores it.
    h.t.clock.advance(6 * 86_400_000);
    officer = await signIn(h.t, OFFICER.username, OFFICER.password);
    const expired = await search('?status=Expired');
    expect(ids(expired).sort()).toEqual([valid, received].sort());
    expect(expired.items.every((i) => i.wireStatus === 'Expired' && i.statusLabel === 'Expired')).toBe(true);
    expect((await search('?status=Valid')).total).toBe(0);
    expect((await search('?status=Received')).total).toBe(0);
  });

  it.each([
    ['?status=Authorised', 'status'],
    ['?consentType=loans', 'consentType'],
    ['?limit=0', 'limit'],
    ['?limit=101', 'limit'],
    ['?offset=-1', 'offset'],
    ['?order=sideways', 'order'],
    ['?from=yesterday', 'from'],
    ['?to=2026-02-30', 'to'],
    ['?from=2026-03-17&to=2026-03-16', 'from'],
    ['?colour=red', 'colour'],
  ])('a bad query %s is a 400 naming %s', async (query, path) => {
    const response = await portal(h.t, officer, 'GET', `/consents${query}`);
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body.code).toMatch(/^request\./);
    expect(body.details.map((d: { path: string }) => d.path)).toContain(path);
  });
});

describe('detail', () => {
  it('shows TPP, customer, dates, permissions, accounts, authorisations, original request and history', async () => {
    const consentId = await givenConsent('account-access-consents', { userId: 'olivia' });
    const response = await portal(h.t, officer, 'GET', `/consents/${consentId}`);
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      consentId,
      consentType: 'accounts',
      kind: 'accounts',
      clientId: TPP,
      clientName: `Client ${TPP}`,
      userId: 'olivia',
      status: 'Valid',
      wireStatus: 'Authorised',
      revocable: true,
      customer: { username: 'olivia' },
      permissions: ['ReadAccountsBasic', 'ReadBalances', 'ReadTransactionsBasic', 'ReadTransactionsCredits'],
      accounts: [{ accountId: '31820', permission: 'ReadBalances', mappingStatus: 'active' }],
      authorisations: [{ userId: 'olivia', type: 'authorisation', status: 'Authorised' }],
      originalRequest: { Data: { Permissions: expect.any(Array) }, Risk: {} },
    });
    expect(body.expiresAt).toBe('2026-03-21T08:16:08.000Z');
    expect(body.createdAt).toBe('2026-03-16T08:16:09.000Z');
    expect(body.history).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: 'AwaitingAuthorisation',
        toLabel: 'Received',
        actorType: 'tpp',
        actorId: TPP,
      }),
      expect.objectContaining({
        fromStatus: 'AwaitingAuthorisation',
        toStatus: 'Authorised',
        fromLabel: 'Received',
        toLabel: 'Valid',
        actorType: 'bank',
      }),
    ]);
  });

  it('an unknown or malformed id is a 404', async () => {
    for (const id of ['4d0b8b8f-0f3a-4c43-9d0a-5e8f2f5a9c11', 'not-a-uuid']) {
      const response = await portal(h.t, officer, 'GET', `/consents/${id}`);
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe('consent.not_found');
    }
  });
});

describe('revoke', () => {
  it('revokes at once for every API, with the officer and reason in the history and the audit log', async () => {
    const consentId = await givenConsent('account-access-consents', { userId: 'olivia' });
    const response = await portal(h.t, officer, 'POST', `/consents/${consentId}/revoke`, {
      payload: { reason: 'Customer called: lost phone' },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({ status: 'RevokedByPSU', wireStatus: 'Revoked', revocable: false });
    expect(body.history.at(-1)).toMatchObject({
      fromStatus: 'Authorised',
      toStatus: 'Revoked',
      toLabel: 'Revoked by PSU',
      reason: 'Customer called: lost phone',
      actorType: 'officer',
      actorId: OFFICER.username,
    });
    const stored = await h.t.database.db
      .selectFrom('consent_status_history')
      .selectAll()
      .where('consent_id', '=', consentId)
      .where('to_status', '=', 'Revoked')
      .execute();
    expect(stored).toMatchObject([
      { actor_type: 'officer', actor_id: OFFICER.username, reason: 'Customer called: lost phone' },
    ]);
    const audit = await h.t.database.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'consent.revoked')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actor_type: 'officer',
      actor_id: OFFICER.username,
      target_type: 'consent',
      target_id: consentId,
    });
    expect(JSON.parse(audit[0]!.details)).toMatchObject({
      reason: 'Customer called: lost phone',
      fromStatus: 'Authorised',
    });

    // The TPP's next read and the gateway's next validation see it.
    const read = await h.send('GET', `account-access-consents/${consentId}`);
    expect(read.json().Data.Status).toBe('Revoked');
    const verdict = await h.send('POST', '/api/fs/consent/validate', {
      client: null,
      payload: { consentId, clientId: TPP, userId: 'olivia', accountId: '31820', permission: 'ReadBalances' },
    });
    expect(verdict.json().isValid).toBe(false);
  });

  it('refuses payment consents ("You cannot revoke a payment consent") and changes nothing', async () => {
    const consentId = await givenConsent('domestic-payment-consents');
    const detail = await portal(h.t, officer, 'GET', `/consents/${consentId}`);
    expect(detail.json()).toMatchObject({ revocable: false, status: 'Valid' });
    const before = await h.snapshot();
    const response = await portal(h.t, officer, 'POST', `/consents/${consentId}/revoke`, {
      payload: { reason: 'Customer asked' },
    });
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({
      code: 'consent.not_revocable',
      message: 'You cannot revoke a payment consent',
    });
    expect(await h.snapshot()).toBe(before);
  });

  it.each([
    ['no reason', {}, 'request.field_missing'],
    ['an empty reason', { reason: '' }, 'request.field_invalid'],
    ['a blank reason', { reason: '   ' }, 'request.field_invalid'],
    ['a reason that is not text', { reason: 42 }, 'request.field_invalid'],
    ['an unknown field', { reason: 'x', status: 'Authorised' }, 'request.field_invalid'],
  ])('%s is a 400 and nothing changes', async (_case, payload, code) => {
    const consentId = await givenConsent('account-access-consents');
    const before = await h.snapshot();
    const response = await portal(h.t, officer, 'POST', `/consents/${consentId}/revoke`, { payload });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe(code);
    expect(await h.snapshot()).toBe(before);
  });

  it('an already revoked or rejected consent is a 409 and nothing changes', async () => {
    const rejected = await givenConsent('account-access-consents', { status: 'Rejected' });
    const revoked = await givenConsent('account-access-consents');
    await h.send('DELETE', `account-access-consents/${revoked}`);
    const before = await h.snapshot();
    for (const id of [rejected, revoked]) {
      const response = await portal(h.t, officer, 'POST', `/consents/${id}/revoke`, {
        payload: { reason: 'again' },
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('consent.invalid_transition');
    }
    expect(await h.snapshot()).toBe(before);
  });
});
