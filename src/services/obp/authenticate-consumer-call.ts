// Consumer-only OBP endpoints (consent requests): the consumer's bearer token from /oauth2/token, or its
// Consumer-Key. VRP consent requests need a PISP consumer (a token with the payments scope).
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { ClientRecord } from '../../storage/repositories/client-repository.js';
import { introspectToken } from '../credentials/introspect-token.js';
import { authenticateConsumerKey, findConsumer } from './authenticate-consumer.js';

export interface ConsumerCredentials {
  bearerToken?: string;
  consumerKey?: string;
  /** VRP consent requests: the consumer must be a PISP. */
  needsPisp: boolean;
}

export async function authenticateConsumerCall(
  ctx: AppContext,
  credentials: ConsumerCredentials,
): Promise<ClientRecord> {
  if (credentials.bearerToken !== undefined) {
    const token = await introspectToken(ctx, credentials.bearerToken);
    if (!token.active) throw new DomainError('token.invalid');
    if (credentials.needsPisp && !token.scopes.includes('payments'))
      throw new DomainError(
        'entitlement.missing',
        'a PISP consumer (an access token with the payments scope)',
      );
    const consumer = await findConsumer(ctx, token.clientId);
    if (!consumer) throw new DomainError('consumer.unknown');
    return consumer;
  }
  if (credentials.consumerKey === undefined || credentials.consumerKey === '')
    throw new DomainError('auth.missing', 'A consumer bearer token or Consumer-Key is required');
  const consumer = await authenticateConsumerKey(ctx, credentials.consumerKey);
  if (credentials.needsPisp && !consumer.roles.includes('PISP'))
    throw new DomainError('entitlement.missing', 'a PISP consumer');
  return consumer;
}
