import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import type { Client, ClientRole } from '../../domain/client.js';
import { DomainError } from '../../domain/errors.js';
import { publicClient } from './public-client.js';
import { checkLoginRestrictions, type LoginRestrictions } from './login-restrictions.js';

export async function updateClient(
  ctx: AppContext,
  clientId: string,
  changes: { name?: string; roles?: ClientRole[]; active?: boolean } & LoginRestrictions,
  actor: Actor,
  interactionId: string | null,
): Promise<Client> {
  checkLoginRestrictions(changes);
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
      details: {
        before: {
          name: before.name,
          roles: before.roles,
          active: before.active,
          serviceAccount: before.serviceAccount,
          allowedSources: before.allowedSources,
        },
        changes,
      },
      interactionId,
      at: now,
    });
    return (await repos.clients.findById(clientId))!;
  });
  ctx.caches.clients.clear();
  return publicClient(updated);
}
