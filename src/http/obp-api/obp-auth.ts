// Who calls the OBP API: a PSU through a DirectLogin token, or a consumer by its Consumer-Key.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { authenticateConsumerKey } from '../../services/obp/authenticate-consumer.js';
import { authenticateDirectLogin, type DirectLoginPrincipal } from '../../services/obp/direct-login.js';
import type { Client } from '../../domain/client.js';
import { directLoginParameters } from './direct-login-header.js';

/** The OBP user of a call: the customer (PSU) and the consumer it came through. */
export interface ObpUser {
  customerId: string;
  consumerId: string;
  via: 'direct-login';
}

declare module 'fastify' {
  interface FastifyRequest {
    obpUser?: ObpUser;
  }
}

/** The DirectLogin user of this request; 401 OBP-20001 when there is no valid token. */
export async function directLoginUser(ctx: AppContext, request: FastifyRequest): Promise<ObpUser> {
  const token = directLoginParameters(request)?.token;
  if (token === undefined) throw new DomainError('auth.missing');
  const principal: DirectLoginPrincipal = await authenticateDirectLogin(ctx, token);
  return { customerId: principal.customerId, consumerId: principal.consumerId, via: 'direct-login' };
}

/** A preHandler admitting DirectLogin users only (request.obpUser is set). */
export function requireObpUser(ctx: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.obpUser = await directLoginUser(ctx, request);
  };
}

/** The consumer named by the Consumer-Key header: missing or unknown OBP-30019, disabled OBP-20058. */
export async function consumerFromKey(ctx: AppContext, request: FastifyRequest): Promise<Client> {
  const key = request.headers['consumer-key'];
  return authenticateConsumerKey(ctx, typeof key === 'string' ? key.trim() : undefined);
}
