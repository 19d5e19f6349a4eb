// getConsentByConsentRequestId (OBP v5.0.0): the consent made from a consent request, for the consumer
// the consent is for (another consumer's: OBP-35001).
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { loadObpConsent, type ObpConsentView } from './load-obp-consent.js';

export async function getConsentByRequest(
  ctx: AppContext,
  consumerId: string,
  consentRequestId: string,
): Promise<ObpConsentView> {
  const request = await ctx.storage.repos.obpConsentRequests.findById(consentRequestId);
  if (!request || request.consumerId !== consumerId) throw new DomainError('consent_request.not_found');
  const record = await ctx.storage.repos.obpConsents.findByConsentRequestId(consentRequestId);
  if (!record) throw new DomainError('consent.not_found');
  const view = await loadObpConsent(ctx, record.consentId);
  if (view.consent.clientId !== consumerId) throw new DomainError('consent.not_found');
  return view;
}
