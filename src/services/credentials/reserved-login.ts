// The one order of steps for every password login (operators, issuing partners, customers): refuse a
// source outside the account's networks or an account locked account-wide, reserve an attempt for the
// (account, source), only then check the password, then settle. See storage/login-attempts.ts for why.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { isSourceAllowed, loginSourceOf } from './login-source.js';
import { isLockedAt, lockPolicyAt } from '../../domain/operator.js';
import type { NewAuditEvent } from '../../storage/repositories/audit-repository.js';
import type { LoginAccountType, ReservedAttempt } from '../../storage/login-attempts.js';

export type LoginCheck = 'accepted' | 'wrong' | 'refused';

export interface ReservedLoginSteps {
  /** Takes a numbered attempt; undefined when the account may not be tried now (locked, inactive). */
  reserve(): Promise<ReservedAttempt | undefined>;
  /** The password check itself: runs only with a reserved attempt. */
  verify(): Promise<boolean>;
  /** The right password: clears the count; false when a lock set meanwhile by a parallel guess wins. */
  clear(reserved: ReservedAttempt): Promise<boolean>;
  /** Runs as soon as this attempt has set a lock, before its password is checked (drop cached verifications). */
  lockSet(): void;
  /** The password was wrong (if this attempt set the lock, the lock stands). */
  failed(reserved: ReservedAttempt): Promise<void>;
}

/**
 * 'refused' when no password was evaluated (the answer is then the same for a right and a wrong one),
 * 'wrong' for a wrong password, 'accepted' for the right one while no lock stands.
 */
export async function checkReservedLogin(steps: ReservedLoginSteps): Promise<LoginCheck> {
  const reserved = await steps.reserve();
  if (!reserved) return 'refused';
  if (reserved.lockedBy !== null) steps.lockSet();
  if (!(await steps.verify())) {
    await steps.failed(reserved);
    return 'wrong';
  }
  return (await steps.clear(reserved)) ? 'accepted' : 'refused';
}

/** The audit row of a lock set by failed logins (who was locked, after how many, until when). */
export function lockAudit(
  target: { action: string; targetType: string; targetId: string },
  details: Record<string, unknown>,
  interactionId: string | null,
  at: number,
): NewAuditEvent {
  return { actor: { type: 'system', id: 'authentication' }, ...target, details, interactionId, at };
}

/** Where an account's own login state is kept: the operators', issuing partners' or customers' table. */
export interface AccountLoginLedger {
  countFailedLogin(id: string, now: number): Promise<void>;
  lockAcrossSources(
    id: string,
    policy: { sources: number; lockUntil: number },
    now: number,
  ): Promise<number | undefined>;
  clearLoginAttempts(id: string, now: number): Promise<boolean>;
}

export interface SourceLoginAccount {
  type: LoginAccountType;
  id: string;
  ledger: AccountLoginLedger;
  /** An account-wide lock in force (or an inactive wallet), as read: no password is checked. */
  locked: boolean;
  /** A service account is never locked account-wide. */
  serviceAccount: boolean;
  /** CIDR networks the account may log in from; empty: anywhere. */
  allowedSources: readonly string[];
  /** Wrong passwords per source before that source is locked for the account. */
  limit: number;
  /** Account-wide locks end after LOCKOUT_MINUTES (operators, partners); a wallet's stays. */
  timedAccountLock: boolean;
  /** Drops every cached verification of this kind (a lock was set). */
  dropCached(): void;
  audited: { action: string; targetType: string; targetId: string };
  auditDetails?: Record<string, unknown>;
  interactionId?: string | null;
}

/**
 * One login attempt from `sourceIp`, counted per account and source (issue 13 item 2): `limit` wrong
 * passwords lock that source for the account for LOCKOUT_MINUTES (audited, scope 'source'); other sources
 * keep working. When LOCKOUT_ACCOUNT_SOURCES sources are locked at once, the whole account is locked
 * (audited, scope 'account'), unless it is a service account. A source outside the account's networks
 * and a locked account check no password ('refused').
 */
export async function checkSourceLogin(
  ctx: AppContext,
  account: SourceLoginAccount,
  sourceIp: string,
  verify: () => Promise<boolean>,
  now: number,
): Promise<LoginCheck> {
  if (account.locked || !isSourceAllowed(account.allowedSources, sourceIp)) return 'refused';
  const { loginSources, audit } = ctx.storage.repos;
  const key = { type: account.type, id: account.id, source: loginSourceOf(sourceIp) };
  const policy = { limit: account.limit, lockUntil: lockPolicyAt(now, ctx.config).lockUntil };
  const details = account.auditDetails ?? {};
  const interactionId = account.interactionId ?? null;
  return checkReservedLogin({
    reserve: () => loginSources.reserveLoginAttempt(key, policy, now),
    verify,
    clear: async (reserved) =>
      (await loginSources.clearLoginAttempts(key, reserved, ctx.clock.now())) &&
      account.ledger.clearLoginAttempts(account.id, ctx.clock.now()),
    // A credential verified a moment ago must not outlive the lock (a cached success skips the check).
    lockSet: () => account.dropCached(),
    failed: async (reserved) => {
      await account.ledger.countFailedLogin(account.id, now);
      if (reserved.lockedBy === null) return;
      const lockedUntil = reserved.lockedBy;
      const sourceLock = { source: key.source, failedLogins: reserved.attempt, lockedUntil };
      const sources = ctx.config.lockoutAccountSources;
      const accountLocked = account.serviceAccount
        ? undefined
        : await account.ledger.lockAcrossSources(account.id, { sources, lockUntil: lockedUntil }, now);
      if (accountLocked === undefined) {
        await audit.append(
          lockAudit(account.audited, { scope: 'source', ...sourceLock, ...details }, interactionId, now),
        );
        return;
      }
      // This source's lock completed an account-wide lock: one event, one audit row. Its failedLogins is
      // this source's count (fixed by the reserved slot); the account's own counter, bumped by failures
      // still finishing in parallel, is on the account row.
      account.dropCached();
      const lockedSources = await loginSources.lockedCount(account, now);
      await audit.append(
        lockAudit(
          account.audited,
          {
            scope: 'account',
            source: key.source,
            failedLogins: reserved.attempt,
            lockedSources,
            // A wallet's account-wide lock has no end: its partner unlocks it.
            ...(account.timedAccountLock ? { lockedUntil } : {}),
            ...details,
          },
          interactionId,
          now,
        ),
      );
    },
  });
}

/**
 * Operators and issuing partners: checkSourceLogin with LOCKOUT_MINUTES locks. Returns normally for the
 * right password; throws `auth.invalid` for a wrong one and `auth.locked` when nothing was checked (the
 * APIs show both alike: the API's 401, for a locked source too).
 */
export async function checkTimedLockLogin(
  ctx: AppContext,
  account: {
    type: 'operator' | 'partner';
    ledger: AccountLoginLedger;
    id: string;
    lockedUntil: number | null;
    serviceAccount: boolean;
    allowedSources: readonly string[];
    credentialCache: { clear(): void };
  },
  audited: { action: string; targetType: string; targetId: string },
  verify: () => Promise<boolean>,
  sourceIp: string,
  now: number,
): Promise<void> {
  const check = await checkSourceLogin(
    ctx,
    {
      type: account.type,
      id: account.id,
      ledger: account.ledger,
      locked: isLockedAt(account.lockedUntil, now),
      serviceAccount: account.serviceAccount,
      allowedSources: account.allowedSources,
      limit: ctx.config.maxFailedLogins,
      timedAccountLock: true,
      dropCached: () => account.credentialCache.clear(),
      audited,
    },
    sourceIp,
    verify,
    now,
  );
  if (check === 'refused') throw new DomainError('auth.locked');
  if (check === 'wrong') throw new DomainError('auth.invalid');
}
