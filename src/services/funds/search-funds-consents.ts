// GET /funds-confirmation-consents (seed 004): a CBPII's own funds-confirmation consents, filtered and
// paged in SQL.
import type { AppContext } from '../../context.js';
import { RESOURCE_INFO, type Consent } from '../../domain/consent.js';
import { asSeenAt, expirableStatuses, nextStatus } from '../../domain/consent-lifecycle.js';
import type { StatusCondition } from '../../storage/repositories/funds-confirmation-repository.js';

const RESOURCE = 'funds-confirmation-consents';
const FAMILY = RESOURCE_INFO[RESOURCE].family;

export interface FundsConsentSearch {
  /** The CBPII asking: it only ever sees its own consents. */
  callerClientId: string;
  clientIds?: string[];
  userIds?: string[];
  statuses?: string[];
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

/**
 * Stored rows match a status as readers see it (lazy expiry): asking for Authorised excludes consents past
 * their expiry, asking for Expired includes them.
 */
function statusConditions(statuses: string[]): StatusCondition[] {
  const expirable: string[] = expirableStatuses(FAMILY);
  const expired = expirable.length > 0 ? nextStatus(FAMILY, expirable[0]!, 'expire') : undefined;
  return statuses.flatMap((status): StatusCondition[] => {
    if (status === expired)
      return [
        { status, expiry: 'any' },
        ...expirable.map((from) => ({ status: from, expiry: 'lapsed' as const })),
      ];
    return [{ status, expiry: expirable.includes(status) ? 'live' : 'any' }];
  });
}

export async function searchFundsConsents(
  ctx: AppContext,
  search: FundsConsentSearch,
): Promise<{ count: number; hits: FundsConsentHit[] }> {
  if (search.clientIds !== undefined && !search.clientIds.includes(search.callerClientId))
    return { count: 0, hits: [] };
  const now = ctx.clock.now();
  const { count, rows } = await ctx.storage.repos.fundsConfirmations.searchConsents({
    resource: RESOURCE,
    clientId: search.callerClientId,
    ...(search.userIds !== undefined ? { userIds: search.userIds } : {}),
    ...(search.statuses !== undefined ? { statuses: statusConditions(search.statuses) } : {}),
    ...(search.from !== undefined ? { from: search.from } : {}),
    ...(search.to !== undefined ? { to: search.to } : {}),
    now,
    limit: search.limit,
    offset: search.offset,
  });
  return {
    count,
    hits: rows.map((row) => ({
      ...row,
      consent: asSeenAt(FAMILY, row.consent, now),
    })),
  };
}
