import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import type { IssuingPartner } from '../../domain/customer.js';
import { requireIssuingPartner } from './require-issuing-partner.js';

/** Sets (or, with null, clears back to MAX_FAILED_LOGINS) the partner's wallet lockout limit. */
export async function updateIssuingPartner(
  ctx: AppContext,
  clientId: string,
  changes: { maxFailedLogins: number | null },
  actor: Actor,
  interactionId: string | null,
): Promise<IssuingPartner> {
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const before = await requireIssuingPartner(ctx, repos, clientId, now);
    await repos.issuingPartners.update(clientId, changes, now);
    await repos.audit.append({
      actor,
      action: 'partner.updated',
      targetType: 'partner',
      targetId: clientId,
      details: { before: { maxFailedLogins: before.maxFailedLogins }, after: changes },
      interactionId,
      at: now,
    });
    return (await repos.issuingPartners.findByClientId(clientId))!;
  });
}
