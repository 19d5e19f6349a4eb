// The management updates of an OBP consent that re-issue its Consent-JWT (same jti, nbf, exp):
// updateConsentUserIdByConsentId (the created-by user of a consent that has no user yet, who becomes its
// user; unknown user OBP-20057, a consent that already has one OBP-35024, as OBP answers) and updateConsentAccountAccessByConsentId (the Berlin Group style `access` claim). Unknown
// consent OBP-35001; audited.
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { assertConsentHasNoUser } from '../../domain/obp-consent.js';
import { loadObpConsent, type ObpConsentView } from './load-obp-consent.js';
import { reissueConsentJwt } from './reissue-consent-jwt.js';

export type ObpGrantChange = { createdByUserId: string } | { access: Record<string, unknown> };

export async function updateObpConsentGrant(
  ctx: AppContext,
  input: { consentId: string; change: ObpGrantChange; actor: Actor; interactionId: string | null },
): Promise<ObpConsentView> {
  const now = ctx.clock.now();
  const { consent, obp } = await loadObpConsent(ctx, input.consentId);
  const change = input.change;
  if ('createdByUserId' in change) {
    if (!(await ctx.storage.repos.customers.findById(change.createdByUserId)))
      throw new DomainError('user.not_found');
    assertConsentHasNoUser(consent.userId);
  }
  // Signed before the transaction (signing may create the first key, in its own transaction).
  const jwt = await reissueConsentJwt(
    ctx,
    obp,
    'createdByUserId' in change
      ? { createdByUserId: change.createdByUserId }
      : { extra: { access: change.access } },
  );
  await ctx.storage.transaction(async (repos) => {
    const current = await loadObpConsent(ctx, input.consentId, repos);
    // Again inside the transaction: another call may have given the consent its user meanwhile.
    if ('createdByUserId' in change) assertConsentHasNoUser(current.consent.userId);
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
