// The one consent search, for every caller (funds-confirmation search, portal, back office, OBP
// management): filters, paging, total, sorting from an allow-list. Every filter is an indexed equality,
// IN-list or range on consents (migrations 0001, 0003, 0005, 0008).
import { sql, type ExpressionBuilder, type Kysely } from 'kysely';
import type { ActorType, Consent, ConsentKind } from '../../domain/consent.js';
import type { StoredStatusCondition } from '../../domain/stored-status-conditions.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import { toConsent } from './consent-rows.js';

/** The sort orders a search may ask for, and the columns behind them (never a caller's column name). */
export const CONSENT_SORTS = {
  created_desc: 'desc',
  created_asc: 'asc',
} as const;
export type ConsentSort = keyof typeof CONSENT_SORTS;

export interface ConsentSearchQuery {
  consentIds?: readonly string[];
  clientIds?: readonly string[];
  kinds?: readonly ConsentKind[];
  /** Stored consent_type values (WSO2 consentType). */
  consentTypes?: readonly string[];
  userIds?: readonly string[];
  /** OR-ed; absent = every status. */
  statuses?: readonly StoredStatusCondition[];
  /** Only revoked consents whose revocation history row has one of these actor types. */
  revokedBy?: readonly ActorType[];
  /** created_at range, inclusive, epoch ms. */
  createdFrom?: number;
  createdTo?: number;
  /** The instant `live` and `lapsed` are judged at. */
  now: number;
  sort: ConsentSort;
  limit: number;
  offset: number;
  /**
   * Count the matches only up to this many (the portal's "of more than N": counting half a million rows
   * takes seconds, counting the first ten thousand milliseconds). Absent: the exact total.
   */
  countUpTo?: number;
}

export interface ConsentSearchPage {
  /** Every match, not only this page; at most `countUpTo` when the query set it. */
  total: number;
  /** False when there are more than `countUpTo` matches (`total` is then `countUpTo`). */
  totalExact: boolean;
  consents: Consent[];
}

/** Statuses a revocation history row moves to. */
const REVOKED = ['Revoked', 'REVOKED'];

type Eb = ExpressionBuilder<DatabaseSchema, 'consents'>;

export class ConsentSearch {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async search(query: ConsentSearchQuery): Promise<ConsentSearchPage> {
    // An empty IN-list matches nothing: answer without asking the database (and without invalid SQL).
    const lists = [query.consentIds, query.clientIds, query.kinds, query.consentTypes, query.userIds];
    for (const list of [...lists, query.statuses, query.revokedBy])
      if (list !== undefined && list.length === 0) return { total: 0, totalExact: true, consents: [] };
    const filter = (eb: Eb) => {
      const conditions = [];
      if (query.consentIds !== undefined) conditions.push(eb('consents.consent_id', 'in', query.consentIds));
      if (query.clientIds !== undefined) conditions.push(eb('client_id', 'in', query.clientIds));
      if (query.kinds !== undefined) conditions.push(eb('kind', 'in', query.kinds));
      if (query.consentTypes !== undefined) conditions.push(eb('consent_type', 'in', query.consentTypes));
      if (query.userIds !== undefined) conditions.push(eb('user_id', 'in', query.userIds));
      if (query.createdFrom !== undefined) conditions.push(eb('created_at', '>=', query.createdFrom));
      if (query.createdTo !== undefined) conditions.push(eb('created_at', '<=', query.createdTo));
      if (query.statuses !== undefined)
        conditions.push(eb.or(query.statuses.map((condition) => statusMatch(eb, condition, query.now))));
      if (query.revokedBy !== undefined) conditions.push(revokedByMatch(eb, query.revokedBy));
      return eb.and(conditions);
    };
    const direction = CONSENT_SORTS[query.sort];
    const countUpTo = query.countUpTo;
    const [total, rows] = await Promise.all([
      countUpTo === undefined
        ? this.db
            .selectFrom('consents')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where(filter)
            .executeTakeFirstOrThrow()
        : this.db
            .selectFrom(
              // A constant, not a column: an index holding every filtered column then answers alone.
              this.db
                .selectFrom('consents')
                .select(sql<number>`1`.as('one'))
                .where(filter)
                .limit(countUpTo + 1)
                .as('matches'),
            )
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('consents')
        .selectAll()
        .where(filter)
        .orderBy('created_at', direction)
        .orderBy('consent_id', direction)
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
    ]);
    const n = Number(total.n);
    const exact = countUpTo === undefined || n <= countUpTo;
    return { total: exact ? n : countUpTo, totalExact: exact, consents: rows.map(toConsent) };
  }

  /** Who revoked each of these consents: the actor type of its latest revocation history row. */
  async revokedByOf(consentIds: readonly string[]): Promise<Map<string, string>> {
    const revokedBy = new Map<string, string>();
    if (consentIds.length === 0) return revokedBy;
    const rows = await this.db
      .selectFrom('consent_status_history')
      .select(['consent_id', 'actor_type'])
      .where('consent_id', 'in', consentIds)
      .where('to_status', 'in', REVOKED)
      .orderBy('at', 'asc')
      .orderBy('history_id', 'asc')
      .execute();
    for (const row of rows) revokedBy.set(row.consent_id, row.actor_type);
    return revokedBy;
  }

  /** Active mapped accounts and attributes of a page of consents: two indexed queries, not one per consent. */
  async bindingsOf(consentIds: readonly string[]): Promise<{
    accounts: Map<string, string[]>;
    attributes: Map<string, Record<string, string>>;
  }> {
    const accounts = new Map<string, string[]>();
    const attributes = new Map<string, Record<string, string>>();
    if (consentIds.length === 0) return { accounts, attributes };
    const [mappings, attrs] = await Promise.all([
      this.db
        .selectFrom('authorisations as a')
        .innerJoin('consent_account_mappings as m', 'm.authorisation_id', 'a.authorisation_id')
        .select(['a.consent_id', 'm.account_id'])
        .where('a.consent_id', 'in', consentIds)
        .where('m.mapping_status', '=', 'active')
        .orderBy('a.consent_id')
        .orderBy('m.account_id')
        .execute(),
      this.db
        .selectFrom('consent_attributes')
        .select(['consent_id', 'attr_key', 'attr_value'])
        .where('consent_id', 'in', consentIds)
        .execute(),
    ]);
    for (const m of mappings)
      accounts.set(m.consent_id, [...(accounts.get(m.consent_id) ?? []), m.account_id]);
    for (const a of attrs)
      attributes.set(a.consent_id, { ...attributes.get(a.consent_id), [a.attr_key]: a.attr_value });
    return { accounts, attributes };
  }
}

function statusMatch(eb: Eb, condition: StoredStatusCondition, now: number) {
  const parts = [eb('status', 'in', condition.statuses)];
  if (condition.kinds !== undefined) parts.push(eb('kind', 'in', condition.kinds));
  if (condition.expiry === 'live')
    parts.push(eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
  if (condition.expiry === 'lapsed') parts.push(eb('expires_at', '<=', now));
  return eb.and(parts);
}

function revokedByMatch(eb: Eb, actorTypes: readonly ActorType[]) {
  return eb.exists(
    eb
      .selectFrom('consent_status_history as h')
      .select('h.history_id')
      .whereRef('h.consent_id', '=', 'consents.consent_id')
      .where('h.to_status', 'in', REVOKED)
      .where('h.actor_type', 'in', actorTypes),
  );
}
