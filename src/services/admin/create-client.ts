// Admin use cases for TPP clients, OBP consumers and issuing partners.
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import type { Client, ClientRole } from '../../domain/client.js';
import { DomainError } from '../../domain/errors.js';
import { isUniqueViolation } from '../../storage/storage.js';
import { generateSecret, hashSecret } from '../credentials/secrets.js';

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
    serviceAccount: false,
    allowedSources: [],
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
