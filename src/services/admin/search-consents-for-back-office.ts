// The bank back office's consent search (/admin/consents, WSO2 style): every TPP's consents by id, client,
// type, wire status, user and creation time, as readers see them now (lazy expiry), through the one
// consent search.
import type { AppContext } from '../../context.js';
import type { ConsentDetail } from '../../domain/consent.js';
import { searchConsents } from '../consents/search-consents.js';

export interface BackOfficeConsentSearch {
  consentIds?: string[];
  clientIds?: string[];
  consentTypes?: string[];
  consentStatuses?: string[];
  userIds?: string[];
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export async function searchConsentsForBackOffice(
  ctx: AppContext,
  search: BackOfficeConsentSearch,
): Promise<{ total: number; items: ConsentDetail[] }> {
  const { total, consents } = await searchConsents(ctx, {
    ...(search.consentIds ? { consentIds: search.consentIds } : {}),
    ...(search.clientIds ? { clientIds: search.clientIds } : {}),
    ...(search.consentTypes ? { consentTypes: search.consentTypes } : {}),
    ...(search.userIds ? { userIds: search.userIds } : {}),
    ...(search.consentStatuses ? { statuses: search.consentStatuses } : {}),
    ...(search.from !== undefined ? { createdFrom: search.from } : {}),
    ...(search.to !== undefined ? { createdTo: search.to } : {}),
    limit: search.limit,
    offset: search.offset,
  });
  const items = await Promise.all(
    consents.map(async (consent) => {
      const detail = await ctx.storage.repos.consents.findDetail(consent.consentId);
      return {
        consent,
        attributes: detail?.attributes ?? {},
        authorisations: detail?.authorisations ?? [],
      };
    }),
  );
  return { total, items };
}
