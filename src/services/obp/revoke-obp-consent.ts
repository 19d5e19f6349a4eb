// Revoke an OBP consent (revokeConsent, revokeMyConsent, revokeConsentAtBank, selfRevokeConsent): only its
// user may (another user's consent is 404 OBP-35001); a revoked one again is OBP-35012; the status moves
// through the one status step, with a history row naming the actor and the reason.
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { transitionConsent } from '../consents/transition-consent.js';
import { loadObpConsent, type ObpConsentView } from './load-obp-consent.js';

export interface RevokeObpConsentInput {
  consentId: string;
  /** The consent's user, who must be the caller. */
  customerId: string;
  actor: Actor;
  reason: string;
}

export async function revokeObpConsent(
  ctx: AppContext,
  input: RevokeObpConsentInput,
): Promise<ObpConsentView> {
  await ctx.storage.transaction(async (repos) => {
    const { consent } = await loadObpConsent(ctx, input.consentId, repos);
    if (consent.userId !== input.customerId) throw new DomainError('consent.not_found');
    if (consent.status === 'REVOKED') throw new DomainError('consent.already_revoked');
    await transitionConsent(repos, {
      consentId: input.consentId,
      binding: { kind: 'obp' },
      change: { event: 'revoke' },
      actor: input.actor,
      reason: input.reason,
      at: ctx.clock.now(),
    });
  });
  return loadObpConsent(ctx, input.consentId);
}
