// The operator scheme: HTTP Basic for bank systems and people with operator roles (the gateway's
// consent-manager, admins), with a per-connection memo in front of the credential cache.
import type { Socket } from 'node:net';
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { Operator, OperatorRole } from '../../domain/operator.js';
import {
  authenticateOperator,
  operatorCredentialKey,
  recentlyVerifiedOperator,
} from '../../services/credentials/authenticate-operator.js';
import type { AuthScheme } from './authenticate.js';
import { parseBasicAuth } from './basic-auth.js';
import type { PrincipalOf } from './principal.js';

/**
 * The last Authorization header verified on each connection, and its credential key. A gateway sends the
 * same header on every call of a keep-alive connection: the next call with that header skips decoding and
 * hashing it, and asks the credential cache by key (so expiry and invalidation still apply). The header
 * lives as long as its connection, no longer.
 */
const verifiedOnConnection = new WeakMap<Socket, { header: string; ip: string; cacheKey: string }>();

function principal(operator: Operator): PrincipalOf<'operator'> {
  return {
    kind: 'operator',
    operatorId: operator.operatorId,
    username: operator.username,
    roles: operator.roles,
  };
}

/** Operators holding one of `roles`; a repeat caller on its connection is admitted without a promise. */
export function operatorScheme(
  ctx: AppContext,
  roles: readonly OperatorRole[],
): AuthScheme<PrincipalOf<'operator'>> {
  return {
    offered: (request) => /^basic\s/i.test(request.headers.authorization ?? ''),
    verify: (request: FastifyRequest) => {
      const header = request.headers.authorization;
      const socket: Socket | undefined = request.raw.socket;
      const seen = socket && verifiedOnConnection.get(socket);
      // The source too: behind a trusted proxy one connection carries many callers.
      if (seen !== undefined && seen.header === header && seen.ip === request.ip) {
        const operator = recentlyVerifiedOperator(ctx, seen.cacheKey, roles);
        if (operator) return principal(operator);
      }
      const credentials = parseBasicAuth(header);
      if (!credentials) throw new DomainError('auth.missing', 'HTTP Basic credentials are required');
      const { username, password } = credentials;
      const cacheKey = operatorCredentialKey(username, password, request.ip);
      return authenticateOperator(ctx, username, password, roles, request.ip, cacheKey).then((operator) => {
        if (socket && header !== undefined)
          verifiedOnConnection.set(socket, { header, ip: request.ip, cacheKey });
        return principal(operator);
      });
    },
  };
}
