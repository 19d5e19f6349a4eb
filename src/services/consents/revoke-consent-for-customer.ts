import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { getPortalConsent } from './get-portal-consent.js';
import { isConsentId } from './load-bound-consent.js';
import type { PortalConsentDetail } from './portal-consent-view.js';
import { transitionConsent } from './transition-consent.js';

/**
 * An officer revokes a consent for the customer, through the same revoke step as the TPP's DELETE: effective
 * at once for every API, with the officer and reason in the history and an audit event.
 */
export async function revokeConsentForCustomer(
  ctx: AppContext,
  input: { consentId: string; reason: string; officer: Actor; interactionId: string | null },
): Promise<PortalConsentDetail> {
  const reason = input.reason.trim();
  if (reason === '')
    throw new DomainError('request.field_invalid', 'Give the reason for the revocation', [
      { path: 'reason', message: 'The reason must not be blank' },
    ]);
  if (!isConsentId(input.consentId)) throw new DomainError('consent.not_found');
  const now = ctx.clock.now();
  try {
    await ctx.storage.transaction(async (repos) => {
      // Officers act for the customer on any TPP's consent: no client binding.
      const outcome = await transitionConsent(repos, {
        consentId: input.consentId,
        binding: {},
        change: { event: 'revoke' },
        actor: input.officer,
        reason,
        at: now,
      });
      const consent = outcome.consent;
      if (outcome.to === outcome.from)
        throw new DomainError('consent.invalid_transition', 'The consent is already revoked');
      await repos.audit.append({
        actor: input.officer,
        action: 'consent.revoked',
        targetType: 'consent',
        targetId: consent.consentId,
        details: { reason, clientId: consent.clientId, userId: consent.userId, fromStatus: outcome.from },
        interactionId: input.interactionId,
        at: now,
      });
    });
  } catch (error) {
    if (isDomainError(error) && error.code === 'consent.not_revocable')
      throw new DomainError('consent.not_revocable', 'You cannot revoke a payment consent');
    throw error;
  }
  return getPortalConsent(ctx, input.consentId);
}
