// The management updates of an OBP consent that re-issue its Consent-JWT (same jti, nbf, exp):
// updateConsentUserIdByConsentId (another created-by user, who becomes the consent's user; unknown user
// OBP-20057) and updateConsentAccountAccessByConsentId (the Berlin Group style `access` claim). Unknown
// consent OBP-35001; audited.
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { loadObpConsent, type ObpConsentView } from './load-obp-consent.js';
import { reissueConsentJwt } from './reissue-consent-jwt.js';

export type ObpGrantChange = { createdByUserId: string } | { access: Record<string, unknown> };

export async function updateObpConsentGrant(
  ctx: AppContext,
  input: { consentId: string; change: ObpGrantChange; actor: Actor; interactionId: string | null },
): Promise<ObpConsentView> {
  const now = ctx.clock.now();
  const { obp } = await loadObpConsent(ctx, input.consentId);
  const change = input.change;
  if ('createdByUserId' in change && !(await ctx.storage.repos.customers.findById(change.createdByUserId)))
    throw new DomainError('user.not_found');
  // Signed before the transaction (signing may create the first key, in its own transaction).
  const jwt = await reissueConsentJwt(
    ctx,
    obp,
    'createdByUserId' in change
      ? { createdByUserId: change.createdByUserId }
      : { extra: { access: change.access } },
  );
  await ctx.storage.transaction(async (repos) => {
    await loadObpConsent(ctx, input.consentId, repos);
    await repos.obpConsents.updateGrant(input.consentId, {
      jwt,
      views: obp.views,
      entitlements: obp.entitlements,
    });
    if ('createdByUserId' in change) {
      await repos.obpConsents.updateCreatedBy(input.consentId, change.createdByUserId);
      await repos.consentWriter.update(input.consentId, { userId: change.createdByUserId }, now);
    }
    await repos.audit.append({
      actor: input.actor,
      action: 'createdByUserId' in change ? 'obp_consent.user_updated' : 'obp_consent.access_updated',
      targetType: 'consent',
      targetId: input.consentId,
      details: 'createdByUserId' in change ? { userId: change.createdByUserId } : { access: change.access },
      interactionId: input.interactionId,
      at: now,
    });
  });
  return loadObpConsent(ctx, input.consentId);
}
