// "Expired first": every status-changing use case goes through the transition step, which stores a due
// lazy expiry before anything else. A change asked for after the expiry instant is refused (or applied on
// top of Expired), the consent reads Expired throughout, and nothing revives it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor, ConsentKind } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { givenClient } from '../../../test/helpers/factories.js';
import { givenAccount, givenPsu } from '../../../test/helpers/funds.js';
import { base64Sha256, istIn, SAMPLE_FILE, sampleBodyOfKind } from '../../../test/helpers/ob-samples.js';
import { createTestContext, TEST_NOW, type TestContext } from '../../../test/helpers/test-context.js';
import { bindFundsConsentUser } from '../funds/bind-funds-consent-user.js';
import { createConsent } from './create-consent.js';
import { expireConsents } from './expire-consents.js';
import { getConsent } from './get-consent.js';
import { revokeConsent } from './revoke-consent.js';
import { updateConsent } from './update-consent.js';
import { uploadConsentFile } from './upload-consent-file.js';

const DAY = 86_400_000;
const TPP = 'tpp-expired-first';
const tpp: Actor = { type: 'tpp', id: TPP };
const bank: Actor = { type: 'bank', id: 'test' };

let t: TestContext;
let counter = 0;
let psu: { customerId: string; username: string };
let accountId: string;

beforeAll(async () => {
  t = await createTestContext();
  await givenClient(t.ctx, TPP, ['AISP', 'PISP', 'CBPII']);
  psu = await givenPsu(t.ctx, 'expired-first-psu');
  accountId = (await givenAccount(t.ctx, psu.customerId)).accountId;
});
afterAll(() => t.close());

/** A consent of this kind created now, whose validity ends in one day, then the clock two days on. */
async function givenLapsed(kind: ConsentKind): Promise<{ consentId: string; kind: ConsentKind }> {
  t.clock.set(TEST_NOW);
  const body = sampleBodyOfKind(kind) as { Data: Record<string, unknown> };
  if ('ExpirationDateTime' in body.Data || kind === 'accounts') body.Data.ExpirationDateTime = istIn(1);
  counter += 1;
  const { consent } = await createConsent(t.ctx, {
    kind,
    clientId: TPP,
    body,
    actor: tpp,
    idempotency: { key: `k-${counter}`, requestHash: `h-${counter}` },
  });
  if (consent.expiresAt === null)
    await updateConsent(t.ctx, {
      kind,
      consentId: consent.consentId,
      clientId: TPP,
      update: { validityPeriod: Math.floor((TEST_NOW + DAY) / 1000) },
      actor: bank,
    });
  t.clock.set(TEST_NOW + 2 * DAY);
  return { consentId: consent.consentId, kind };
}

async function stored(consentId: string) {
  const repos = t.ctx.storage.repos;
  return {
    consent: await repos.consents.findById(consentId),
    history: await repos.consents.history(consentId),
    outbox: (await t.database.db.selectFrom('outbox').select('payload').execute())
      .map((row) => JSON.parse(row.payload) as { consentId: string; to: string })
      .filter((event) => event.consentId === consentId),
  };
}

async function refusal(work: Promise<unknown>): Promise<DomainError> {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

/** After a refused change: reads Expired, nothing the change would write is stored, the job stores Expired. */
async function expectStillExpired(
  consentId: string,
  kind: ConsentKind,
  before: Awaited<ReturnType<typeof stored>>,
) {
  expect(await stored(consentId)).toEqual(before);
  expect((await getConsent(t.ctx, kind, consentId, TPP)).status).toBe('Expired');
  await expireConsents(t.ctx);
  const after = await stored(consentId);
  expect(after.consent?.status).toBe('Expired');
  expect(after.history.slice(before.history.length)).toEqual([
    expect.objectContaining({
      fromStatus: before.consent?.status,
      toStatus: 'Expired',
      reason: 'Consent expired',
      at: TEST_NOW + DAY,
    }),
  ]);
}

describe('a change asked for after the expiry instant', () => {
  it('file upload: refused (consent.invalid_transition), no file, stays Expired', async () => {
    const { consentId, kind } = await givenLapsed('file-payment');
    const before = await stored(consentId);
    expect(before.consent?.status).toBe('AwaitingUpload');
    const error = await refusal(
      uploadConsentFile(t.ctx, {
        consentId,
        clientId: TPP,
        contentType: 'application/xml',
        content: SAMPLE_FILE,
        idempotency: { key: `upload-${consentId}`.slice(0, 40), requestHash: base64Sha256(SAMPLE_FILE) },
        actor: tpp,
      }),
    );
    expect(error.code).toBe('consent.invalid_transition');
    expect(error.message).toBe('A consent in status Expired cannot receive a file');
    expect(await t.ctx.storage.repos.consentFiles.find(consentId)).toBeUndefined();
    await expectStillExpired(consentId, kind, before);
  });

  it('revoke: refused, stays Expired', async () => {
    const { consentId, kind } = await givenLapsed('accounts');
    const before = await stored(consentId);
    const error = await refusal(revokeConsent(t.ctx, { kind, consentId, clientId: TPP, actor: tpp }));
    expect(error.code).toBe('consent.invalid_transition');
    await expectStillExpired(consentId, kind, before);
  });

  it('revoke of a payment consent: not revocable, whatever its expiry', async () => {
    const { consentId, kind } = await givenLapsed('domestic-payment');
    const before = await stored(consentId);
    const error = await refusal(revokeConsent(t.ctx, { kind, consentId, clientId: TPP, actor: tpp }));
    expect(error.code).toBe('consent.not_revocable');
    await expectStillExpired(consentId, kind, before);
  });

  it.each(['Authorised', 'Rejected', 'Revoked'])(
    'internal PUT of status %s: refused, stays Expired',
    async (status) => {
      const { consentId, kind } = await givenLapsed('accounts');
      const before = await stored(consentId);
      const error = await refusal(
        updateConsent(t.ctx, {
          kind,
          consentId,
          clientId: TPP,
          update: { status, consentFrequency: 4 },
          actor: bank,
        }),
      );
      expect(error.code).toBe('consent.invalid_transition');
      await expectStillExpired(consentId, kind, before);
    },
  );

  it('internal PUT without a status: applied on top of the stored expiry (system/lazy-expiry)', async () => {
    const { consentId, kind } = await givenLapsed('accounts');
    const from = (await stored(consentId)).consent?.status;
    const detail = await updateConsent(t.ctx, {
      kind,
      consentId,
      clientId: TPP,
      update: { consentFrequency: 4 },
      actor: bank,
    });
    expect(detail.consent).toMatchObject({
      status: 'Expired',
      frequency: 4,
      statusUpdatedAt: TEST_NOW + DAY,
    });
    const after = await stored(consentId);
    expect(after.consent).toMatchObject({ status: 'Expired', statusUpdatedAt: TEST_NOW + DAY });
    expect(after.history.at(-1)).toMatchObject({
      fromStatus: from,
      toStatus: 'Expired',
      actor: { type: 'system', id: 'lazy-expiry' },
      at: TEST_NOW + DAY,
    });
    expect(after.outbox.at(-1)).toMatchObject({ to: 'Expired' });
  });

  it.each(['bind', 'update'] as const)(
    'PSU binding (%s) as Authorised: refused, no binding, stays Expired',
    async (mode) => {
      const { consentId, kind } = await givenLapsed('funds-confirmation');
      if (mode === 'update') {
        t.clock.set(TEST_NOW);
        await bindFundsConsentUser(t.ctx, {
          mode: 'bind',
          clientId: TPP,
          consentId,
          userId: psu.username,
          accountIds: [accountId],
          status: 'AwaitingAuthorisation',
        });
        t.clock.set(TEST_NOW + 2 * DAY);
      }
      const before = await stored(consentId);
      const authorisations = await t.ctx.storage.repos.consents.findAuthorisations(consentId);
      const error = await refusal(
        bindFundsConsentUser(t.ctx, {
          mode,
          clientId: TPP,
          consentId,
          userId: psu.username,
          accountIds: [accountId],
          status: 'Authorised',
        }),
      );
      expect(error.code).toBe('consent.invalid_transition');
      expect(await t.ctx.storage.repos.consents.findAuthorisations(consentId)).toEqual(authorisations);
      await expectStillExpired(consentId, kind, before);
    },
  );

  it('the expiry job: stores Expired at the expiry instant, once', async () => {
    const { consentId } = await givenLapsed('accounts');
    const before = await stored(consentId);
    await expireConsents(t.ctx);
    await expireConsents(t.ctx);
    const after = await stored(consentId);
    expect(after.consent).toMatchObject({ status: 'Expired', statusUpdatedAt: TEST_NOW + DAY });
    expect(after.history.slice(before.history.length)).toEqual([
      expect.objectContaining({
        fromStatus: 'AwaitingAuthorisation',
        toStatus: 'Expired',
        actor: { type: 'system', id: 'expiry-job' },
      }),
    ]);
    expect(after.outbox.slice(before.outbox.length)).toEqual([expect.objectContaining({ to: 'Expired' })]);
  });
});
