import type { AppContext } from '../../context.js';
import {
  PORTAL_CONSENT_TYPES,
  portalStatusConditions,
  type PortalConsentType,
  type PortalStatus,
} from '../../domain/portal-status.js';
import { clientNames, portalView, type PortalConsent } from './portal-consent-view.js';

export interface PortalConsentSearch {
  consentType: PortalConsentType;
  userId?: string;
  clientId?: string;
  status?: PortalStatus;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
}

/** The portal's consent search (seed 000): every TPP's consents, all filters and paging in SQL. */
export async function searchPortalConsents(
  ctx: AppContext,
  search: PortalConsentSearch,
): Promise<{ total: number; items: PortalConsent[] }> {
  const now = ctx.clock.now();
  const [{ total, rows }, names] = await Promise.all([
    ctx.storage.repos.portalConsentSearch.search({
      consentTypes: PORTAL_CONSENT_TYPES[search.consentType].consentTypes,
      ...(search.clientId !== undefined ? { clientIds: [search.clientId] } : {}),
      ...(search.userId !== undefined ? { userIds: [search.userId] } : {}),
      ...(search.status !== undefined ? { statuses: portalStatusConditions(search.status) } : {}),
      ...(search.from !== undefined ? { from: search.from } : {}),
      ...(search.to !== undefined ? { to: search.to } : {}),
      now,
      limit: search.limit,
      offset: search.offset,
      order: search.order,
    }),
    clientNames(ctx),
  ]);
  return { total, items: rows.map((row) => portalView(row.consent, row.revokedBy, names, now)) };
}
