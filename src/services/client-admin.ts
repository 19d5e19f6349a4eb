// Admin use cases for TPP clients, OBP consumers and issuing partners.
import type { AppContext } from '../context.js';
import type { Actor } from '../domain/consent.js';
import type { Client, ClientRole } from '../domain/client.js';
import { DomainError } from '../domain/errors.js';
import { isUniqueViolation } from '../storage/storage.js';
import { generateSecret, hashSecret } from './secrets.js';

export interface NewClient {
  name: string;
  roles: ClientRole[];
  clientId?: string;
  shortName?: string;
  /** Demo data and tests may fix the secret; otherwise one is generated. */
  clientSecret?: string;
}

export interface ClientWithSecret {
  client: Client;
  clientSecret: string;
}

function publicClient<T extends Client>(record: T): Client {
  const { secretHash: _secret, ...client } = record as T & { secretHash?: string };
  return client;
}

export async function createClient(
  ctx: AppContext,
  input: NewClient,
  actor: Actor,
  interactionId: string | null,
): Promise<ClientWithSecret> {
  const now = ctx.clock.now();
  const clientSecret = input.clientSecret ?? generateSecret();
  const client: Client = {
    clientId: input.clientId ?? generateSecret(18),
    name: input.name,
    shortName: input.shortName ?? null,
    roles: [...new Set(input.roles)],
    consumerKey: generateSecret(24),
    certThumbprint: null,
    certSubjectDn: null,
    active: true,
    createdAt: now,
    updatedAt: now,
  };
  const secretHash = await hashSecret(clientSecret);
  try {
    await ctx.storage.transaction(async (repos) => {
      await repos.clients.insert({ ...client, secretHash });
      await repos.audit.append({
        actor,
        action: 'client.created',
        targetType: 'client',
        targetId: client.clientId,
        details: { name: client.name, roles: client.roles, shortName: client.shortName },
        interactionId,
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError('client.exists', 'A client with that clientId or shortName already exists');
    throw error;
  }
  return { client, clientSecret };
}

export async function listClients(ctx: AppContext): Promise<Client[]> {
  return (await ctx.storage.repos.clients.list()).map(publicClient);
}

export async function getClient(ctx: AppContext, clientId: string): Promise<Client> {
  const client = await ctx.storage.repos.clients.findById(clientId);
  if (!client) throw new DomainError('client.unknown', 'No such client');
  return publicClient(client);
}

export async function updateClient(
  ctx: AppContext,
  clientId: string,
  changes: { name?: string; roles?: ClientRole[]; active?: boolean },
  actor: Actor,
  interactionId: string | null,
): Promise<Client> {
  const now = ctx.clock.now();
  const updated = await ctx.storage.transaction(async (repos) => {
    const before = await repos.clients.findById(clientId);
    if (!before) throw new DomainError('client.unknown', 'No such client');
    const roles = changes.roles && [...new Set(changes.roles)];
    await repos.clients.update(clientId, { ...changes, ...(roles ? { roles } : {}) }, now);
    // A disabled client's access tokens die with it (issue 4): it must not keep calling TPP APIs.
    if (changes.active === false) await repos.oauthTokens.deleteForClient(clientId);
    await repos.audit.append({
      actor,
      action: 'client.updated',
      targetType: 'client',
      targetId: clientId,
      details: { before: { name: before.name, roles: before.roles, active: before.active }, changes },
      interactionId,
      at: now,
    });
    return (await repos.clients.findById(clientId))!;
  });
  ctx.caches.clients.clear();
  return publicClient(updated);
}

export async function rotateClientSecret(
  ctx: AppContext,
  clientId: string,
  actor: Actor,
  interactionId: string | null,
): Promise<ClientWithSecret> {
  const now = ctx.clock.now();
  const clientSecret = generateSecret();
  const secretHash = await hashSecret(clientSecret);
  const client = await ctx.storage.transaction(async (repos) => {
    const found = await repos.clients.findById(clientId);
    if (!found) throw new DomainError('client.unknown', 'No such client');
    await repos.clients.update(clientId, { secretHash }, now);
    // A rotated secret usually means a leaked one: tokens obtained with it are revoked too.
    await repos.oauthTokens.deleteForClient(clientId);
    await repos.audit.append({
      actor,
      action: 'client.secret_rotated',
      targetType: 'client',
      targetId: clientId,
      details: {},
      interactionId,
      at: now,
    });
    return found;
  });
  ctx.caches.clients.clear();
  return { client: publicClient(client), clientSecret };
}
