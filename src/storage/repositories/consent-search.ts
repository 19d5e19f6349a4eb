// The one consent search: filters, paging, total, sorting from an allow-list. The funds-confirmation
// search uses it now; the portal's and OBP's management searches next. Every filter is an indexed
// equality, IN-list or range on consents (migrations 0001, 0003, 0005).
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Consent, ConsentKind, ConsentStatus } from '../../domain/consent.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import { toConsent } from './consent-rows.js';

/**
 * Rows that read as one status now: `live` rows have not passed their expiry, `lapsed` rows have (lazy
 * expiry shows them expired), `any` ignores expiry; limited to `kinds` when given (the status rule of
 * their family).
 */
export interface StoredStatusCondition {
  status: ConsentStatus;
  expiry: 'any' | 'live' | 'lapsed';
  kinds?: readonly ConsentKind[];
}

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
  userIds?: readonly string[];
  /** OR-ed; absent = every status. */
  statuses?: readonly StoredStatusCondition[];
  /** created_at range, inclusive, epoch ms. */
  createdFrom?: number;
  createdTo?: number;
  /** The instant `live` and `lapsed` are judged at. */
  now: number;
  sort: ConsentSort;
  limit: number;
  offset: number;
}

export interface ConsentSearchPage {
  /** Every match, not only this page. */
  total: number;
  consents: Consent[];
}

export class ConsentSearch {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async search(query: ConsentSearchQuery): Promise<ConsentSearchPage> {
    // An empty IN-list matches nothing: answer without asking the database (and without invalid SQL).
    for (const list of [query.consentIds, query.clientIds, query.kinds, query.userIds, query.statuses])
      if (list !== undefined && list.length === 0) return { total: 0, consents: [] };
    const filter = (eb: ExpressionBuilder<DatabaseSchema, 'consents'>) => {
      const conditions = [];
      if (query.consentIds !== undefined) conditions.push(eb('consent_id', 'in', query.consentIds));
      if (query.clientIds !== undefined) conditions.push(eb('client_id', 'in', query.clientIds));
      if (query.kinds !== undefined) conditions.push(eb('kind', 'in', query.kinds));
      if (query.userIds !== undefined) conditions.push(eb('user_id', 'in', query.userIds));
      if (query.createdFrom !== undefined) conditions.push(eb('created_at', '>=', query.createdFrom));
      if (query.createdTo !== undefined) conditions.push(eb('created_at', '<=', query.createdTo));
      if (query.statuses !== undefined) {
        conditions.push(
          eb.or(
            query.statuses.map((s) => {
              const parts = [eb('status', '=', s.status)];
              if (s.kinds !== undefined) parts.push(eb('kind', 'in', s.kinds));
              if (s.expiry === 'live')
                parts.push(eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', query.now)]));
              if (s.expiry === 'lapsed') parts.push(eb('expires_at', '<=', query.now));
              return eb.and(parts);
            }),
          ),
        );
      }
      return eb.and(conditions);
    };
    const direction = CONSENT_SORTS[query.sort];
    const [total, rows] = await Promise.all([
      this.db
        .selectFrom('consents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(filter)
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
    return { total: Number(total.n), consents: rows.map(toConsent) };
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
