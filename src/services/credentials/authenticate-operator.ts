import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { hasAnyRole, type OperatorRole } from '../../domain/operator.js';
import type { OperatorRecord } from '../../storage/repositories/operator-repository.js';
import { CredentialCache } from './credential-cache.js';
import { checkTimedLockLogin } from './reserved-login.js';
import { verifySecret } from './secrets.js';

/**
 * Checks an operator's username and password (HTTP Basic or portal login), with lockout after repeated
 * failures, decided before the password is checked (see reserved-login.ts). Unknown user, wrong password
 * and inactive answer `auth.invalid`; locked answers `auth.locked` without checking the password (the APIs
 * show both alike), so an attacker learns nothing.
 */
export async function authenticateOperator(
  ctx: AppContext,
  username: string,
  password: string,
  allowedRoles: readonly OperatorRole[],
  /** The request's address: failures are counted per account and source. */
  source: string,
  /** The credential's `operatorCredentialKey`, when the caller has it already. */
  cacheKey = operatorCredentialKey(username, password, source),
): Promise<OperatorRecord> {
  const now = ctx.clock.now();
  let operator = ctx.caches.operators.get(cacheKey, now);
  if (!operator) {
    // When the entry expires under load, every concurrent request with this credential would run its
    // own scrypt: they wait for the one in flight instead (and verify themselves only if it failed).
    const inFlight = ctx.caches.operators.inFlight(cacheKey);
    if (inFlight) {
      await inFlight.catch(() => undefined);
      operator = ctx.caches.operators.get(cacheKey, ctx.clock.now());
    }
  }
  if (!operator) {
    operator = await ctx.caches.operators.track(
      cacheKey,
      verify(ctx, { username, password, source }, cacheKey, now),
    );
  }
  return withAnyRole(operator, allowedRoles);
}

/** The operator, when it holds one of the roles; `auth.forbidden` otherwise. */
function withAnyRole(operator: OperatorRecord, allowedRoles: readonly OperatorRole[]): OperatorRecord {
  if (!hasAnyRole(operator, allowedRoles)) throw new DomainError('auth.forbidden');
  return operator;
}

/**
 * What an operator credential is remembered by: a hash, so no password is kept in memory. The source is
 * part of it: a verification from one address is never reused for another, so a source locked for the
 * account cannot learn from a cached success that a guess was right.
 */
export function operatorCredentialKey(username: string, password: string, source: string): string {
  return CredentialCache.keyOf('operator', username, password, source);
}

/**
 * The operator whose credential (by `operatorCredentialKey`) authenticateOperator verified moments ago and
 * still remembers, with no I/O; undefined when it must be verified again. Throws `auth.forbidden` when the
 * operator holds none of the roles, as authenticateOperator does.
 */
export function recentlyVerifiedOperator(
  ctx: AppContext,
  cacheKey: string,
  allowedRoles: readonly OperatorRole[],
): OperatorRecord | undefined {
  const operator = ctx.caches.operators.get(cacheKey, ctx.clock.now());
  return operator && withAnyRole(operator, allowedRoles);
}

async function verify(
  ctx: AppContext,
  login: { username: string; password: string; source: string },
  cacheKey: string,
  now: number,
): Promise<OperatorRecord> {
  const found = await ctx.storage.repos.operators.findByUsername(login.username);
  if (!found || !found.active) throw new DomainError('auth.invalid');
  await checkTimedLockLogin(
    ctx,
    {
      type: 'operator',
      ledger: ctx.storage.repos.operators,
      id: found.operatorId,
      lockedUntil: found.lockedUntil,
      serviceAccount: found.serviceAccount,
      allowedSources: found.allowedSources,
      credentialCache: ctx.caches.operators,
    },
    { action: 'operator.locked', targetType: 'operator', targetId: found.username },
    () => verifySecret(login.password, found.passwordHash),
    login.source,
    now,
  );
  const operator = { ...found, failedLogins: 0, lockedUntil: null };
  ctx.caches.operators.set(cacheKey, operator, now);
  return operator;
}
