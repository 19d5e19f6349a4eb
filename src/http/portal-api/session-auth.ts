// The portal's authentication scheme: a session cookie naming a server-side session (one typed principal
// principal 'officer'), plus the CSRF defences every change needs: the session's token in a header, and an
// Origin (or Referer) that is the portal's own.
import { timingSafeEqual } from 'node:crypto';
import type {} from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AuthScheme } from '../kit/authenticate.js';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { hasAnyRole, type OperatorRole } from '../../domain/operator.js';
import type { PortalPrincipal } from '../../services/credentials/portal-principal.js';
import { resolvePortalSession } from '../../services/credentials/resolve-portal-session.js';

export const SESSION_COOKIE = 'consenthub_portal';
export const CSRF_HEADER = 'x-csrf-token';
const COOKIE_PATH = '/portal';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function portalOrigin(ctx: AppContext, request: FastifyRequest): string {
  return ctx.config.portalOrigin ?? `${request.protocol}://${request.host}`;
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/** A browser names where a request came from; a change from any other site is refused. */
export function checkOrigin(ctx: AppContext, request: FastifyRequest): void {
  const origin = request.headers.origin;
  const referer = request.headers.referer;
  const sentFrom = origin !== undefined ? originOf(origin) : referer !== undefined ? originOf(referer) : null;
  if (sentFrom === null) return;
  // Both sides through URL, so a default port (http://host:80) compares equal to none (http://host).
  if (sentFrom === undefined || sentFrom !== originOf(portalOrigin(ctx, request)))
    throw new DomainError('auth.csrf_failed', 'This request did not come from the portal');
}

function sameToken(sent: string, expected: string): boolean {
  const a = Buffer.from(sent);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The officer scheme: a live session named by the cookie (401), for a change the CSRF token and origin
 * (403, before anything is read), and one of the roles (403).
 */
export function officerScheme(ctx: AppContext, roles?: readonly OperatorRole[]): AuthScheme<PortalPrincipal> {
  return {
    offered: (request) => (request.cookies[SESSION_COOKIE] ?? '') !== '',
    verify: async (request) => {
      const sessionId = request.cookies[SESSION_COOKIE];
      if (sessionId === undefined || sessionId === '')
        throw new DomainError('auth.missing', 'Sign in to the portal first');
      const principal = await resolvePortalSession(ctx, sessionId);
      if (!SAFE_METHODS.has(request.method)) {
        checkOrigin(ctx, request);
        const sent = request.headers[CSRF_HEADER];
        if (typeof sent !== 'string' || !sameToken(sent, principal.csrfToken))
          throw new DomainError('auth.csrf_failed', `The ${CSRF_HEADER} header is missing or wrong`);
      }
      if (roles !== undefined && !hasAnyRole(principal, roles))
        throw new DomainError('auth.forbidden', 'This needs the admin role');
      return principal;
    },
  };
}

export function setSessionCookie(ctx: AppContext, request: FastifyRequest, reply: FastifyReply, id: string) {
  reply.setCookie(SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: COOKIE_PATH,
    maxAge: ctx.config.portalSessionMaxHours * 3600,
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply) {
  reply.clearCookie(SESSION_COOKIE, {
    httpOnly: true,
    sameSite: 'strict',
    secure: request.protocol === 'https',
    path: COOKIE_PATH,
  });
}
