// The bank back office's consent search (/admin/consents, WSO2 style): every TPP's consents by id, client,
// type, wire status, user and creation time, as readers see them now (lazy expiry).
import type { AppContext } from '../../context.js';
import { familyOf, type ConsentDetail } from '../../domain/consent.js';
import { asSeenAt } from '../../domain/consent-lifecycle.js';
import { wireStatusConditions } from '../../domain/portal-status.js';

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
  const now = ctx.clock.now();
  const repos = ctx.storage.repos;
  const { total, rows } = await repos.portalConsentSearch.search({
    ...(search.consentIds ? { consentIds: search.consentIds } : {}),
    ...(search.clientIds ? { clientIds: search.clientIds } : {}),
    ...(search.consentTypes ? { consentTypes: search.consentTypes } : {}),
    ...(search.userIds ? { userIds: search.userIds } : {}),
    ...(search.consentStatuses ? { statuses: search.consentStatuses.flatMap(wireStatusConditions) } : {}),
    ...(search.from !== undefined ? { from: search.from } : {}),
    ...(search.to !== undefined ? { to: search.to } : {}),
    now,
    limit: search.limit,
    offset: search.offset,
    order: 'desc',
  });
  const items = await Promise.all(
    rows.map(async ({ consent }) => {
      const detail = await repos.consents.findDetail(consent.consentId);
      const seen = asSeenAt(familyOf(consent.kind), consent, now);
      return {
        consent: seen,
        attributes: detail?.attributes ?? {},
        authorisations: detail?.authorisations ?? [],
      };
    }),
  );
  return { total, items };
}
