import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { ClientRecord } from '../../storage/repositories/client-repository.js';

/**
 * The TPP named by a request (`x-wso2-client-id`): it must exist and be active. Cached for the
 * credential-cache interval; any admin change to clients clears the cache.
 */
export async function resolveClient(ctx: AppContext, clientId: string | undefined): Promise<ClientRecord> {
  if (clientId === undefined || clientId.trim() === '') throw new DomainError('client.missing');
  const now = ctx.clock.now();
  const cached = ctx.caches.clients.get(clientId, now);
  if (cached) return cached;
  const client = await ctx.storage.repos.clients.findById(clientId);
  if (!client || !client.active) throw new DomainError('client.unknown');
  ctx.caches.clients.set(clientId, client, now);
  return client;
}
