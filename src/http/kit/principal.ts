// Who a request is authenticated as: one typed principal per scheme, set by `authenticate` in onRequest
// (src/http/kit/authenticate.ts). A route reads it with `principalOf(request, ...kinds it accepts)`.
import type { FastifyRequest } from 'fastify';
import type { Client } from '../../domain/client.js';
import { DomainError } from '../../domain/errors.js';
import type { OperatorRole } from '../../domain/operator.js';
import type { PortalPrincipal } from '../../services/credentials/portal-principal.js';
import type { CallConsent } from '../../services/obp/resolve-call-consent.js';

export type Principal =
  /** A bank system or person with operator roles (HTTP Basic): the gateway, admins. */
  | { kind: 'operator'; operatorId: string; username: string; roles: OperatorRole[] }
  /** A TPP client by its OAuth 2.0 access token. */
  | { kind: 'client'; clientId: string; scopes: string[] }
  /** An issuing partner of the B2B API (HTTP Basic with its client credentials). */
  | { kind: 'partner'; clientId: string }
  /** A customer (PSU) signed in by OBP DirectLogin, through a consumer. */
  | { kind: 'customer'; customerId: string; consumerId: string }
  /** An OBP consumer by its Consumer-Key (or its access token). */
  | { kind: 'consumer'; client: Client }
  /** A call made under an OBP consent (Consent-JWT or Consent-Id), as the consent's user. */
  | { kind: 'consent-holder'; call: CallConsent }
  /** An officer's portal session (cookie), with its CSRF token. */
  | PortalPrincipal;

export type PrincipalKind = Principal['kind'];
export type PrincipalOf<K extends PrincipalKind> = Extract<Principal, { kind: K }>;

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the route's authentication hook; read it with principalOf. */
    principal?: Principal;
  }
}

function isOneOf<K extends PrincipalKind>(
  principal: Principal | undefined,
  kinds: readonly K[],
): principal is PrincipalOf<K> {
  return principal !== undefined && (kinds as readonly PrincipalKind[]).includes(principal.kind);
}

/**
 * The principal of a request, if it is one of `kinds`. A route behind `authenticate` always has one of
 * the kinds its schemes yield; anything else is a wiring error, answered as unauthenticated.
 */
export function principalOf<K extends PrincipalKind>(request: FastifyRequest, ...kinds: K[]): PrincipalOf<K> {
  const principal = request.principal;
  if (!isOneOf(principal, kinds)) throw new DomainError('auth.missing');
  return principal;
}

/** A stable name of the caller for per-caller limits and logs, whatever the scheme. */
export function callerIdOf(request: FastifyRequest): string | undefined {
  const principal = request.principal;
  switch (principal?.kind) {
    case undefined:
      return undefined;
    case 'operator':
    case 'officer':
      return principal.username;
    case 'client':
    case 'partner':
      return principal.clientId;
    case 'customer':
      return principal.customerId;
    case 'consumer':
      return principal.client.clientId;
    case 'consent-holder':
      return principal.call.customerId;
  }
}
