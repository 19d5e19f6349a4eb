// GET /funds-confirmation-consents (seed 004): a CBPII's own funds-confirmation consents, filtered and
// paged in SQL through the one consent search.
import type { AppContext } from '../../context.js';
import type { Consent, ConsentStatus } from '../../domain/consent.js';
import { searchConsents } from '../consents/search-consents.js';

export interface FundsConsentSearch {
  /** The CBPII asking: it only ever sees its own consents. */
  callerClientId: string;
  clientIds?: string[];
  userIds?: string[];
  statuses?: ConsentStatus[];
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

export interface FundsConsentHit {
  consent: Consent;
  accountIds: string[];
  attributes: Record<string, string>;
}

export async function searchFundsConsents(
  ctx: AppContext,
  search: FundsConsentSearch,
): Promise<{ count: number; hits: FundsConsentHit[] }> {
  if (search.clientIds !== undefined && !search.clientIds.includes(search.callerClientId))
    return { count: 0, hits: [] };
  const { total, consents } = await searchConsents(ctx, {
    clientIds: [search.callerClientId],
    kinds: ['funds-confirmation'],
    ...(search.userIds !== undefined ? { userIds: search.userIds } : {}),
    ...(search.statuses !== undefined ? { statuses: search.statuses } : {}),
    ...(search.from !== undefined ? { createdFrom: search.from } : {}),
    ...(search.to !== undefined ? { createdTo: search.to } : {}),
    limit: search.limit,
    offset: search.offset,
  });
  const bindings = await ctx.storage.repos.consentSearch.bindingsOf(consents.map((c) => c.consentId));
  return {
    count: total,
    hits: consents.map((consent) => ({
      consent,
      accountIds: bindings.accounts.get(consent.consentId) ?? [],
      attributes: bindings.attributes.get(consent.consentId) ?? {},
    })),
  };
}
