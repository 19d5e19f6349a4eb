import type { AppContext } from '../../context.js';
import { familyOf, type ConsentDetail, type ConsentKind } from '../../domain/consent.js';
import { asSeenAt } from '../../domain/consent-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
import { ensureBound, isConsentId } from './load-bound-consent.js';

/** The internal detail view: consent, attributes, authorisations and their account mappings. */
export async function getConsentDetail(
  ctx: AppContext,
  kind: ConsentKind,
  consentId: string,
  clientId: string,
): Promise<ConsentDetail> {
  if (!isConsentId(consentId)) throw new DomainError('consent.not_found');
  const detail = await ctx.storage.repos.consents.findDetail(consentId);
  const consent = ensureBound(detail?.consent, { kind, clientId });
  return { ...detail!, consent: asSeenAt(familyOf(kind), consent, ctx.clock.now()) };
}
