// Migration 0010: the per-type-and-status counters /metrics reads agree with a GROUP BY over consents after
// every kind of consent write (create, bulk insert, revoke, expiry, the internal status update), on both
// dialects, and the counters are read without touching the consents table.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenClient, givenOperator } from '../../../test/helpers/factories.js';
import { sampleBodyOfKind } from '../../../test/helpers/ob-samples.js';
import { createTestContext, TEST_NOW, type TestContext } from '../../../test/helpers/test-context.js';
import { KIND_INFO, type Consent } from '../../domain/consent.js';
import { createConsent } from '../../services/consents/create-consent.js';
import { expireConsents } from '../../services/consents/expire-consents.js';
import { revokeConsent } from '../../services/consents/revoke-consent.js';

const TPP = 'tpp-counts';
const tpp = { type: 'tpp' as const, id: TPP };

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await givenClient(t.ctx, TPP);
});
afterAll(() => t.close());

async function grouped() {
  const rows = await t.database.db
    .selectFrom('consents')
    .select((eb) => ['consent_type', 'status', eb.fn.countAll<number>().as('n')])
    .groupBy(['consent_type', 'status'])
    .orderBy('consent_type')
    .orderBy('status')
    .execute();
  return rows.map((r) => ({ consentType: r.consent_type, status: r.status, count: Number(r.n) }));
}

const counted = () => t.ctx.storage.repos.consentMaintenance.countByTypeAndStatus();

function bulkConsent(status: string, expiresAt: number | null): Consent {
  return {
    consentId: randomUUID(),
    kind: 'accounts',
    consentType: KIND_INFO.accounts.consentType,
    apiFamily: 'obie',
    clientId: TPP,
    status,
    receipt: '{}',
    createdAt: TEST_NOW - 1000,
    updatedAt: TEST_NOW - 1000,
    statusUpdatedAt: TEST_NOW - 1000,
    validFrom: null,
    expiresAt,
    recurringIndicator: true,
    frequency: 0,
    userId: null,
    lastUsageAt: null,
  } as Consent;
}

describe('consent status counters (migration 0010)', () => {
  it('follow every write and agree with counting the consents', async () => {
    expect(await counted()).toEqual([]);
    const created = [];
    for (const kind of ['accounts', 'funds-confirmation', 'accounts'] as const)
      created.push(
        (await createConsent(t.ctx, { kind, clientId: TPP, body: sampleBodyOfKind(kind), actor: tpp }))
          .consent,
      );
    expect(await counted()).toEqual(await grouped());
    expect(await counted()).toContainEqual({
      consentType: KIND_INFO.accounts.consentType,
      status: 'AwaitingAuthorisation',
      count: 2,
    });

    await revokeConsent(t.ctx, {
      kind: 'accounts',
      consentId: created[0]!.consentId,
      clientId: TPP,
      actor: tpp,
    });
    await t.ctx.storage.transaction((repos) =>
      repos.consentWriter.insertMany(
        [
          bulkConsent('Authorised', TEST_NOW - 1),
          bulkConsent('Authorised', TEST_NOW - 1),
          bulkConsent('Rejected', null),
        ],
        [],
      ),
    );
    expect(await expireConsents(t.ctx)).toBe(2);
    const after = await counted();
    expect(after).toEqual(await grouped());
    expect(after).toContainEqual({
      consentType: KIND_INFO.accounts.consentType,
      status: 'Expired',
      count: 2,
    });
    expect(after.find((r) => r.status === 'Authorised')).toBeUndefined();
  });

  it('/metrics reports them without grouping the consents table', async () => {
    await givenOperator(t.ctx, 'metrics-reader', ['admin']);
    const before = (await t.app.inject('/metrics')).body;
    const expected = await grouped();
    for (const row of expected)
      expect(before).toContain(
        `consenthub_consents{consent_type="${row.consentType}",status="${row.status}"} ${row.count}`,
      );
    // A counter moved by hand shows at once: the gauge is read from the counters, not from consents.
    await sql`update consent_status_counts set n = n + 1000 where status = 'Expired'`.execute(t.database.db);
    const after = (await t.app.inject('/metrics')).body;
    expect(after).toMatch(/consenthub_consents\{consent_type="[^"]+",status="Expired"\} 1002/);
  });
});
