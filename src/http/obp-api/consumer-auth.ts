// Who calls a consumer-only OBP endpoint: the consumer's bearer token, or its Consumer-Key header.
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { authenticateConsumerCall } from '../../services/obp/authenticate-consumer-call.js';
import type { Client } from '../../domain/client.js';
import { bearerToken } from '../kit/bearer-auth.js';

export async function consumerOfCall(
  ctx: AppContext,
  request: FastifyRequest,
  needsPisp = false,
): Promise<Client> {
  const authorization = request.headers.authorization;
  const token = /^bearer\s/i.test(authorization ?? '') ? (bearerToken(authorization) ?? '') : undefined;
  const key = request.headers['consumer-key'];
  return authenticateConsumerCall(ctx, {
    ...(token !== undefined ? { bearerToken: token } : {}),
    ...(typeof key === 'string' ? { consumerKey: key.trim() } : {}),
    needsPisp,
  });
}
