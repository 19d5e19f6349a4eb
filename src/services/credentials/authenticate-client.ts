import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { ClientRecord } from '../../storage/repositories/client-repository.js';
import { CredentialCache } from './credential-cache.js';
import { verifySecret } from './secrets.js';

/**
 * A TPP's client_id and client_secret (OAuth2 client authentication). Unknown, disabled and wrong secret
 * all answer `token.invalid_client`. A success is remembered briefly by a hash of the credential (the
 * clients cache, cleared on every client change), so token requests do not cost a scrypt each.
 */
export async function authenticateClient(
  ctx: AppContext,
  clientId: string,
  clientSecret: string,
): Promise<ClientRecord> {
  const now = ctx.clock.now();
  // Never a valid client id: client ids have no '=' and this key always ends with one.
  const cacheKey = CredentialCache.keyOf('client-secret', clientId, clientSecret);
  const cached = ctx.caches.clients.get(cacheKey, now);
  if (cached) return cached;
  const client = await ctx.storage.repos.clients.findById(clientId);
  if (!client || !client.active || !(await verifySecret(clientSecret, client.secretHash)))
    throw new DomainError('token.invalid_client');
  ctx.caches.clients.set(cacheKey, client, now);
  return client;
}
