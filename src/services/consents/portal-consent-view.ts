// A consent as the Customer Care portal shows it: lazy expiry applied, named with the portal's status
// (domain/portal-status.ts), with its TPP's name and whether an officer may revoke it now.
import type { AppContext } from '../../context.js';
import {
  familyOf,
  type Consent,
  type ConsentDetail,
  type ConsentFamily,
  type ConsentStatus,
} from '../../domain/consent.js';
import { asSeenAt, isRevocableFamily, nextStatus } from '../../domain/consent-lifecycle.js';
import { portalStatusOf, type PortalStatus } from '../../domain/portal-status.js';
import type { StatusHistoryRow } from '../../storage/repositories/consent-reader.js';
import type { CustomerRecord } from '../../storage/repositories/customer-repository.js';

/** A consent as an officer sees it now. */
export interface PortalConsent {
  consent: Consent;
  portalStatus: PortalStatus;
  clientName: string | null;
  revocable: boolean;
}

export interface PortalConsentDetail extends PortalConsent {
  attributes: ConsentDetail['attributes'];
  authorisations: ConsentDetail['authorisations'];
  history: StatusHistoryRow[];
  customer: CustomerRecord | null;
}

/** The consent with lazy expiry applied, its portal status, and whether an officer may revoke it now. */
export function portalView(
  consent: Consent,
  revokedBy: string | null,
  clientNames: ReadonlyMap<string, string>,
  now: number,
): PortalConsent {
  const family = familyOf(consent.kind);
  const seen = asSeenAt(family, consent, now);
  return {
    consent: seen,
    portalStatus: portalStatusOf(seen.status, revokedBy),
    clientName: clientNames.get(consent.clientId) ?? null,
    revocable: isRevocableFamily(family) && canRevoke(family, seen.status),
  };
}

/** Whether the lifecycle lets this status be revoked to another (the same status back is no revoke). */
function canRevoke(family: ConsentFamily, status: ConsentStatus): boolean {
  try {
    return nextStatus(family, status, 'revoke') !== status;
  } catch {
    return false;
  }
}

export async function clientNames(ctx: AppContext): Promise<Map<string, string>> {
  const clients = await ctx.storage.repos.clients.list();
  return new Map(clients.map((c) => [c.clientId, c.name]));
}

/** A page of search results as an officer sees them: TPP names and who revoked, two queries in all. */
export async function portalViewsOf(
  ctx: AppContext,
  consents: readonly Consent[],
  now: number,
): Promise<PortalConsent[]> {
  const [names, revokedBy] = await Promise.all([
    clientNames(ctx),
    ctx.storage.repos.consentSearch.revokedByOf(consents.map((c) => c.consentId)),
  ]);
  return consents.map((c) => portalView(c, revokedBy.get(c.consentId) ?? null, names, now));
}
