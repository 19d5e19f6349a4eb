import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { hasAnyRole } from '../../domain/operator.js';
import { idleMs, PORTAL_ROLES, sessionHashOf, type PortalPrincipal } from './portal-principal.js';

/** Last-seen is written at most this often, so a burst of calls costs one write, not one each. */
const TOUCH_EVERY_MS = 15_000;

/**
 * The live session a cookie id names, its idle timeout slid forward; `auth.missing` when there is none,
 * it has ended, or its operator was deactivated or lost the portal roles meanwhile.
 */
export async function resolvePortalSession(ctx: AppContext, sessionId: string): Promise<PortalPrincipal> {
  const ended = new DomainError('auth.missing', 'The session has ended');
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
    kind: 'officer',
    operatorId: operator.operatorId,
    username: operator.username,
    roles: operator.roles,
    sessionHash: hash,
    csrfToken: session.csrfToken,
    expiresAt: session.expiresAt,
    idleExpiresAt: Math.min(session.expiresAt, lastSeen + idleMs(ctx)),
  };
}
