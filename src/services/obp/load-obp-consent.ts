// The one read of an OBP consent: the consent row as readers see it now (lazy expiry applied), its OBP data,
// and the consent request (with VRP terms) it was made from.
import type { AppContext } from '../../context.js';
import { familyOf, type Consent } from '../../domain/consent.js';
import { asSeenAt } from '../../domain/consent-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
import type { ObpConsentRecord, ObpConsentRequest } from '../../domain/obp-consent.js';
import type { Repositories } from '../../storage/storage.js';
import { isConsentId } from '../consents/load-bound-consent.js';

export interface ObpConsentView {
  consent: Consent;
  obp: ObpConsentRecord;
  request: ObpConsentRequest | null;
}

/** The OBP consent with this id, or `consent.not_found` (OBP-35001) when there is none. */
export async function loadObpConsent(
  ctx: AppContext,
  consentId: string,
  repos: Repositories = ctx.storage.repos,
): Promise<ObpConsentView> {
  if (!isConsentId(consentId)) throw new DomainError('consent.not_found');
  const [consent, obp] = await Promise.all([
    repos.consents.findById(consentId),
    repos.obpConsents.findById(consentId),
  ]);
  if (!consent || consent.kind !== 'obp' || !obp) throw new DomainError('consent.not_found');
  const request =
    obp.consentRequestId === null
      ? null
      : ((await repos.obpConsentRequests.findById(obp.consentRequestId)) ?? null);
  return { consent: asSeenAt(familyOf(consent.kind), consent, ctx.clock.now()), obp, request };
}
