// A status filter of the one consent search, as stored-row conditions: statuses are matched as readers see
// them now (lazy expiry), family by family, from the lifecycle tables (nothing here knows a status name).
import { familyOf, type ConsentFamily, type ConsentKind, type ConsentStatus } from './consent.js';
import { storedStatusesReadingAs, TRANSITIONS } from './consent-lifecycle.js';

/**
 * Stored rows whose status is one of `statuses`: `live` rows have not passed their expiry, `lapsed` rows
 * have (they read as expired), `any` ignores expiry; limited to `kinds` only where the families searched
 * read a stored status differently.
 */
export interface StoredStatusCondition {
  statuses: readonly ConsentStatus[];
  expiry: 'any' | 'live' | 'lapsed';
  kinds?: readonly ConsentKind[];
}

/** Every status a consent of this family can be stored with. */
function statusesOf(family: ConsentFamily): Set<string> {
  const statuses = new Set<string>();
  for (const [from, moves] of Object.entries(TRANSITIONS[family])) {
    statuses.add(from);
    for (const to of Object.values(moves ?? {}) as string[]) statuses.add(to);
  }
  return statuses;
}

const STATUSES_OF = new Map<ConsentFamily, Set<string>>();
function canHold(kind: ConsentKind, status: string): boolean {
  const family = familyOf(kind);
  let statuses = STATUSES_OF.get(family);
  if (statuses === undefined) STATUSES_OF.set(family, (statuses = statusesOf(family)));
  return statuses.has(status);
}

/**
 * The stored-row conditions (OR-ed) of consents of `kinds` that read as one of `statuses` now. A status no
 * family of `kinds` has matches nothing, so no status at all gives no condition (which matches nothing).
 */
export function storedStatusConditions(
  kinds: readonly ConsentKind[],
  statuses: readonly string[],
): StoredStatusCondition[] {
  // (stored status, expiry) -> the kinds searched whose family reads such rows as an asked-for status.
  const matches = new Map<
    string,
    { status: ConsentStatus; expiry: StoredStatusCondition['expiry']; kinds: ConsentKind[] }
  >();
  for (const status of new Set(statuses))
    for (const kind of kinds) {
      if (!canHold(kind, status)) continue;
      for (const match of storedStatusesReadingAs(familyOf(kind), status as ConsentStatus)) {
        const key = `${match.status} ${match.expiry}`;
        const entry = matches.get(key) ?? { ...match, kinds: [] };
        entry.kinds.push(kind);
        matches.set(key, entry);
      }
    }
  // One condition per (expiry, kind restriction), its statuses as one list: an IN on the status indexes.
  const conditions = new Map<
    string,
    { statuses: ConsentStatus[]; expiry: StoredStatusCondition['expiry']; kinds?: ConsentKind[] }
  >();
  for (const { status, expiry, kinds: readers } of matches.values()) {
    // No kind restriction when every kind searched that can hold this stored status reads it so.
    const holders = kinds.filter((kind) => canHold(kind, status));
    const restricted = holders.some((kind) => !readers.includes(kind));
    const key = `${expiry} ${restricted ? readers.join(',') : ''}`;
    const condition = conditions.get(key) ?? {
      statuses: [],
      expiry,
      ...(restricted ? { kinds: readers } : {}),
    };
    condition.statuses.push(status);
    conditions.set(key, condition);
  }
  return [...conditions.values()];
}
