import type { AppContext } from '../../context.js';
import { RESOURCE_INFO, type ConsentResource } from '../../domain/consent.js';
import { asSeenAt } from '../../domain/consent-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
import { ensureBound, isConsentId } from './load-bound-consent.js';

/** A consent as its client may see it now (lazy expiry applied). */
export async function getConsent(
  ctx: AppContext,
  resource: ConsentResource,
  consentId: string,
  clientId: string,
) {
  if (!isConsentId(consentId)) throw new DomainError('consent.not_found');
  const consent = ensureBound(await ctx.storage.repos.consents.findById(consentId), resource, clientId);
  return asSeenAt(RESOURCE_INFO[resource].family, consent, ctx.clock.now());
}
