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

/** The portal's consent search (seed 000): every TPP's consents, through the one consent search. */
export async function searchPortalConsents(
  ctx: AppContext,
  search: PortalConsentSearch,
): Promise<{ total: number; items: PortalConsent[] }> {
  const { total, consents } = await searchConsents(ctx, {
    consentTypes: PORTAL_CONSENT_TYPES[search.consentType].consentTypes,
    ...(search.clientId !== undefined ? { clientIds: [search.clientId] } : {}),
    ...(search.userId !== undefined ? { userIds: [search.userId] } : {}),
    ...(search.status !== undefined ? portalStatusFilter(search.status) : {}),
    ...(search.from !== undefined ? { createdFrom: search.from } : {}),
    ...(search.to !== undefined ? { createdTo: search.to } : {}),
    sort: search.order === 'asc' ? 'created_asc' : 'created_desc',
    limit: search.limit,
    offset: search.offset,
  });
  return { total, items: await portalViewsOf(ctx, consents, ctx.clock.now()) };
}
