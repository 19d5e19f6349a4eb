import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditRows, customerTables, givenCustomer, givenPartner } from '../../../test/helpers/customers.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { customerUriOf } from '../../domain/customer.js';
import { updateCustomerInformation } from './update-customer-information.js';
import { type Caller } from './caller.js';
import { verifyCustomerEmail } from './verify-customer-email.js';

let t: TestContext;
const ADMIN = { type: 'admin' as const, id: 'test-admin' };

beforeAll(async () => {
  t = await createTestContext();
  await givenPartner(t.ctx, 'bank-a');
  await givenPartner(t.ctx, 'bank-b');
});
afterAll(() => t.close());

const callerOf = (partnerClientId: string, interactionId: string | null = null): Caller => ({
  partnerClientId,
  actor: { type: 'partner', id: partnerClientId },
  interactionId,
});

/** A customer of bank-a whose address was changed to `pending` through the B2B update. */
async function withPendingEmail(pending: string) {
  const profile = await givenCustomer(t.ctx, 'bank-a');
  const customerUri = customerUriOf(profile.partner, profile.customer);
  await updateCustomerInformation(t.ctx, callerOf('bank-a'), { customerUri, changes: { email: pending } });
  return { ...profile, customerUri };
}

async function refused(work: () => Promise<unknown>, code: string) {
  const before = await customerTables(t);
  const auditBefore = (await auditRows(t)).length;
  await expect(work()).rejects.toMatchObject({ code });
  expect(await customerTables(t)).toEqual(before);
  expect(await auditRows(t)).toHaveLength(auditBefore);
}

describe('verifyCustomerEmail', () => {
  it('makes the pending address the verified e-mail, in one audited step', async () => {
    const { customer, customerUri } = await withPendingEmail('New.Address@example.com');
    t.clock.advance(60_000);
    const profile = await verifyCustomerEmail(
      t.ctx,
      { customerId: customer.customerId },
      'new.address@EXAMPLE.com',
      ADMIN,
      'verify-1',
    );
    const verified = {
      email: 'New.Address@example.com',
      emailPending: null,
      emailVerified: true,
      emailVerifiedAt: t.clock.now(),
    };
    expect(profile.customer).toMatchObject({ ...verified, updatedAt: t.clock.now() });
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject(verified);
    // The verified address is searchable at once (its key column moved with it).
    const found = await t.ctx.storage.repos.customers.search(
      'bank-a',
      { email: 'NEW.address@example.com' },
      5,
    );
    expect(found.map((c) => c.customerId)).toEqual([customer.customerId]);
    const rows = (await auditRows(t, 'customer.email_verified')).filter(
      (r) => r.target_id === customer.customerId,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_type: 'admin',
      actor_id: 'test-admin',
      target_type: 'customer',
      interaction_id: 'verify-1',
      at: t.clock.now(),
    });
    expect(rows[0]!.details).toEqual({
      partner: 'bank-a',
      customerUri,
      before: {
        email: customer.email,
        emailPending: 'New.Address@example.com',
        emailVerified: false,
        emailVerifiedAt: null,
      },
      after: verified,
    });
  });

  it('lets the issuing partner verify its own customer by URI', async () => {
    const { customer, customerUri } = await withPendingEmail('partner-verified@example.com');
    await verifyCustomerEmail(
      t.ctx,
      { partnerClientId: 'bank-a', reference: { customerUri } },
      'partner-verified@example.com',
      { type: 'partner', id: 'bank-a' },
      'verify-2',
    );
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject({
      email: 'partner-verified@example.com',
      emailPending: null,
      emailVerified: true,
    });
    const [row] = (await auditRows(t, 'customer.email_verified')).filter(
      (r) => r.interaction_id === 'verify-2',
    );
    expect(row).toMatchObject({ actor_type: 'partner', actor_id: 'bank-a', target_id: customer.customerId });
  });

  it('a newer update replaces the pending address: only the newest one can be verified', async () => {
    const { customer, customerUri } = await withPendingEmail('first@example.com');
    await updateCustomerInformation(t.ctx, callerOf('bank-a'), {
      customerUri,
      changes: { email: 'second@example.com' },
    });
    expect((await t.ctx.storage.repos.customers.findById(customer.customerId))!.emailPending).toBe(
      'second@example.com',
    );
    await refused(
      () => verifyCustomerEmail(t.ctx, { customerId: customer.customerId }, 'first@example.com', ADMIN, null),
      'customer.email_mismatch',
    );
    await verifyCustomerEmail(t.ctx, { customerId: customer.customerId }, 'second@example.com', ADMIN, null);
    expect((await t.ctx.storage.repos.customers.findById(customer.customerId))!.email).toBe(
      'second@example.com',
    );
  });

  it('refuses when nothing is pending (never set, cancelled, or already verified), changing nothing', async () => {
    const plain = await givenCustomer(t.ctx, 'bank-a');
    await refused(
      () =>
        verifyCustomerEmail(
          t.ctx,
          { customerId: plain.customer.customerId },
          plain.customer.email,
          ADMIN,
          null,
        ),
      'customer.email_not_pending',
    );

    const { customer, customerUri } = await withPendingEmail('cancelled@example.com');
    await updateCustomerInformation(t.ctx, callerOf('bank-a'), {
      customerUri,
      changes: { email: customer.email },
    });
    await refused(
      () =>
        verifyCustomerEmail(t.ctx, { customerId: customer.customerId }, 'cancelled@example.com', ADMIN, null),
      'customer.email_not_pending',
    );

    const twice = await withPendingEmail('twice@example.com');
    await verifyCustomerEmail(
      t.ctx,
      { customerId: twice.customer.customerId },
      'twice@example.com',
      ADMIN,
      null,
    );
    await refused(
      () =>
        verifyCustomerEmail(
          t.ctx,
          { customerId: twice.customer.customerId },
          'twice@example.com',
          ADMIN,
          null,
        ),
      'customer.email_not_pending',
    );
  });

  it('refuses unknown customers, other partners and invalid addresses, changing nothing', async () => {
    const { customer, customerUri } = await withPendingEmail('isolated@example.com');
    await refused(
      () => verifyCustomerEmail(t.ctx, { customerId: 'nobodyNobody' }, 'isolated@example.com', ADMIN, null),
      'customer.not_found',
    );
    await refused(
      () =>
        verifyCustomerEmail(
          t.ctx,
          { partnerClientId: 'bank-b', reference: { customerUri } },
          'isolated@example.com',
          { type: 'partner', id: 'bank-b' },
          null,
        ),
      'customer.not_found',
    );
    await refused(
      () => verifyCustomerEmail(t.ctx, { customerId: customer.customerId }, 'not-an-address', ADMIN, null),
      'request.field_invalid',
    );
  });

  it('the repository write is a compare-and-set on the pending address', async () => {
    const { customer } = await withPendingEmail('cas@example.com');
    const repos = t.ctx.storage.repos;
    const before = await customerTables(t);
    const changes = { email: 'stale@example.com', emailPending: null, emailVerified: true };
    expect(
      await repos.customers.updateIfEmailPending(customer.customerId, 'stale@example.com', changes, 1),
    ).toBe(false);
    expect(await customerTables(t)).toEqual(before);
  });
});
