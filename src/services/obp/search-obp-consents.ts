// The OBP consent lists (getConsentsAtBank, getMyConsents, getConsentInfos): OBP consents filtered, paged
// and counted in SQL through the one consent search, each page with its OBP data.
import type { AppContext } from '../../context.js';
import { searchConsents } from '../consents/search-consents.js';
import type { ObpConsentView } from './load-obp-consent.js';

export interface ObpConsentSearch {
  consumerId?: string;
  userId?: string;
  /** An OBP status as readers see it now (EXPIRED includes lapsed ACCEPTED consents). */
  status?: string;
  limit: number;
  offset: number;
}

export async function searchObpConsents(
  ctx: AppContext,
  search: ObpConsentSearch,
): Promise<{ total: number; views: ObpConsentView[] }> {
  const { total, consents } = await searchConsents(ctx, {
    kinds: ['obp'],
    ...(search.consumerId !== undefined ? { clientIds: [search.consumerId] } : {}),
    ...(search.userId !== undefined ? { userIds: [search.userId] } : {}),
    ...(search.status !== undefined ? { statuses: [search.status] } : {}),
    limit: search.limit,
    offset: search.offset,
  });
  const records = await Promise.all(
    consents.map((consent) => ctx.storage.repos.obpConsents.findById(consent.consentId)),
  );
  const views: ObpConsentView[] = [];
  consents.forEach((consent, i) => {
    const obp = records[i];
    if (obp) views.push({ consent, obp, request: null });
  });
  return { total, views };
}
