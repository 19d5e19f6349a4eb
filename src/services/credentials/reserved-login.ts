// The one order of steps for every password login (operators, issuing partners, customers): reserve an
// attempt, only then check the password, then settle. See storage/login-attempts.ts for why.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { lockPolicyAt } from '../../domain/operator.js';
import type { NewAuditEvent } from '../../storage/repositories/audit-repository.js';
import type { ReservedAttempt } from '../../storage/login-attempts.js';

export type LoginCheck = 'accepted' | 'wrong' | 'refused';

export interface ReservedLoginSteps {
  /** Takes a numbered attempt; undefined when the account may not be tried now (locked, inactive). */
  reserve(): Promise<ReservedAttempt | undefined>;
  /** The password check itself: runs only with a reserved attempt. */
  verify(): Promise<boolean>;
  /** The right password: clears the count; false when a lock set meanwhile by a parallel guess wins. */
  clear(reserved: ReservedAttempt): Promise<boolean>;
  /** Runs as soon as this attempt has set the lock, before its password is checked (drop cached verifications). */
  lockSet(): void;
  /** This attempt set the lock and its password was wrong: the lock stands (audit it). */
  lockConfirmed(reserved: ReservedAttempt): Promise<void>;
}

/**
 * 'refused' when no password was evaluated (the answer is then the same for a right and a wrong one),
 * 'wrong' for a wrong password, 'accepted' for the right one while no lock stands.
 */
export async function checkReservedLogin(steps: ReservedLoginSteps): Promise<LoginCheck> {
  const reserved = await steps.reserve();
  if (!reserved) return 'refused';
  if (reserved.lockedBy) steps.lockSet();
  if (!(await steps.verify())) {
    if (reserved.lockedBy) await steps.lockConfirmed(reserved);
    return 'wrong';
  }
  return (await steps.clear(reserved)) ? 'accepted' : 'refused';
}

/** The audit row of a lock set by failed logins (who was locked, after how many, until when). */
export function lockAudit(
  target: { action: string; targetType: string; targetId: string },
  reserved: ReservedAttempt,
  details: Record<string, unknown>,
  interactionId: string | null,
  at: number,
): NewAuditEvent {
  return {
    actor: { type: 'system', id: 'authentication' },
    ...target,
    details: { failedLogins: reserved.attempt, ...details },
    interactionId,
    at,
  };
}

/** Where a timed lock (LOCKOUT_MINUTES) is kept: the operators' or the issuing partners' table. */
interface TimedLockLedger {
  reserveLoginAttempt(
    id: string,
    policy: { limit: number; lockUntil: number },
    now: number,
  ): Promise<ReservedAttempt | undefined>;
  clearLoginAttempts(id: string, reserved: ReservedAttempt, now: number): Promise<boolean>;
}

/**
 * Operators and issuing partners: MAX_FAILED_LOGINS wrong passwords lock for LOCKOUT_MINUTES. Returns
 * normally for the right password; throws `auth.invalid` for a wrong one and `auth.locked` when nothing
 * was checked (the APIs show both alike). A lock set here drops `cache` at once.
 */
export async function checkTimedLockLogin(
  ctx: AppContext,
  account: { ledger: TimedLockLedger; id: string; credentialCache: { clear(): void } },
  audited: { action: string; targetType: string; targetId: string },
  verify: () => Promise<boolean>,
  now: number,
): Promise<void> {
  const { ledger, id } = account;
  const check = await checkReservedLogin({
    reserve: () => ledger.reserveLoginAttempt(id, lockPolicyAt(now, ctx.config), now),
    verify,
    clear: (reserved) => ledger.clearLoginAttempts(id, reserved, ctx.clock.now()),
    // A credential verified a moment ago must not outlive the lock (a cached success skips the check).
    lockSet: () => account.credentialCache.clear(),
    lockConfirmed: (reserved) =>
      ctx.storage.repos.audit.append(
        lockAudit(audited, reserved, { lockedUntil: reserved.lockedBy }, null, now),
      ),
  });
  if (check === 'refused') throw new DomainError('auth.locked');
  if (check === 'wrong') throw new DomainError('auth.invalid');
}
