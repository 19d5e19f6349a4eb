// The one way a customer (PSU / wallet holder) logs in: OBP DirectLogin and every other PSU login call it.
import type { AppContext } from '../../context.js';
import type { Customer } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import { walletLoginLimit } from './wallet-login-limit.js';
import { publicCustomer } from './profiles-of.js';
import { checkSourceLogin } from '../credentials/reserved-login.js';
import { hashSecret, verifySecret } from '../credentials/secrets.js';

export interface CustomerLogin {
  username: string;
  password: string;
  /** Only customers of this issuing partner may log in (a partner's own app). */
  partnerClientId?: string;
  /** The device logging in: it must be linked to the wallet and active; its last-seen time is recorded. */
  deviceId?: string;
  /** The address the login comes from: failures are counted per wallet and source. */
  source: string;
  interactionId?: string | null;
}

// A fixed hash to verify against when the username is unknown, so timing does not reveal which
// usernames exist. Computed once, lazily.
let decoyHash: Promise<string> | undefined;

/**
 * Checks a customer's password. Each attempt is reserved for (wallet, source) before the password is
 * checked (reserved-login.ts): the attempt that reaches the issuing partner's limit locks that source for
 * the wallet at once; when LOCKOUT_ACCOUNT_SOURCES sources are locked, the wallet itself locks (it stays
 * active). Each lock writes an audit row. A locked or inactive wallet
 * checks no password at all and answers `auth.invalid`, exactly like an unknown user or a wrong password,
 * so a guess learns nothing. A success clears the count (never while a lock stands) and records the login
 * time; an inactive or foreign device then answers `customer.unavailable` / `auth.invalid`.
 */
export async function authenticateCustomer(ctx: AppContext, login: CustomerLogin): Promise<Customer> {
  const found = await ctx.storage.repos.customers.findByUsername(login.username);
  if (!found || (login.partnerClientId !== undefined && found.partnerClientId !== login.partnerClientId)) {
    await decoyCheck(login.password);
    throw new DomainError('auth.invalid');
  }
  const now = ctx.clock.now();
  const { customers, issuingPartners } = ctx.storage.repos;
  // A plain read: a login never creates the partner's row (a missing one means the default limit).
  const partner = await issuingPartners.findByClientId(found.partnerClientId);
  const limit = partner ? walletLoginLimit(ctx, partner) : ctx.config.maxFailedLogins;
  const check = await checkSourceLogin(
    ctx,
    {
      type: 'customer',
      id: found.customerId,
      ledger: customers,
      locked: found.locked || !found.active,
      serviceAccount: false,
      allowedSources: [],
      limit,
      timedAccountLock: false,
      dropCached: () => undefined,
      audited: { action: 'customer.locked', targetType: 'customer', targetId: found.customerId },
      auditDetails: { partner: found.partnerClientId, reason: 'failed_logins', maxFailedLogins: limit },
      interactionId: login.interactionId ?? null,
    },
    login.source,
    () => verifySecret(login.password, found.passwordHash),
    now,
  );
  if (check === 'refused') {
    // Same time and answer as a wrong password or an unknown user.
    await decoyCheck(login.password);
    throw new DomainError('auth.invalid');
  }
  if (check === 'wrong') throw new DomainError('auth.invalid');
  if (login.deviceId !== undefined) await admitDevice(ctx, found.customerId, login.deviceId, now);
  return publicCustomer({ ...found, failedLogins: 0, locked: false, lastLoginAt: now, updatedAt: now });
}

async function decoyCheck(password: string): Promise<void> {
  decoyHash ??= hashSecret('decoy-password-for-unknown-users');
  await verifySecret(password, await decoyHash);
}

/** The device logging in must be linked to the wallet and active; its last-seen time is recorded. */
async function admitDevice(
  ctx: AppContext,
  customerId: string,
  deviceId: string,
  now: number,
): Promise<void> {
  const device = await ctx.storage.repos.customerDevices.findById(deviceId);
  if (!device || device.customerId !== customerId) throw new DomainError('auth.invalid');
  if (!device.active) throw new DomainError('customer.unavailable');
  await ctx.storage.repos.customerDevices.update(device.deviceId, { lastSeenAt: now }, now);
}
