import type { AppContext } from '../../context.js';
import {
  PORTAL_CONSENT_TYPES,
  portalStatusFilter,
  type PortalConsentType,
  type PortalStatus,
} from '../../domain/portal-status.js';
import { portalViewsOf, type PortalConsent } from './portal-consent-view.js';
import { searchConsents } from './search-consents.js';

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

/**
 * The portal's consent search (seed 000): every TPP's consents, through the one consent search. Matches
 * are counted up to PORTAL_SEARCH_COUNT_AHEAD (10,000) past this page, then the total says "more than": an
 * officer pages through a few hundred at most, and an exact count of half a million matches costs seconds.
 */
export async function searchPortalConsents(
  ctx: AppContext,
  search: PortalConsentSearch,
): Promise<{ total: number; totalExact: boolean; items: PortalConsent[] }> {
  const { total, totalExact, consents } = await searchConsents(ctx, {
    consentTypes: PORTAL_CONSENT_TYPES[search.consentType].consentTypes,
    ...(search.clientId !== undefined ? { clientIds: [search.clientId] } : {}),
    ...(search.userId !== undefined ? { userIds: [search.userId] } : {}),
    ...(search.status !== undefined ? portalStatusFilter(search.status) : {}),
    ...(search.from !== undefined ? { createdFrom: search.from } : {}),
    ...(search.to !== undefined ? { createdTo: search.to } : {}),
    sort: search.order === 'asc' ? 'created_asc' : 'created_desc',
    limit: search.limit,
    offset: search.offset,
    countUpTo: search.offset + search.limit + ctx.config.portalSearchCountAhead,
  });
  return { total, totalExact, items: await portalViewsOf(ctx, consents, ctx.clock.now()) };
}
