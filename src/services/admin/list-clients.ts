import type { AppContext } from '../../context.js';
import type { Client } from '../../domain/client.js';
import { publicClient } from './public-client.js';

export async function listClients(ctx: AppContext): Promise<Client[]> {
  return (await ctx.storage.repos.clients.list()).map(publicClient);
}
