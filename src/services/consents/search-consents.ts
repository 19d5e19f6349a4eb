// The one consent search for every caller (the funds-confirmation API, the portal, the back office's
// /admin/consents, OBP management): filters, paging, total and an allow-listed sort, statuses matched as
// readers see them (lazy expiry).
import type { AppContext } from '../../context.js';
import {
  CONSENT_KINDS,
  familyOf,
  KIND_INFO,
  type ActorType,
  type Consent,
  type ConsentKind,
} from '../../domain/consent.js';
import { asSeenAt } from '../../domain/consent-lifecycle.js';
import { storedStatusConditions } from '../../domain/stored-status-conditions.js';
import type { ConsentSort } from '../../storage/repositories/consent-search.js';

export interface ConsentSearchInput {
  consentIds?: readonly string[];
  clientIds?: readonly string[];
  kinds?: readonly ConsentKind[];
  /** Stored WSO2 consent types ('accounts', 'payments', 'fundsconfirmations', 'vrp', 'obp'). */
  consentTypes?: readonly string[];
  /**
   * Wire statuses as readers see them now: Expired includes consents past their expiry, Authorised
   * excludes them; a status no family searched has matches nothing.
   */
  statuses?: readonly string[];
  /** Only revoked consents whose revocation was by one of these actor types. */
  revokedBy?: readonly ActorType[];
  userIds?: readonly string[];
  /** Creation time range, inclusive, epoch ms. */
  createdFrom?: number;
  createdTo?: number;
  /** Default: newest first. */
  sort?: ConsentSort;
  limit: number;
  offset: number;
  /** Count matches only up to this many (see ConsentSearchQuery.countUpTo); absent: the exact total. */
  countUpTo?: number;
}

export interface ConsentSearchResult {
  /** Every match, not only this page (at most `countUpTo` when set). */
  total: number;
  /** False when there are more than `countUpTo` matches (`total` is then `countUpTo`). */
  totalExact: boolean;
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
    ...(statuses !== undefined ? { statuses: storedStatusConditions(kindsSearched(input), statuses) } : {}),
    now,
    sort: sort ?? 'created_desc',
  });
  return {
    total: page.total,
    totalExact: page.totalExact,
    consents: page.consents.map((consent) => asSeenAt(familyOf(consent.kind), consent, now)),
  };
}

/** The kinds a search can return: those asked for, narrowed to the consent types asked for. */
function kindsSearched(input: ConsentSearchInput): readonly ConsentKind[] {
  const types = input.consentTypes;
  return (input.kinds ?? CONSENT_KINDS).filter(
    (kind) => types === undefined || types.includes(KIND_INFO[kind].consentType),
  );
}
