// The one status step, for a family the manage API does not serve (OBP): the lifecycle table decides,
// every change writes history (actor, reason) and outbox rows, a due expiry is stored first, the binding
// hides other clients' consents.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, Consent } from '../../domain/consent.js';
import { givenClient } from '../../../test/helpers/factories.js';
import { createTestContext, TEST_NOW, type TestContext } from '../../../test/helpers/test-context.js';
import { transitionConsent, type ConsentChange } from './transition-consent.js';

const HOUR = 3_600_000;
const psu: Actor = { type: 'psu', id: 'obp-user' };

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await givenClient(t.ctx, 'obp-consumer');
});
afterAll(() => t.close());

async function givenObpConsent(status: Consent['status'], expiresAt: number | null = null): Promise<string> {
  const consent: Consent = {
    consentId: t.ctx.ids.uuid(),
    kind: 'obp',
    consentType: 'obp',
    apiFamily: 'obp',
    clientId: 'obp-consumer',
    status,
    receipt: '{}',
    createdAt: TEST_NOW,
    updatedAt: TEST_NOW,
    statusUpdatedAt: TEST_NOW,
    validFrom: null,
    expiresAt,
    recurringIndicator: false,
    frequency: 0,
    userId: 'obp-user',
    lastUsageAt: null,
  };
  await t.ctx.storage.repos.consentWriter.insert(consent);
  return consent.consentId;
}

function transition(
  consentId: string,
  change: ConsentChange,
  at = TEST_NOW + 1000,
  clientId = 'obp-consumer',
) {
  return t.ctx.storage.transaction((repos) =>
    transitionConsent(repos, {
      consentId,
      binding: { kind: 'obp', clientId },
      change,
      actor: psu,
      reason: (to) => `SCA answered: ${to}`,
      at,
    }),
  );
}

async function outboxOf(consentId: string) {
  return (await t.database.db.selectFrom('outbox').select('payload').execute())
    .map((row) => JSON.parse(row.payload) as { consentId: string; from: string; to: string })
    .filter((event) => event.consentId === consentId);
}

describe('transitionConsent on an OBP consent', () => {
  it('INITIATED -> ACCEPTED on the SCA answer, with history and outbox rows', async () => {
    const id = await givenObpConsent('INITIATED');
    const outcome = await transition(id, { event: 'authorise' });
    expect(outcome).toMatchObject({ from: 'INITIATED', to: 'ACCEPTED', changed: true });
    expect(outcome.consent).toMatchObject({ status: 'ACCEPTED', statusUpdatedAt: TEST_NOW + 1000 });
    expect(await t.ctx.storage.repos.consents.findById(id)).toMatchObject({
      status: 'ACCEPTED',
      statusUpdatedAt: TEST_NOW + 1000,
      updatedAt: TEST_NOW + 1000,
    });
    expect(await t.ctx.storage.repos.consents.history(id)).toEqual([
      expect.objectContaining({
        fromStatus: 'INITIATED',
        toStatus: 'ACCEPTED',
        reason: 'SCA answered: ACCEPTED',
        actor: psu,
        at: TEST_NOW + 1000,
      }),
    ]);
    expect(await outboxOf(id)).toEqual([expect.objectContaining({ from: 'INITIATED', to: 'ACCEPTED' })]);
  });

  it('a named status (OBP status update) goes through the same table; the same status is no change', async () => {
    const id = await givenObpConsent('ACCEPTED');
    expect(await transition(id, { status: 'ACCEPTED' })).toMatchObject({ to: 'ACCEPTED', changed: false });
    expect(await transition(id, { status: 'REVOKED' })).toMatchObject({ from: 'ACCEPTED', to: 'REVOKED' });
    await expect(transition(id, { status: 'ACCEPTED' })).rejects.toMatchObject({
      code: 'consent.invalid_transition',
    });
    await expect(transition(id, { status: 'Authorised' })).rejects.toThrow(
      'Status Authorised cannot be set directly',
    );
    expect((await t.ctx.storage.repos.consents.history(id)).map((r) => r.toStatus)).toEqual(['REVOKED']);
  });

  it('REJECTED is final', async () => {
    const id = await givenObpConsent('INITIATED');
    await transition(id, { event: 'reject' });
    await expect(transition(id, { event: 'authorise' })).rejects.toThrow(
      'A consent in status REJECTED cannot be authorised',
    );
    expect((await t.ctx.storage.repos.consents.findById(id))?.status).toBe('REJECTED');
  });

  it('stores a due expiry first: an ACCEPTED consent past its expiry is EXPIRED and cannot be revoked', async () => {
    const id = await givenObpConsent('ACCEPTED', TEST_NOW + HOUR);
    await expect(transition(id, { event: 'revoke' }, TEST_NOW + 2 * HOUR)).rejects.toThrow(
      'A consent in status EXPIRED cannot be revoked',
    );
    // Rolled back with the refused change; asking nothing stores it.
    expect((await t.ctx.storage.repos.consents.findById(id))?.status).toBe('ACCEPTED');
    const outcome = await transition(id, null, TEST_NOW + 2 * HOUR);
    expect(outcome).toMatchObject({ from: 'EXPIRED', to: 'EXPIRED', changed: true });
    expect(await t.ctx.storage.repos.consents.findById(id)).toMatchObject({
      status: 'EXPIRED',
      statusUpdatedAt: TEST_NOW + HOUR,
      updatedAt: TEST_NOW + 2 * HOUR,
    });
    expect(await t.ctx.storage.repos.consents.history(id)).toEqual([
      expect.objectContaining({
        fromStatus: 'ACCEPTED',
        toStatus: 'EXPIRED',
        reason: 'Consent expired',
        actor: { type: 'system', id: 'lazy-expiry' },
        at: TEST_NOW + HOUR,
      }),
    ]);
  });

  it("another client's consent, another kind, or a malformed id is not found, and nothing changes", async () => {
    const id = await givenObpConsent('INITIATED');
    await expect(transition(id, { event: 'authorise' }, TEST_NOW, 'someone-else')).rejects.toMatchObject({
      code: 'consent.not_found',
    });
    await expect(
      t.ctx.storage.transaction((repos) =>
        transitionConsent(repos, {
          consentId: id,
          binding: { kind: 'accounts' },
          change: { event: 'authorise' },
          actor: psu,
          reason: 'x',
          at: TEST_NOW,
        }),
      ),
    ).rejects.toMatchObject({ code: 'consent.not_found' });
    await expect(transition('not-a-uuid', { event: 'authorise' })).rejects.toMatchObject({
      code: 'consent.not_found',
    });
    expect((await t.ctx.storage.repos.consents.findById(id))?.status).toBe('INITIATED');
    expect(await t.ctx.storage.repos.consents.history(id)).toEqual([]);
  });
});
