// OBP DirectLogin: a customer (PSU) logs in through a consumer and gets a bearer-like token.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { authenticateCustomer } from '../customers/authenticate-customer.js';
import { authenticateConsumerKey } from './authenticate-consumer.js';

export interface DirectLoginRequest {
  username: string | undefined;
  password: string | undefined;
  consumerKey: string | undefined;
  /** The request's address: the customer's failed logins are counted per source. */
  source: string;
  interactionId: string | null;
}

/** Who a DirectLogin token stands for. */
export interface DirectLoginPrincipal {
  customerId: string;
  consumerId: string;
  expiresAt: number;
}

/** Only this hash of a token is stored. */
export function hashDirectLoginToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * Checks the consumer key, then the customer's password through the one customer authentication (so failures
 * count and lock the wallet), and issues a random token that expires after DIRECT_LOGIN_TTL_SECONDS.
 */
export async function directLogin(
  ctx: AppContext,
  request: DirectLoginRequest,
): Promise<{ token: string; expiresAt: number }> {
  const missing = (['username', 'password', 'consumerKey'] as const).filter(
    (name) => request[name] === undefined || request[name] === '',
  );
  if (missing.length > 0)
    throw new DomainError(
      'auth.missing',
      `These DirectLogin parameters are missing: ${missing.map((m) => (m === 'consumerKey' ? 'consumer_key' : m)).join(', ')}`,
    );
  const consumer = await authenticateConsumerKey(ctx, request.consumerKey);
  const customer = await authenticateCustomer(ctx, {
    username: request.username!,
    password: request.password!,
    source: request.source,
    interactionId: request.interactionId,
  });
  // 256 bits from the CSPRNG: unguessable, so a lookup by hash is the whole check.
  const token = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const expiresAt = now + ctx.config.directLoginTtlSeconds * 1000;
  await ctx.storage.repos.directLoginTokens.insert(hashDirectLoginToken(token), {
    customerId: customer.customerId,
    consumerId: consumer.clientId,
    createdAt: now,
    expiresAt,
  });
  return { token, expiresAt };
}

/**
 * The session behind a DirectLogin token. Unknown or expired tokens, and tokens of a wallet locked or disabled
 * since, answer `auth.missing` (OBP-20001); a consumer disabled since answers `consumer.disabled`.
 */
export async function authenticateDirectLogin(
  ctx: AppContext,
  token: string | undefined,
): Promise<DirectLoginPrincipal> {
  if (token === undefined || token === '') throw new DomainError('auth.missing');
  const session = await ctx.storage.repos.directLoginTokens.findUnexpired(
    hashDirectLoginToken(token),
    ctx.clock.now(),
  );
  if (!session || !session.customerUsable)
    throw new DomainError('auth.missing', 'The DirectLogin token is invalid or expired');
  if (!session.consumerActive) throw new DomainError('consumer.disabled');
  return { customerId: session.customerId, consumerId: session.consumerId, expiresAt: session.expiresAt };
}
