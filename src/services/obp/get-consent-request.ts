// getConsentRequest (OBP v5.0.0): a consent request as its consumer sent it.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { ObpConsentRequest } from '../../domain/obp-consent.js';

/** getConsentRequest: only its own consumer sees a consent request (else OBP-35028). */
export async function getConsentRequest(
  ctx: AppContext,
  consumerId: string,
  consentRequestId: string,
): Promise<ObpConsentRequest> {
  const request = await ctx.storage.repos.obpConsentRequests.findById(consentRequestId);
  if (!request || request.consumerId !== consumerId) throw new DomainError('consent_request.not_found');
  return request;
}
