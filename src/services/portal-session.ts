// Customer Care portal sessions: sign-in with username and password (officers and admins only; failures
// count toward the operator lockout), a server-side session behind a random cookie id stored hashed, an
// idle timeout and an absolute lifetime, and a per-session CSRF token.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../context.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import { hasAnyRole, type OperatorRole } from '../domain/operator.js';
import { authenticateOperator } from './authenticate-operator.js';

export const PORTAL_ROLES: readonly OperatorRole[] = ['customer-care-officer', 'admin'];

/** Who is signed in, as every portal route sees it. */
export interface PortalPrincipal {
  kind: 'portal-session';
  operatorId: string;
  username: string;
  roles: OperatorRole[];
  sessionHash: string;
  csrfToken: string;
  expiresAt: number;
  idleExpiresAt: number;
}

/** Last-seen is written at most this often, so a burst of calls costs one write, not one each. */
const TOUCH_EVERY_MS = 15_000;

const SIGN_IN_FAILED = 'The username or password is not valid';

export function sessionHashOf(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

function idleMs(ctx: AppContext): number {
  return ctx.config.portalSessionIdleMinutes * 60_000;
}

export async function signInToPortal(
  ctx: AppContext,
  username: string,
  password: string,
  interactionId: string | null,
): Promise<{ sessionId: string; principal: PortalPrincipal }> {
  let operator;
  try {
    operator = await authenticateOperator(ctx, username, password, PORTAL_ROLES);
  } catch (error) {
    // Locked, inactive, unknown, wrong password or no portal role: one answer, so nothing leaks.
    if (isDomainError(error) && error.code.startsWith('auth.'))
      throw new DomainError('auth.invalid', SIGN_IN_FAILED);
    throw error;
  }
  const now = ctx.clock.now();
  const sessionId = randomBytes(32).toString('base64url');
  const principal: PortalPrincipal = {
    kind: 'portal-session',
    operatorId: operator.operatorId,
    username: operator.username,
    roles: operator.roles,
    sessionHash: sessionHashOf(sessionId),
    csrfToken: randomBytes(32).toString('base64url'),
    expiresAt: now + ctx.config.portalSessionMaxHours * 3_600_000,
    idleExpiresAt: now + idleMs(ctx),
  };
  await ctx.storage.transaction(async (repos) => {
    await repos.portalSessions.deleteEnded(now, now - idleMs(ctx));
    await repos.portalSessions.insert({
      sessionHash: principal.sessionHash,
      operatorId: principal.operatorId,
      csrfToken: principal.csrfToken,
      createdAt: now,
      lastSeenAt: now,
      expiresAt: principal.expiresAt,
    });
    await repos.audit.append({
      actor: { type: 'officer', id: operator.username },
      action: 'portal.signed_in',
      targetType: 'operator',
      targetId: operator.username,
      details: { roles: operator.roles },
      interactionId,
      at: now,
    });
  });
  return { sessionId, principal };
}

/**
 * The live session a cookie id names, its idle timeout slid forward; `auth.missing` when there is none,
 * it has ended, or its operator was deactivated or lost the portal roles meanwhile.
 */
export async function resolvePortalSession(ctx: AppContext, sessionId: string): Promise<PortalPrincipal> {
  const ended = new DomainError('auth.missing', 'Your session has ended; sign in again');
  const hash = sessionHashOf(sessionId);
  const repos = ctx.storage.repos;
  const found = await repos.portalSessions.findWithOperator(hash);
  if (!found) throw ended;
  const { session, operator } = found;
  const now = ctx.clock.now();
  if (
    session.expiresAt <= now ||
    session.lastSeenAt + idleMs(ctx) <= now ||
    !operator.active ||
    !hasAnyRole(operator, PORTAL_ROLES)
  ) {
    await repos.portalSessions.delete(hash);
    throw ended;
  }
  let lastSeen = session.lastSeenAt;
  if (now - lastSeen >= TOUCH_EVERY_MS) {
    await repos.portalSessions.touch(hash, now);
    lastSeen = now;
  }
  return {
    kind: 'portal-session',
    operatorId: operator.operatorId,
    username: operator.username,
    roles: operator.roles,
    sessionHash: hash,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    idleExpiresAt: Math.min(session.expiresAt, lastSeen + idleMs(ctx)),
  };
}

/** Ends the session at once: the row is gone, so the cookie no longer names anything. */
export async function signOutOfPortal(
  ctx: AppContext,
  principal: PortalPrincipal,
  interactionId: string | null,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    await repos.portalSessions.delete(principal.sessionHash);
    await repos.audit.append({
      actor: { type: 'officer', id: principal.username },
      action: 'portal.signed_out',
      targetType: 'operator',
      targetId: principal.username,
      details: {},
      interactionId,
      at: now,
    });
  });
}
