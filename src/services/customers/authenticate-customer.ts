// The one way a customer (PSU / wallet holder) logs in: OBP DirectLogin and every other PSU login call it.
import type { AppContext } from '../../context.js';
import { walletLocksAfter, type Customer } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import { walletLoginLimit } from './wallet-login-limit.js';
import { publicCustomer } from './profiles-of.js';
import { hashSecret, verifySecret } from '../credentials/secrets.js';

export interface CustomerLogin {
  username: string;
  password: string;
  /** Only customers of this issuing partner may log in (a partner's own app). */
  partnerClientId?: string;
  /** The device logging in: it must be linked to the wallet and active; its last-seen time is recorded. */
  deviceId?: string;
  interactionId?: string | null;
}

// A fixed hash to verify against when the username is unknown, so timing does not reveal which
// usernames exist. Computed once, lazily.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a customer's password. Wrong passwords are counted; when consecutive failures reach the issuing
 * partner's limit the wallet locks (it stays active) and an audit row is written. Unknown users and wrong
 * passwords answer `auth.invalid`; a locked or inactive wallet (or device) answers `customer.unavailable`,
 * without saying which, and only to a caller who knew the password. Success clears the count and
 * records the login time.
 */
export async function authenticateCustomer(ctx: AppContext, login: CustomerLogin): Promise<Customer> {
  const found = await ctx.storage.repos.customers.findByUsername(login.username);
  if (!found || (login.partnerClientId !== undefined && found.partnerClientId !== login.partnerClientId)) {
    decoyHash ??= hashSecret('decoy-password-for-unknown-users');
    await verifySecret(login.password, await decoyHash);
    throw new DomainError('auth.invalid');
  }
  const passwordOk = await verifySecret(login.password, found.passwordHash);
  const now = ctx.clock.now();
  if (!passwordOk) {
    if (found.active && !found.locked) await recordFailure(ctx, found, login.interactionId ?? null);
    throw new DomainError('auth.invalid');
  }
  if (!found.active || found.locked) throw new DomainError('customer.unavailable');
  return ctx.storage.transaction(async (repos) => {
    if (login.deviceId !== undefined) {
      const device = await repos.customerDevices.findById(login.deviceId);
      if (!device || device.customerId !== found.customerId) throw new DomainError('auth.invalid');
      if (!device.active) throw new DomainError('customer.unavailable');
      await repos.customerDevices.update(device.deviceId, { lastSeenAt: now }, now);
    }
    await repos.customers.update(found.customerId, { failedLogins: 0, lastLoginAt: now }, now);
    return publicCustomer({ ...found, failedLogins: 0, lastLoginAt: now, updatedAt: now });
  });
}

/** Counts a failure atomically in SQL; the call whose count reaches the limit locks once and audits it. */
async function recordFailure(
  ctx: AppContext,
  customer: Pick<Customer, 'customerId' | 'partnerClientId'>,
  interactionId: string | null,
): Promise<void> {
  const now = ctx.clock.now();
  const { customerId, partnerClientId } = customer;
  await ctx.storage.transaction(async (repos) => {
    const failures = await repos.customers.recordFailure(customerId, now);
    if (failures === undefined) return;
    // A plain read: a failed login never creates the partner's row (a missing one means the default limit).
    const partner = await repos.issuingPartners.findByClientId(partnerClientId);
    const limit = partner ? walletLoginLimit(ctx, partner) : ctx.config.maxFailedLogins;
    if (!walletLocksAfter(failures, limit) || !(await repos.customers.lockIfUnlocked(customerId, now)))
      return;
    await repos.audit.append({
      actor: { type: 'system', id: 'authentication' },
      action: 'customer.locked',
      targetType: 'customer',
      targetId: customerId,
      details: {
        partner: partnerClientId,
        reason: 'failed_logins',
        failedLogins: failures,
        maxFailedLogins: limit,
      },
      interactionId,
      at: now,
    });
  });
}
