// addConsentUser (PUT /banks/BANK_ID/consents/ID/user-update-request): gives a consent without a user its
// user. Unknown consent OBP-35001, unknown user OBP-20057, a consent that has one OBP-35024; audited.
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { assertConsentHasNoUser } from '../../domain/obp-consent.js';
import { loadObpConsent, type ObpConsentView } from './load-obp-consent.js';

export async function addObpConsentUser(
  ctx: AppContext,
  input: { consentId: string; userId: string; actor: Actor; interactionId: string | null },
): Promise<ObpConsentView> {
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const { consent } = await loadObpConsent(ctx, input.consentId, repos);
    if (!(await repos.customers.findById(input.userId))) throw new DomainError('user.not_found');
    assertConsentHasNoUser(consent.userId);
    await repos.consentWriter.update(input.consentId, { userId: input.userId }, now);
    await repos.audit.append({
      actor: input.actor,
      action: 'obp_consent.user_added',
      targetType: 'consent',
      targetId: input.consentId,
      details: { userId: input.userId },
      interactionId: input.interactionId,
      at: now,
    });
  });
  return loadObpConsent(ctx, input.consentId);
}
