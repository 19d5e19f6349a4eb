import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { isConsentId } from './load-bound-consent.js';
import { clientNames, portalView, type PortalConsentDetail } from './portal-consent-view.js';

/** One consent for an officer: bindings, the original request and the status history. */
export async function getPortalConsent(ctx: AppContext, consentId: string): Promise<PortalConsentDetail> {
  if (!isConsentId(consentId)) throw new DomainError('consent.not_found');
  const repos = ctx.storage.repos;
  const detail = await repos.consents.findDetail(consentId);
  if (!detail) throw new DomainError('consent.not_found');
  const [history, names, customer] = await Promise.all([
    repos.consents.history(consentId),
    clientNames(ctx),
    detail.consent.userId === null ? undefined : repos.customers.findByUsername(detail.consent.userId),
  ]);
  const revoke = [...history].reverse().find((h) => h.toStatus === 'Revoked' || h.toStatus === 'REVOKED');
  return {
    ...portalView(detail.consent, revoke?.actor.type ?? null, names, ctx.clock.now()),
    attributes: detail.attributes,
    authorisations: detail.authorisations,
    history,
    customer: customer ?? null,
  };
}
