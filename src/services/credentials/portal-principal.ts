// Customer Care portal sessions: a server-side session behind a random cookie id stored hashed, an idle
// timeout and an absolute lifetime, and a per-session CSRF token.
import { createHash } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { OperatorRole } from '../../domain/operator.js';

export const PORTAL_ROLES: readonly OperatorRole[] = ['customer-care-officer', 'admin'];

/** Who is signed in, as every portal route sees it. */
export interface PortalPrincipal {
  kind: 'officer';
  operatorId: string;
  username: string;
  roles: OperatorRole[];
  sessionHash: string;
  csrfToken: string;
  expiresAt: number;
  idleExpiresAt: number;
}

export function sessionHashOf(sessionId: string): string {
  return createHash('sha256').update(sessionId).digest('hex');
}

export function idleMs(ctx: AppContext): number {
  return ctx.config.portalSessionIdleMinutes * 60_000;
}
