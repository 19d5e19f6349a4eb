import type { Client } from '../../domain/client.js';

export function publicClient<T extends Client>(record: T): Client {
  const { secretHash: _secret, ...client } = record as T & { secretHash?: string };
  return client;
}
