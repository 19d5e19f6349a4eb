import { randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { authenticateOperator } from './authenticate-operator.js';
import { idleMs, PORTAL_ROLES, sessionHashOf, type PortalPrincipal } from './portal-principal.js';

/**
 * Portal sign-in with username and password: officers and admins only, failures count toward the operator
 * lockout, and every failure gets the same answer.
 */
export async function signInToPortal(
  ctx: AppContext,
  username: string,
  password: string,
  /** The request's address: failures count toward the operator's lockout for this source. */
  source: string,
  interactionId: string | null,
): Promise<{ sessionId: string; principal: PortalPrincipal }> {
  let operator;
  try {
    operator = await authenticateOperator(ctx, username, password, PORTAL_ROLES, source);
  } catch (error) {
    // Locked, inactive, unknown, wrong password or no portal role: one answer, so nothing leaks.
    if (isDomainError(error) && error.code.startsWith('auth.')) throw new DomainError('auth.invalid');
    throw error;
  }
  const now = ctx.clock.now();
  const sessionId = randomBytes(32).toString('base64url');
  const principal: PortalPrincipal = {
    kind: 'officer',
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
