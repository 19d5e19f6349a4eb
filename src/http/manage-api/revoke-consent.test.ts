// DELETE /api/fs/consent/manage/{resource}/{id}: 204 and Revoked with a history row; payment consents are
// never revocable; revoking twice adds nothing.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConsentResource } from '../ob/consent-resources.js';
import { createManageHarness, TPP, type ManageHarness } from '../../../test/helpers/manage-api.js';
import { TEST_NOW } from '../../../test/helpers/test-context.js';

let h: ManageHarness;
beforeAll(async () => {
  h = await createManageHarness();
});
afterAll(() => h.close());
afterEach(() => h.t.clock.set(TEST_NOW));

async function authorise(resource: ConsentResource, consentId: string) {
  const response = await h.send('PUT', `${resource}/${consentId}`, {
    internal: true,
    payload: { status: 'Authorised' },
  });
  expect(response.statusCode).toBe(200);
}

describe.each(['account-access-consents', 'funds-confirmation-consents', 'domestic-vrp-consents'] as const)(
  'revoking a %s',
  (resource) => {
    it.each([false, true])(
      'answers 204 and stores Revoked with one history row (authorised first: %s)',
      async (authorised) => {
        const { consentId } = await h.create(resource);
        if (authorised) await authorise(resource, consentId);
        const from = authorised ? 'Authorised' : 'AwaitingAuthorisation';
        const historyBefore = await h.t.ctx.storage.repos.consents.history(consentId);
        const outbox = await h.count('outbox');
        h.t.clock.advance(30_000);
        const response = await h.send('DELETE', `${resource}/${consentId}`);
        expect(response.statusCode).toBe(204);
        expect(response.body).toBe('');
        const consent = await h.t.ctx.storage.repos.consents.findById(consentId);
        expect(consent).toMatchObject({ status: 'Revoked', statusUpdatedAt: TEST_NOW + 30_000 });
        const history = await h.t.ctx.storage.repos.consents.history(consentId);
        expect(history).toHaveLength(historyBefore.length + 1);
        expect(history.at(-1)).toMatchObject({
          fromStatus: from,
          toStatus: 'Revoked',
          reason: 'Revoked by the TPP',
          actor: { type: 'tpp', id: TPP },
          at: TEST_NOW + 30_000,
        });
        expect(await h.count('outbox')).toBe(outbox + 1);
        const read = await h.send('GET', `${resource}/${consentId}`);
        expect(read.json().Data.Status).toBe('Revoked');
      },
    );
  },
);

it('revoking twice answers 204 again and adds no second history row', async () => {
  const { consentId } = await h.create('account-access-consents');
  expect((await h.send('DELETE', `account-access-consents/${consentId}`)).statusCode).toBe(204);
  const before = await h.snapshot();
  h.t.clock.advance(1000);
  const again = await h.send('DELETE', `account-access-consents/${consentId}`);
  expect(again.statusCode).toBe(204);
  expect(await h.snapshot()).toBe(before);
});

describe.each([
  'domestic-payment-consents',
  'domestic-scheduled-payment-consents',
  'domestic-standing-order-consents',
  'international-payment-consents',
  'file-payment-consents',
] as const)('revoking a %s', (resource) => {
  it('is a 400 saying payment consents cannot be revoked, and changes nothing', async () => {
    const { consentId } = await h.create(resource);
    const before = await h.snapshot();
    const response = await h.send('DELETE', `${resource}/${consentId}`);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      Code: '400',
      Errors: [
        { ErrorCode: 'UK.OBIE.Resource.InvalidConsentStatus', Message: 'Payment consents cannot be revoked' },
      ],
    });
    expect(await h.snapshot()).toBe(before);
  });
});

it('a rejected consent cannot be revoked: 400, nothing changes', async () => {
  const { consentId } = await h.create('account-access-consents');
  await h.send('PUT', `account-access-consents/${consentId}`, {
    internal: true,
    payload: { status: 'Rejected' },
  });
  const before = await h.snapshot();
  const response = await h.send('DELETE', `account-access-consents/${consentId}`);
  expect(response.statusCode).toBe(400);
  expect(response.json().Errors[0].ErrorCode).toBe('UK.OBIE.Resource.InvalidConsentStatus');
  expect(await h.snapshot()).toBe(before);
});

it('a consent past its expiry cannot be revoked: 400, nothing changes', async () => {
  const { consentId } = await h.create('account-access-consents');
  await authorise('account-access-consents', consentId);
  h.t.clock.advance(30 * 86_400_000);
  const before = await h.snapshot();
  const response = await h.send('DELETE', `account-access-consents/${consentId}`);
  expect(response.statusCode).toBe(400);
  expect(response.json().Errors[0]).toMatchObject({
    ErrorCode: 'UK.OBIE.Resource.InvalidConsentStatus',
    Message: 'A consent in status Expired cannot be revoked',
  });
  expect(await h.snapshot()).toBe(before);
});
