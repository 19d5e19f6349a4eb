// The periodic expiry job: set-based, in bounded batches, one history row and one outbox event per
// consent moved, nothing else touched, and it agrees with what lazy expiry showed before it ran.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ConsentKind } from '../../domain/consent.js';
import { givenClient } from '../../../test/helpers/factories.js';
import { istIn, sampleBodyOfKind } from '../../../test/helpers/ob-samples.js';
import { createTestContext, TEST_NOW, type TestContext } from '../../../test/helpers/test-context.js';
import { createConsent } from './create-consent.js';
import { expireConsents } from './expire-consents.js';
import { getConsent } from './get-consent.js';
import { revokeConsent } from './revoke-consent.js';
import { updateConsent } from './update-consent.js';

const DAY = 86_400_000;
const TPP = 'tpp-expiry';
const tpp: Actor = { type: 'tpp', id: TPP };
const bank: Actor = { type: 'bank', id: 'test' };

let t: TestContext;
let counter = 0;
beforeAll(async () => {
  t = await createTestContext();
  await givenClient(t.ctx, TPP);
});
afterAll(() => t.close());
afterEach(() => t.clock.set(TEST_NOW));

async function given(kind: ConsentKind, options: { expiresInDays?: number; status?: string } = {}) {
  const body = sampleBodyOfKind(kind) as { Data: Record<string, unknown> };
  if (options.expiresInDays !== undefined) {
    if (kind === 'domestic-vrp')
      (body.Data.ControlParameters as Record<string, unknown>).ValidToDateTime = istIn(options.expiresInDays);
    else body.Data.ExpirationDateTime = istIn(options.expiresInDays);
  }
  counter += 1;
  const { consent } = await createConsent(t.ctx, {
    kind,
    clientId: TPP,
    body,
    actor: tpp,
    ...(kind === 'accounts' || kind === 'funds-confirmation'
      ? {}
      : { idempotency: { key: `k-${counter}`, requestHash: `h-${counter}` } }),
  });
  if (options.status === 'Revoked') {
    await revokeConsent(t.ctx, { kind, consentId: consent.consentId, clientId: TPP, actor: tpp });
  } else if (options.status) {
    await updateConsent(t.ctx, {
      kind,
      consentId: consent.consentId,
      clientId: TPP,
      update: { status: options.status },
      actor: bank,
    });
  }
  return consent.consentId;
}

async function rowOf(consentId: string) {
  return {
    consent: await t.ctx.storage.repos.consents.findById(consentId),
    history: await t.ctx.storage.repos.consents.history(consentId),
  };
}

describe('expireConsents', () => {
  it('moves exactly the due consents to Expired, one history row each, and touches nothing else', async () => {
    const awaiting = await given('accounts', { expiresInDays: 5 });
    const authorised = await given('accounts', { expiresInDays: 5, status: 'Authorised' });
    const vrp = await given('domestic-vrp', { expiresInDays: 4, status: 'Authorised' });
    const funds = await given('funds-confirmation', { expiresInDays: 3 });
    const revoked = await given('accounts', { expiresInDays: 5, status: 'Revoked' });
    const rejected = await given('accounts', { expiresInDays: 5, status: 'Rejected' });
    const later = await given('accounts', { expiresInDays: 6 });
    const payment = await given('domestic-payment');
    const file = await given('file-payment');
    const untouched = [revoked, rejected, later, payment, file];
    const before = await Promise.all(untouched.map(rowOf));
    const outbox = await t.database.db.selectFrom('outbox').selectAll().execute();

    t.clock.set(TEST_NOW + 5 * DAY);
    expect(await expireConsents(t.ctx)).toBe(4);

    for (const [id, from, days] of [
      [awaiting, 'AwaitingAuthorisation', 5],
      [authorised, 'Authorised', 5],
      [vrp, 'Authorised', 4],
      [funds, 'AwaitingAuthorisation', 3],
    ] as const) {
      const { consent, history } = await rowOf(id);
      const expiry = Date.parse(istIn(days));
      expect(consent).toMatchObject({
        status: 'Expired',
        statusUpdatedAt: expiry,
        updatedAt: TEST_NOW + 5 * DAY,
      });
      expect(history.filter((r) => r.toStatus === 'Expired')).toEqual([
        expect.objectContaining({
          fromStatus: from,
          toStatus: 'Expired',
          reason: 'Consent expired',
          actor: { type: 'system', id: 'expiry-job' },
          at: expiry,
        }),
      ]);
    }
    expect(await Promise.all(untouched.map(rowOf))).toEqual(before);

    const events = (await t.database.db.selectFrom('outbox').selectAll().execute()).filter(
      (e) => !outbox.some((o) => o.event_id === e.event_id),
    );
    expect(events.map((e) => JSON.parse(e.payload).consentId).sort()).toEqual(
      [awaiting, authorised, vrp, funds].sort(),
    );
  });

  it('a second run finds nothing and writes nothing', async () => {
    await given('accounts', { expiresInDays: 1 });
    t.clock.set(TEST_NOW + 2 * DAY);
    await expireConsents(t.ctx);
    const history = await t.database.db.selectFrom('consent_status_history').selectAll().execute();
    expect(await expireConsents(t.ctx)).toBe(0);
    expect(await t.database.db.selectFrom('consent_status_history').selectAll().execute()).toEqual(history);
  });

  it('does not expire a consent one millisecond before its expiry, and does at the instant', async () => {
    const id = await given('accounts', { expiresInDays: 7 });
    t.clock.set(Date.parse(istIn(7)) - 1);
    await expireConsents(t.ctx);
    expect((await rowOf(id)).consent?.status).toBe('AwaitingAuthorisation');
    t.clock.set(Date.parse(istIn(7)));
    await expireConsents(t.ctx);
    expect((await rowOf(id)).consent?.status).toBe('Expired');
  });

  it('works through more due consents than one batch', async () => {
    const ids = [];
    for (let i = 0; i < 5; i++) ids.push(await given('accounts', { expiresInDays: 8 }));
    t.clock.set(TEST_NOW + 9 * DAY);
    expect(await expireConsents(t.ctx, { batchSize: 2 })).toBeGreaterThanOrEqual(5);
    for (const id of ids) {
      const { consent, history } = await rowOf(id);
      expect(consent?.status).toBe('Expired');
      expect(history.filter((r) => r.toStatus === 'Expired')).toHaveLength(1);
    }
  });

  it('the stored result equals what lazy expiry showed before the job ran', async () => {
    const id = await given('accounts', { expiresInDays: 10, status: 'Authorised' });
    t.clock.set(TEST_NOW + 11 * DAY);
    const lazy = await getConsent(t.ctx, 'accounts', id, TPP);
    expect((await rowOf(id)).consent?.status).toBe('Authorised');
    await expireConsents(t.ctx);
    const stored = await getConsent(t.ctx, 'accounts', id, TPP);
    expect({ status: stored.status, statusUpdatedAt: stored.statusUpdatedAt }).toEqual({
      status: lazy.status,
      statusUpdatedAt: lazy.statusUpdatedAt,
    });
    expect(stored.status).toBe('Expired');
  });

  it('a consent already stored Expired by an update is not moved again', async () => {
    const id = await given('accounts', { expiresInDays: 12 });
    t.clock.set(TEST_NOW + 13 * DAY);
    await updateConsent(t.ctx, {
      kind: 'accounts',
      consentId: id,
      clientId: TPP,
      update: { consentFrequency: 1 },
      actor: bank,
    });
    const history = (await rowOf(id)).history;
    expect(history.at(-1)).toMatchObject({
      toStatus: 'Expired',
      actor: { type: 'system', id: 'lazy-expiry' },
    });
    await expireConsents(t.ctx);
    expect((await rowOf(id)).history).toEqual(history);
  });
});
