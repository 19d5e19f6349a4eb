// The one consent search for every caller (the funds-confirmation API now; the portal's and OBP's
// management searches next): filters, paging, total and an allow-listed sort, statuses matched as readers
// see them (lazy expiry).
import type { AppContext } from '../../context.js';
import {
  CONSENT_KINDS,
  familyOf,
  type Consent,
  type ConsentFamily,
  type ConsentKind,
  type ConsentStatus,
} from '../../domain/consent.js';
import { asSeenAt, storedStatusesReadingAs } from '../../domain/consent-lifecycle.js';
import type { ConsentSort, StoredStatusCondition } from '../../storage/repositories/consent-search.js';

export interface ConsentSearchInput {
  consentIds?: readonly string[];
  clientIds?: readonly string[];
  kinds?: readonly ConsentKind[];
  /** As readers see them now: Expired includes consents past their expiry, Authorised excludes them. */
  statuses?: readonly ConsentStatus[];
  userIds?: readonly string[];
  /** Creation time range, inclusive, epoch ms. */
  createdFrom?: number;
  createdTo?: number;
  /** Default: newest first. */
  sort?: ConsentSort;
  limit: number;
  offset: number;
}

export interface ConsentSearchResult {
  /** Every match, not only this page. */
  total: number;
  /** This page, as readers see it now (lazy expiry applied). */
  consents: Consent[];
}

export async function searchConsents(
  ctx: AppContext,
  input: ConsentSearchInput,
): Promise<ConsentSearchResult> {
  const now = ctx.clock.now();
  const { statuses, sort, ...filters } = input;
  const page = await ctx.storage.repos.consentSearch.search({
    ...filters,
    ...(statuses !== undefined ? { statuses: storedConditions(input.kinds ?? CONSENT_KINDS, statuses) } : {}),
    now,
    sort: sort ?? 'created_desc',
  });
  return {
    total: page.total,
    consents: page.consents.map((consent) => asSeenAt(familyOf(consent.kind), consent, now)),
  };
}

/** Per family of the kinds searched, the stored rows that read as each status asked for. */
function storedConditions(
  kinds: readonly ConsentKind[],
  statuses: readonly ConsentStatus[],
): StoredStatusCondition[] {
  const byFamily = new Map<ConsentFamily, ConsentKind[]>();
  for (const kind of kinds) byFamily.set(familyOf(kind), [...(byFamily.get(familyOf(kind)) ?? []), kind]);
  const conditions: StoredStatusCondition[] = [];
  for (const [family, familyKinds] of byFamily)
    for (const status of statuses)
      for (const match of storedStatusesReadingAs(family, status))
        conditions.push({ ...match, kinds: byFamily.size === 1 ? undefined : familyKinds });
  return conditions;
}
