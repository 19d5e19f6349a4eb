import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { generateSecret, hashSecret } from '../credentials/secrets.js';
import { type ClientWithSecret } from './create-client.js';
import { publicClient } from './public-client.js';

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
