import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { Operator, OperatorRole } from '../../domain/operator.js';
import {
  authenticateOperator,
  operatorCredentialKey,
  recentlyVerifiedOperator,
} from '../../services/credentials/authenticate-operator.js';
import { parseBasicAuth } from './basic-auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    operator?: { operatorId: string; username: string; roles: string[] };
  }
}

/**
 * The last Authorization header verified on each connection, and its credential key. A gateway sends the
 * same header on every call of a keep-alive connection: the next call with that header skips decoding and
 * hashing it, and asks the credential cache by key (so expiry and invalidation still apply). The header
 * lives as long as its connection, no longer.
 */
const verifiedOnConnection = new WeakMap<Socket, { header: string; cacheKey: string }>();

function admit(request: FastifyRequest, operator: Operator): void {
  request.operator = { operatorId: operator.operatorId, username: operator.username, roles: operator.roles };
}

/**
 * A hook that admits an operator (HTTP Basic) holding one of the roles. Callback style: a repeat caller
 * is admitted without a promise.
 */
export function requireOperator(ctx: AppContext, roles: readonly OperatorRole[]) {
  return (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction): void => {
    const header = request.headers.authorization;
    const socket = request.raw.socket as Socket | undefined;
    const seen = socket && verifiedOnConnection.get(socket);
    if (seen !== undefined && seen.header === header) {
      let operator: Operator | undefined;
      try {
        operator = recentlyVerifiedOperator(ctx, seen.cacheKey, roles);
      } catch (error) {
        done(error as Error);
        return;
      }
      if (operator) {
        admit(request, operator);
        done();
        return;
      }
    }
    const credentials = parseBasicAuth(header);
    if (!credentials) {
      done(new DomainError('auth.missing', 'HTTP Basic credentials are required'));
      return;
    }
    const { username, password } = credentials;
    const cacheKey = operatorCredentialKey(username, password, request.ip);
    authenticateOperator(ctx, username, password, roles, request.ip, cacheKey).then((operator) => {
      if (socket && header !== undefined) verifiedOnConnection.set(socket, { header, cacheKey });
      admit(request, operator);
      done();
    }, done);
  };
}
