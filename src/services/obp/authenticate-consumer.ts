// OBP consumers are ConsentHub clients: consumer_id = client id, Consumer-Key = the client's consumer key.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { ClientRecord } from '../../storage/repositories/client-repository.js';
import { CredentialCache } from '../credentials/credential-cache.js';

/**
 * The active consumer holding this Consumer-Key: unknown `consumer.unknown` (OBP-30019), disabled
 * `consumer.disabled` (OBP-20058). Active ones are remembered in the clients cache, which every client
 * change clears, so a disabled consumer is refused on its next call.
 */
export async function authenticateConsumerKey(
  ctx: AppContext,
  consumerKey: string | undefined,
): Promise<ClientRecord> {
  if (consumerKey === undefined || consumerKey === '') throw new DomainError('consumer.unknown');
  const now = ctx.clock.now();
  const cacheKey = CredentialCache.keyOf('consumer-key', consumerKey);
  const cached = ctx.caches.clients.get(cacheKey, now);
  if (cached) return cached;
  const client = await ctx.storage.repos.clients.findByConsumerKey(consumerKey);
  if (!client) throw new DomainError('consumer.unknown');
  if (!client.active) throw new DomainError('consumer.disabled');
  ctx.caches.clients.set(cacheKey, client, now);
  return client;
}

/** The consumer with this consumer id (= client id), whatever its state; undefined when there is none. */
export async function findConsumer(ctx: AppContext, consumerId: string): Promise<ClientRecord | undefined> {
  return ctx.storage.repos.clients.findById(consumerId);
}
