import type { AppContext } from '../../context.js';
import type { Client } from '../../domain/client.js';
import { DomainError } from '../../domain/errors.js';
import { publicClient } from './public-client.js';

export async function getClient(ctx: AppContext, clientId: string): Promise<Client> {
  const client = await ctx.storage.repos.clients.findById(clientId);
  if (!client) throw new DomainError('client.unknown', 'No such client');
  return publicClient(client);
}
