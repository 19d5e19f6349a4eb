import type { AppContext } from '../../context.js';
import type { PortalPrincipal } from './portal-principal.js';

/** Ends the session at once: the row is gone, so the cookie no longer names anything. */
export async function signOutOfPortal(
  ctx: AppContext,
  principal: PortalPrincipal,
  interactionId: string | null,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    await repos.portalSessions.delete(principal.sessionHash);
    await repos.audit.append({
      actor: { type: 'officer', id: principal.username },
      action: 'portal.signed_out',
      targetType: 'operator',
      targetId: principal.username,
      details: {},
      interactionId,
      at: now,
    });
  });
}
