import type { ExpressionBuilder, Kysely } from 'kysely';
import type { Consent, ConsentKind } from '../../domain/consent.js';
import type { FundsConfirmation } from '../../domain/funds-confirmation.js';
import { fromDbBool, toDbBool } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import { toConsent } from './consent-repository.js';

/**
 * One status a search asks for, as stored rows must look: `live` rows have not passed their expiry,
 * `lapsed` rows have (lazy expiry: they read as Expired), `any` ignores expiry.
 */
export interface StatusCondition {
  status: string;
  expiry: 'any' | 'live' | 'lapsed';
}

export interface FundsConsentQuery {
  kind: ConsentKind;
  clientId: string;
  userIds?: string[];
  /** OR-ed; absent = every status. */
  statuses?: StatusCondition[];
  /** created_at range, inclusive, epoch ms. */
  from?: number;
  to?: number;
  now: number;
  limit: number;
  offset: number;
}

/** A consent of a search page with its PSU binding. */
export interface FundsConsentRow {
  consent: Consent;
  accountIds: string[];
  attributes: Record<string, string>;
}

export class FundsConfirmationRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(confirmation: FundsConfirmation): Promise<void> {
    await this.db
      .insertInto('funds_confirmations')
      .values({
        funds_confirmation_id: confirmation.fundsConfirmationId,
        consent_id: confirmation.consentId,
        client_id: confirmation.clientId,
        account_id: confirmation.accountId,
        reference: confirmation.reference,
        amount: confirmation.amount,
        currency: confirmation.currency,
        funds_available: toDbBool(confirmation.fundsAvailable),
        created_at: confirmation.createdAt,
      })
      .execute();
  }

  async listForConsent(consentId: string): Promise<FundsConfirmation[]> {
    const rows = await this.db
      .selectFrom('funds_confirmations')
      .selectAll()
      .where('consent_id', '=', consentId)
      .orderBy('created_at')
      .orderBy('funds_confirmation_id')
      .execute();
    return rows.map((r) => ({
      fundsConfirmationId: r.funds_confirmation_id,
      consentId: r.consent_id,
      clientId: r.client_id,
      accountId: r.account_id,
      reference: r.reference,
      amount: r.amount,
      currency: r.currency,
      fundsAvailable: fromDbBool(r.funds_available),
      createdAt: r.created_at,
    }));
  }

  /**
   * One page of a client's consents of one kind, newest first, and the total number of matches.
   * Every filter is an indexed equality or range on consents (see migration 0003).
   */
  async searchConsents(query: FundsConsentQuery): Promise<{ count: number; rows: FundsConsentRow[] }> {
    const filter = (eb: ExpressionBuilder<DatabaseSchema, 'consents'>) => {
      const conditions = [eb('client_id', '=', query.clientId), eb('kind', '=', query.kind)];
      if (query.userIds !== undefined) conditions.push(eb('user_id', 'in', query.userIds));
      if (query.from !== undefined) conditions.push(eb('created_at', '>=', query.from));
      if (query.to !== undefined) conditions.push(eb('created_at', '<=', query.to));
      if (query.statuses !== undefined) {
        conditions.push(
          eb.or(
            query.statuses.map((s) => {
              const status = eb('status', '=', s.status);
              if (s.expiry === 'live')
                return eb.and([
                  status,
                  eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', query.now)]),
                ]);
              if (s.expiry === 'lapsed') return eb.and([status, eb('expires_at', '<=', query.now)]);
              return status;
            }),
          ),
        );
      }
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
        .selectAll()
        .where(filter)
        .orderBy('created_at', 'desc')
        .orderBy('consent_id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
    ]);
    const consentIds = rows.map((r) => r.consent_id);
    const bindings = await this.bindingsOf(consentIds);
    return {
      count: Number(total.n),
      rows: rows.map((row) => ({
        consent: toConsent(row),
        accountIds: bindings.accounts.get(row.consent_id) ?? [],
        attributes: bindings.attributes.get(row.consent_id) ?? {},
      })),
    };
  }

  /** Mapped accounts and attributes of a page of consents: two indexed queries, not one per consent. */
  private async bindingsOf(consentIds: string[]) {
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
