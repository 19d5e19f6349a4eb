import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  auditRows,
  CUSTOMER_PASSWORD,
  givenCustomer,
  givenPartner,
} from '../../../test/helpers/customers.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { authenticateCustomer } from './authenticate-customer.js';
import { addCustomerDevice } from './add-customer-device.js';
import { updateCustomer } from './update-customer.js';
import { setCustomerActivation } from './set-customer-activation.js';
import { updateIssuingPartner } from './update-issuing-partner.js';

// These suites test the account-wide lock itself: here one locked source is enough to lock the account
// (per-source counting: test/hardening/lockout-per-source.test.ts).
const ONE_SOURCE_LOCKS = { lockoutAccountSources: 1 };

let t: TestContext;
const ADMIN = { type: 'admin' as const, id: 'test-admin' };

beforeAll(async () => {
  t = await createTestContext(ONE_SOURCE_LOCKS);
  await givenPartner(t.ctx, 'bank-a');
  await givenPartner(t.ctx, 'bank-b');
  await updateIssuingPartner(t.ctx, 'bank-b', { maxFailedLogins: 3 }, ADMIN, null);
});
afterAll(() => t.close());

const login = (username: string, password: string, extra: object = {}) =>
  authenticateCustomer(t.ctx, { source: '127.0.0.1', username, password, ...extra });

async function wrongPasswords(username: string, times: number) {
  for (let i = 0; i < times; i++) {
    await expect(login(username, 'wrong-password')).rejects.toMatchObject({ code: 'auth.invalid' });
  }
}

describe('authenticateCustomer', () => {
  it('accepts the right password (username case-insensitive), records lastLoginDate, resets the count', async () => {
    const { customer } = await givenCustomer(t.ctx, 'bank-a');
    await wrongPasswords(customer.username, 2);
    expect((await t.ctx.storage.repos.customers.findById(customer.customerId))!.failedLogins).toBe(2);
    t.clock.advance(1000);
    const ok = await login(customer.username.toUpperCase(), CUSTOMER_PASSWORD);
    expect(ok).toMatchObject({
      customerId: customer.customerId,
      failedLogins: 0,
      lastLoginAt: t.clock.now(),
    });
    expect(ok).not.toHaveProperty('passwordHash');
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject({
      failedLogins: 0,
      lastLoginAt: t.clock.now(),
      locked: false,
    });
  });

  it('locks the wallet (still active) when failures reach the default limit, audited once', async () => {
    const { customer } = await givenCustomer(t.ctx, 'bank-a');
    const limit = t.ctx.config.maxFailedLogins;
    await wrongPasswords(customer.username, limit - 1);
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject({
      locked: false,
      failedLogins: limit - 1,
    });
    await wrongPasswords(customer.username, 1);
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject({
      locked: true,
      active: true,
      failedLogins: limit,
      lastLoginAt: null,
    });
    // Locked: the right password is refused exactly like a wrong one; wrong ones no longer count or re-lock.
    await expect(login(customer.username, CUSTOMER_PASSWORD)).rejects.toMatchObject({
      code: 'auth.invalid',
    });
    await wrongPasswords(customer.username, 2);
    expect((await t.ctx.storage.repos.customers.findById(customer.customerId))!.failedLogins).toBe(limit);
    const locks = (await auditRows(t, 'customer.locked')).filter((r) => r.target_id === customer.customerId);
    expect(locks).toHaveLength(1);
    expect(locks[0]).toMatchObject({ actor_type: 'system', actor_id: 'authentication' });
    expect(locks[0]!.details).toEqual({
      scope: 'account',
      source: '127.0.0.1',
      lockedSources: 1,
      partner: 'bank-a',
      reason: 'failed_logins',
      failedLogins: limit,
      maxFailedLogins: limit,
    });
    expect(JSON.stringify(locks[0])).not.toContain('wrong-password');
  });

  it("uses the issuing partner's own limit when set", async () => {
    const { customer } = await givenCustomer(t.ctx, 'bank-b');
    await wrongPasswords(customer.username, 3);
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject({
      locked: true,
      failedLogins: 3,
    });
  });

  it('honours MAX_FAILED_LOGINS', async () => {
    const small = await createTestContext({ maxFailedLogins: 2, ...ONE_SOURCE_LOCKS });
    try {
      await givenPartner(small.ctx, 'bank-c');
      const { customer } = await givenCustomer(small.ctx, 'bank-c');
      for (let i = 0; i < 2; i++) {
        await expect(
          authenticateCustomer(small.ctx, {
            source: '127.0.0.1',
            username: customer.username,
            password: 'nope-nope',
          }),
        ).rejects.toMatchObject({ code: 'auth.invalid' });
      }
      expect((await small.ctx.storage.repos.customers.findById(customer.customerId))!.locked).toBe(true);
    } finally {
      await small.close();
    }
  });

  it('refuses an inactive wallet exactly like a locked one: the same answer for the right password', async () => {
    const { customer } = await givenCustomer(t.ctx, 'bank-a');
    await updateCustomer(t.ctx, customer.customerId, { active: false }, ADMIN, null);
    await expect(login(customer.username, CUSTOMER_PASSWORD)).rejects.toMatchObject({
      code: 'auth.invalid',
    });
    await expect(login(customer.username, 'wrong-password')).rejects.toMatchObject({ code: 'auth.invalid' });
    expect((await t.ctx.storage.repos.customers.findById(customer.customerId))!.failedLogins).toBe(0);
  });

  it('answers unknown users and other partners like a wrong password', async () => {
    const { customer } = await givenCustomer(t.ctx, 'bank-a');
    await expect(login('nobody@example.com', CUSTOMER_PASSWORD)).rejects.toMatchObject({
      code: 'auth.invalid',
    });
    await expect(
      login(customer.username, CUSTOMER_PASSWORD, { partnerClientId: 'bank-b' }),
    ).rejects.toMatchObject({ code: 'auth.invalid' });
    expect(await login(customer.username, CUSTOMER_PASSWORD, { partnerClientId: 'bank-a' })).toMatchObject({
      customerId: customer.customerId,
    });
  });

  it('deactivate + activate unlocks and clears the count; the customer can log in again', async () => {
    const profile = await givenCustomer(t.ctx, 'bank-a');
    const { customer } = profile;
    await wrongPasswords(customer.username, t.ctx.config.maxFailedLogins);
    const caller = {
      partnerClientId: 'bank-a',
      actor: { type: 'partner' as const, id: 'bank-a' },
      interactionId: null,
    };
    const ref = { customerUri: `bank-a:entity:customer#${customer.customerUuid}` };
    await setCustomerActivation(t.ctx, caller, { ...ref, activate: false });
    await setCustomerActivation(t.ctx, caller, { ...ref, activate: true });
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject({
      active: true,
      locked: false,
      failedLogins: 0,
    });
    await expect(login(customer.username, CUSTOMER_PASSWORD)).resolves.toMatchObject({
      customerId: customer.customerId,
    });
  });

  it('checks the device: linked and active, recording when it was last seen', async () => {
    const { customer } = await givenCustomer(t.ctx, 'bank-a');
    const other = await givenCustomer(t.ctx, 'bank-a');
    const phone = await addCustomerDevice(
      t.ctx,
      customer.customerId,
      { deviceName: 'P', deviceType: 'iOS' },
      ADMIN,
      null,
    );
    const off = await addCustomerDevice(
      t.ctx,
      customer.customerId,
      { deviceName: 'Q', deviceType: 'iOS', active: false },
      ADMIN,
      null,
    );
    const foreign = await addCustomerDevice(
      t.ctx,
      other.customer.customerId,
      { deviceName: 'R', deviceType: 'iOS' },
      ADMIN,
      null,
    );
    t.clock.advance(5000);
    await login(customer.username, CUSTOMER_PASSWORD, { deviceId: phone.deviceId });
    expect((await t.ctx.storage.repos.customerDevices.findById(phone.deviceId))!.lastSeenAt).toBe(
      t.clock.now(),
    );
    await expect(
      login(customer.username, CUSTOMER_PASSWORD, { deviceId: off.deviceId }),
    ).rejects.toMatchObject({
      code: 'customer.unavailable',
    });
    await expect(
      login(customer.username, CUSTOMER_PASSWORD, { deviceId: foreign.deviceId }),
    ).rejects.toMatchObject({ code: 'auth.invalid' });
    expect((await t.ctx.storage.repos.customerDevices.findById(off.deviceId))!.lastSeenAt).toBeNull();
  });

  it('counts concurrent failures exactly and locks once', async () => {
    const { customer } = await givenCustomer(t.ctx, 'bank-a');
    const limit = t.ctx.config.maxFailedLogins;
    const results = await Promise.allSettled(
      Array.from({ length: limit + 3 }, () => login(customer.username, 'wrong-password')),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject({
      locked: true,
      failedLogins: limit,
    });
    expect(
      (await auditRows(t, 'customer.locked')).filter((r) => r.target_id === customer.customerId),
    ).toHaveLength(1);
  });
});
