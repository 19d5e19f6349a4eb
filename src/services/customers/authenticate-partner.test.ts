import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, givenPartner } from '../../../test/helpers/customers.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { authenticatePartner } from './authenticate-partner.js';
import { getIssuingPartner } from './get-issuing-partner.js';

// These suites test the account-wide lock itself: here one locked source is enough to lock the account
// (per-source counting: test/hardening/lockout-per-source.test.ts).
const ONE_SOURCE_LOCKS = { lockoutAccountSources: 1 };

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext(ONE_SOURCE_LOCKS);
});
afterAll(() => t.close());

async function partnerRow(clientId: string) {
  return t.database.db
    .selectFrom('issuing_partners')
    .select(['failed_logins', 'locked_until'])
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
}

const lockRows = async (clientId: string) =>
  (await auditRows(t, 'partner.locked')).filter((r) => r.target_id === clientId);

describe('authenticatePartner', () => {
  it('counts concurrent wrong secrets exactly and locks once', async () => {
    const partner = await givenPartner(t.ctx, 'race-bank');
    // The partner row exists before the race, as it does for any partner that has called before.
    await getIssuingPartner(t.ctx, partner.clientId);
    const { maxFailedLogins, lockoutMinutes } = t.ctx.config;
    const results = await Promise.allSettled(
      Array.from({ length: maxFailedLogins + 3 }, () =>
        authenticatePartner(t.ctx, partner.clientId, 'wrong-secret', '127.0.0.1'),
      ),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    // Failures that arrive once the partner is locked are refused without being counted.
    expect(await partnerRow(partner.clientId)).toEqual({
      failed_logins: maxFailedLogins,
      locked_until: t.clock.now() + lockoutMinutes * 60_000,
    });
    const rows = await lockRows(partner.clientId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ actor_type: 'system', actor_id: 'authentication' });
    expect(rows[0]!.details).toEqual({
      scope: 'account',
      source: '127.0.0.1',
      lockedSources: 1,
      failedLogins: maxFailedLogins,
      lockedUntil: t.clock.now() + lockoutMinutes * 60_000,
    });
    await expect(
      authenticatePartner(t.ctx, partner.clientId, partner.clientSecret, '127.0.0.1'),
    ).rejects.toMatchObject({
      code: 'auth.locked',
    });
  });

  it('counts every one of many concurrent failures below the limit (no lost increments)', async () => {
    const partner = await givenPartner(t.ctx, 'count-bank');
    await getIssuingPartner(t.ctx, partner.clientId);
    const { maxFailedLogins } = t.ctx.config;
    await Promise.allSettled(
      Array.from({ length: maxFailedLogins - 1 }, () =>
        authenticatePartner(t.ctx, partner.clientId, 'wrong-secret', '127.0.0.1'),
      ),
    );
    expect(await partnerRow(partner.clientId)).toEqual({
      failed_logins: maxFailedLogins - 1,
      locked_until: null,
    });
    expect(await lockRows(partner.clientId)).toHaveLength(0);
    // The right secret clears the count.
    await authenticatePartner(t.ctx, partner.clientId, partner.clientSecret, '127.0.0.1');
    expect(await partnerRow(partner.clientId)).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('after the lock ends the count restarts: one more failure does not lock again (issue 13)', async () => {
    const partner = await givenPartner(t.ctx, 'relock-bank');
    for (let i = 0; i < t.ctx.config.maxFailedLogins; i++) {
      await expect(authenticatePartner(t.ctx, partner.clientId, 'wrong', '127.0.0.1')).rejects.toMatchObject({
        code: 'auth.invalid',
      });
    }
    const lockout = t.ctx.config.lockoutMinutes * 60_000;
    t.clock.advance(lockout + 1);
    await expect(authenticatePartner(t.ctx, partner.clientId, 'wrong', '127.0.0.1')).rejects.toMatchObject({
      code: 'auth.invalid',
    });
    expect(await partnerRow(partner.clientId)).toEqual({ failed_logins: 1, locked_until: null });
    expect(await lockRows(partner.clientId)).toHaveLength(1);
    await authenticatePartner(t.ctx, partner.clientId, partner.clientSecret, '127.0.0.1');
    expect(await partnerRow(partner.clientId)).toEqual({ failed_logins: 0, locked_until: null });
  });

  it('a success cached before the lock does not outlive it', async () => {
    const partner = await givenPartner(t.ctx, 'cached-bank');
    await authenticatePartner(t.ctx, partner.clientId, partner.clientSecret, '127.0.0.1');
    for (let i = 0; i < t.ctx.config.maxFailedLogins; i++) {
      await expect(authenticatePartner(t.ctx, partner.clientId, 'wrong', '127.0.0.1')).rejects.toMatchObject({
        code: 'auth.invalid',
      });
    }
    await expect(
      authenticatePartner(t.ctx, partner.clientId, partner.clientSecret, '127.0.0.1'),
    ).rejects.toMatchObject({
      code: 'auth.locked',
    });
  });
});
