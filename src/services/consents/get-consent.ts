import type { AppContext } from '../../context.js';
import { familyOf, type Consent, type ConsentKind } from '../../domain/consent.js';
import { asSeenAt } from '../../domain/consent-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
import { ensureBound, isConsentId } from './load-bound-consent.js';

/** A consent as its client may see it now (lazy expiry applied). */
export async function getConsent(
  ctx: AppContext,
  kind: ConsentKind,
  consentId: string,
  clientId: string,
): Promise<Consent> {
  if (!isConsentId(consentId)) throw new DomainError('consent.not_found');
  const consent = ensureBound(await ctx.storage.repos.consents.findById(consentId), { kind, clientId });
  return asSeenAt(familyOf(kind), consent, ctx.clock.now());
}
