import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { OperatorRole } from '../../domain/operator.js';
import { authenticateOperator } from '../../services/authenticate-operator.js';
import { parseBasicAuth } from './basic-auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    operator?: { operatorId: string; username: string; roles: string[] };
  }
}

/** A preHandler that admits an operator (HTTP Basic) holding one of the roles. */
export function requireOperator(ctx: AppContext, roles: readonly OperatorRole[]) {
  return async (request: FastifyRequest): Promise<void> => {
    const credentials = parseBasicAuth(request.headers.authorization);
    if (!credentials) throw new DomainError('auth.missing', 'HTTP Basic credentials are required');
    const operator = await authenticateOperator(ctx, credentials.username, credentials.password, roles);
    request.operator = {
      operatorId: operator.operatorId,
      username: operator.username,
      roles: operator.roles,
    };
  };
}
