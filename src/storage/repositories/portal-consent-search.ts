// The consent search of the portal and of the back office's /admin/consents: every filter, the paging and
// the total in SQL, on the indexes of migrations 0001 and 0008. (Written before issue 9's one consent search
// landed; it folds into that search.)
import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Consent } from '../../domain/consent.js';
import type { StoredStatusCondition } from '../../domain/portal-status.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import { toConsent } from './consent-rows.js';

export interface ConsentSearchQuery {
  consentIds?: readonly string[];
  consentTypes?: readonly string[];
  clientIds?: readonly string[];
  userIds?: readonly string[];
  /** OR-ed; an empty list matches nothing; absent = every status. */
  statuses?: readonly StoredStatusCondition[];
  /** created_at range, inclusive, epoch ms. */
  from?: number;
  to?: number;
  now: number;
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
}

export interface ConsentSearchRow {
  consent: Consent;
  /** Actor type of the revocation history row, when the consent is revoked. */
  revokedBy: string | null;
}

const REVOKED = ['Revoked', 'REVOKED'];

type Eb = ExpressionBuilder<DatabaseSchema, 'consents'>;

export class PortalConsentSearch {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async search(query: ConsentSearchQuery): Promise<{ total: number; rows: ConsentSearchRow[] }> {
    if (query.statuses !== undefined && query.statuses.length === 0) return { total: 0, rows: [] };
    const filter = (eb: Eb) => {
      const conditions = [];
      if (query.consentIds !== undefined)
        conditions.push(eb('consents.consent_id', 'in', [...query.consentIds]));
      if (query.consentTypes !== undefined)
        conditions.push(eb('consent_type', 'in', [...query.consentTypes]));
      if (query.clientIds !== undefined) conditions.push(eb('client_id', 'in', [...query.clientIds]));
      if (query.userIds !== undefined) conditions.push(eb('user_id', 'in', [...query.userIds]));
      if (query.from !== undefined) conditions.push(eb('created_at', '>=', query.from));
      if (query.to !== undefined) conditions.push(eb('created_at', '<=', query.to));
      if (query.statuses !== undefined)
        conditions.push(eb.or(query.statuses.map((condition) => this.statusMatch(eb, condition, query.now))));
      return eb.and(conditions);
    };
    const [total, rows] = await Promise.all([
      this.db
        .selectFrom('consents')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(filter)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('consents')
        .selectAll('consents')
        .select((eb) =>
          eb
            .selectFrom('consent_status_history as h')
            .select('h.actor_type')
            .whereRef('h.consent_id', '=', 'consents.consent_id')
            .where('h.to_status', 'in', REVOKED)
            .orderBy('h.at', 'desc')
            .limit(1)
            .as('revoked_by'),
        )
        .where(filter)
        .orderBy('created_at', query.order)
        .orderBy('consents.consent_id', query.order)
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
    ]);
    return {
      total: Number(total.n),
      rows: rows.map(({ revoked_by, ...row }) => ({
        consent: toConsent(row),
        revokedBy: revoked_by ?? null,
      })),
    };
  }

  private statusMatch(eb: Eb, condition: StoredStatusCondition, now: number) {
    const parts = [eb('status', 'in', [...condition.statuses])];
    if (condition.expiry === 'live')
      parts.push(eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', now)]));
    if (condition.expiry === 'lapsed') parts.push(eb('expires_at', '<=', now));
    if (condition.revokedBy !== undefined)
      parts.push(
        eb.exists(
          eb
            .selectFrom('consent_status_history as h')
            .select('h.history_id')
            .whereRef('h.consent_id', '=', 'consents.consent_id')
            .where('h.to_status', 'in', REVOKED)
            .where('h.actor_type', 'in', [...condition.revokedBy]),
        ),
      );
    return eb.and(parts);
  }

  /** Actor type of each revoked consent's revocation row (for a detail view). */
  async revokedBy(consentId: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('consent_status_history')
      .select('actor_type')
      .where('consent_id', '=', consentId)
      .where('to_status', 'in', REVOKED)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.actor_type ?? null;
  }
}
