// Issue 13 item 7: two instances on one database. On PostgreSQL an operator deactivated or a client
// disabled through one instance is refused by the other within one second, although the other remembered
// the credential (CREDENTIAL_CACHE_SECONDS 5): the change reaches it through LISTEN/NOTIFY. The expiry job and the usage flush running on both instances at once write each history row once.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { basic, givenClient, givenOperator } from '../helpers/factories.js';
import { testDialect } from '../helpers/test-context.js';
import { randomUUID } from 'node:crypto';
import { KIND_INFO, type Authorisation, type Consent } from '../../src/domain/consent.js';
import { expireConsents } from '../../src/services/consents/expire-consents.js';
import { flushConsentUsage } from '../../src/services/consents/flush-consent-usage.js';
import { startTwoInstances, type Instance, type TwoInstances } from './two-instances.js';

const postgres = testDialect() === 'postgres';
const JSON_HEADERS = { 'content-type': 'application/json' };
const FORM = 'application/x-www-form-urlencoded';

let two: TwoInstances;
beforeEach(async () => {
  two = await startTwoInstances({ CREDENTIAL_CACHE_SECONDS: '5' });
});
afterEach(() => two.close());

const GRANT = { userId: 'psu-1', accountId: 'acc-1', permission: 'ReadAccountsBasic' };

function validate(instance: Instance, authorization: string, consentId: string = randomUUID()) {
  return instance.app.inject({
    method: 'POST',
    url: '/api/fs/consent/validate',
    headers: { authorization, ...JSON_HEADERS },
    payload: { consentId, clientId: 'tpp-1', ...GRANT },
  });
}

function token(instance: Instance, clientId: string, secret: string) {
  return instance.app.inject({
    method: 'POST',
    url: '/oauth2/token',
    headers: { authorization: basic(clientId, secret), 'content-type': FORM },
    payload: 'grant_type=client_credentials&scope=fundsconfirmations',
  });
}

/** Polls `attempt` until it answers `status`; the milliseconds that took (fails after `limitMs`). */
async function msUntil(status: number, attempt: () => Promise<{ statusCode: number }>, limitMs = 3_000) {
  const started = performance.now();
  for (;;) {
    if ((await attempt()).statusCode === status) return performance.now() - started;
    if (performance.now() - started > limitMs) throw new Error(`no ${status} within ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.runIf(postgres)('two instances on one PostgreSQL database: credential changes', () => {
  it('an operator deactivated on A is refused by B within one second (B had it cached)', async () => {
    const { a, b } = two;
    const gateway = await givenOperator(a.ctx, 'gw', ['consent-manager']);
    const admin = await givenOperator(a.ctx, 'root', ['admin']);
    // B verifies the gateway's credential and remembers it (the next calls cost no scrypt).
    expect((await validate(b, gateway.authorization)).statusCode).not.toBe(401);
    expect((await validate(b, gateway.authorization)).statusCode).not.toBe(401);

    const deactivated = await a.app.inject({
      method: 'PATCH',
      url: '/admin/operators/gw',
      headers: { authorization: admin.authorization, ...JSON_HEADERS },
      payload: { active: false },
    });
    expect(deactivated.statusCode).toBe(200);
    expect(deactivated.json().active).toBe(false);
    const ms = await msUntil(401, () => validate(b, gateway.authorization));
    expect(ms).toBeLessThan(1_000);
    // And it stays refused (nothing stale is put back).
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await validate(b, gateway.authorization)).statusCode).toBe(401);
    expect((await validate(a, gateway.authorization)).statusCode).toBe(401);
  });

  it('a client disabled on A gets no token from B within one second (B had its secret cached)', async () => {
    const { a, b } = two;
    await givenClient(a.ctx, 'cbpii-1', ['CBPII'], { clientSecret: 'cbpii-1-secret' });
    const admin = await givenOperator(a.ctx, 'root', ['admin']);
    expect((await token(b, 'cbpii-1', 'cbpii-1-secret')).statusCode).toBe(200);
    expect((await token(b, 'cbpii-1', 'cbpii-1-secret')).statusCode).toBe(200);

    const disabled = await a.app.inject({
      method: 'PATCH',
      url: '/admin/clients/cbpii-1',
      headers: { authorization: admin.authorization, ...JSON_HEADERS },
      payload: { active: false },
    });
    expect(disabled.statusCode).toBe(200);
    const ms = await msUntil(401, () => token(b, 'cbpii-1', 'cbpii-1-secret'));
    expect(ms).toBeLessThan(1_000);
    expect((await token(b, 'cbpii-1', 'cbpii-1-secret')).statusCode).toBe(401);
  });

  it('the instance sync is live on both and tells the other instance, not itself', async () => {
    const { a, b } = two;
    const syncA = a.database.instanceSync!();
    const syncB = b.database.instanceSync!();
    await waitFor(() => syncA.live && syncB.live);
    const heardByA: string[] = [];
    const heardByB: string[] = [];
    syncA.subscribe((topic) => heardByA.push(topic));
    syncB.subscribe((topic) => heardByB.push(topic));
    await syncA.publish('operators');
    await waitFor(() => heardByB.length > 0);
    expect(heardByB).toEqual(['operators']);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(heardByA).toEqual([]);
  });
});

async function waitFor(condition: () => boolean, limitMs = 3_000): Promise<void> {
  const started = performance.now();
  while (!condition()) {
    if (performance.now() - started > limitMs) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function dueConsent(consentId: string, now: number): Consent {
  return {
    consentId,
    kind: 'accounts',
    consentType: KIND_INFO.accounts.consentType,
    apiFamily: 'obie',
    clientId: 'tpp-1',
    status: 'Authorised',
    receipt: JSON.stringify({ Data: { Permissions: ['ReadAccountsBasic'] }, Risk: {} }),
    createdAt: now - 86_400_000,
    updatedAt: now - 86_400_000,
    statusUpdatedAt: now - 86_400_000,
    validFrom: null,
    expiresAt: now - 1_000,
    recurringIndicator: true,
    frequency: 0,
    userId: 'psu-1',
    lastUsageAt: null,
  };
}

function authorisationOf(consentId: string, now: number): Authorisation {
  return {
    authorisationId: randomUUID(),
    consentId,
    userId: GRANT.userId,
    type: 'authorisation',
    status: 'Authorised',
    updatedAt: now,
    mappings: [
      {
        mappingId: randomUUID(),
        accountId: GRANT.accountId,
        permission: GRANT.permission,
        mappingStatus: 'active',
      },
    ],
  };
}

// PostgreSQL only: two SQLite instances in one test process share its one thread, and better-sqlite3 waits
// for a lock synchronously (busy_timeout), so one instance's open write transaction would block the other
// until the timeout; on SQLite, instances are separate processes (not covered here).
describe.runIf(postgres)('two instances on one PostgreSQL database: background jobs', () => {
  it('the expiry job running on both at once writes one expiry history row per consent', async () => {
    const { a, b } = two;
    await givenClient(a.ctx, 'tpp-1');
    const now = Date.now();
    const ids = Array.from({ length: 300 }, () => randomUUID());
    await a.ctx.storage.transaction((repos) =>
      repos.consentWriter.insertMany(
        ids.map((id) => dueConsent(id, now)),
        [],
      ),
    );
    const [byA, byB] = await Promise.all([
      expireConsents(a.ctx, { batchSize: 50 }),
      expireConsents(b.ctx, { batchSize: 50 }),
    ]);
    expect(byA + byB).toBe(ids.length);
    for (const id of [ids[0]!, ids[149]!, ids[299]!]) {
      const history = await b.ctx.storage.repos.consents.history(id);
      expect(
        history.filter((h) => h.toStatus === 'Expired'),
        id,
      ).toHaveLength(1);
      expect((await a.ctx.storage.repos.consents.findById(id))!.status).toBe('Expired');
    }
    const rows = await a.database.db
      .selectFrom('consent_status_history')
      .select((eb) => ['consent_id', eb.fn.countAll<number>().as('n')])
      .where('to_status', '=', 'Expired')
      .groupBy('consent_id')
      .execute();
    expect(rows).toHaveLength(ids.length);
    expect(rows.every((r) => Number(r.n) === 1)).toBe(true);
  });

  it('the usage flush of both instances stores the latest use and writes no history row', async () => {
    const { a, b } = two;
    await givenClient(a.ctx, 'tpp-1');
    const gateway = await givenOperator(a.ctx, 'gw', ['consent-manager']);
    const now = Date.now();
    const id = randomUUID();
    const consent = { ...dueConsent(id, now), expiresAt: now + 86_400_000 };
    await a.ctx.storage.transaction((repos) =>
      repos.consentWriter.insertMany([consent], [authorisationOf(id, now)]),
    );
    const before = await a.ctx.storage.repos.consents.history(id);
    for (const instance of [a, b]) {
      const res = await validate(instance, gateway.authorization, id);
      expect(res.statusCode).toBe(200);
      expect(res.json().isValid).toBe(true);
    }
    const [flushedA, flushedB] = await Promise.all([flushConsentUsage(a.ctx), flushConsentUsage(b.ctx)]);
    expect(flushedA + flushedB).toBe(2);
    const stored = await a.database.db
      .selectFrom('consents')
      .select('last_usage_at')
      .where('consent_id', '=', id)
      .executeTakeFirstOrThrow();
    expect(stored.last_usage_at).toBeGreaterThanOrEqual(now - 60_000);
    expect(await b.ctx.storage.repos.consents.history(id)).toEqual(before);
  });
});
