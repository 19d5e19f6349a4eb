// The only writer of consents, their attributes, authorisations, account mappings, status history and
// outbox events, and so the only place that invalidates the consent read cache (a test fails if another
// file under src/ writes those tables). Writes invalidate what the cache holds per consent (the consent
// row, its active authorisations and mappings) after their statement; a new consent and its attributes
// are never cached: nothing to drop.
import { sql, type Insertable, type Kysely } from 'kysely';
import type { Authorisation, Consent, StatusChange } from '../../domain/consent.js';
import type { Ids } from '../../ids.js';
import { toDbBool, toJson } from '../codecs.js';
import type { ConsentReadCache } from '../consent-read-cache.js';
import type { Dialect } from '../database.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { ConsentStatusHistoryTable, OutboxTable } from '../tables/foundation-tables.js';
import type { ValidationView } from './consent-reader.js';
import { toAuthorisationRow, toConsent, toConsentRow, toMappingRows } from './consent-rows.js';

const BULK_ROWS = 500;
const USAGE_ROWS_PER_STATEMENT = 500;

/** Multi-row inserts of at most `size` rows each (far below either database's bound-parameter limit). */
async function insertChunked<T extends 'consents' | 'authorisations' | 'consent_account_mappings'>(
  db: Kysely<DatabaseSchema>,
  table: T,
  rows: readonly Insertable<DatabaseSchema[T]>[],
  size: number,
): Promise<void> {
  for (let i = 0; i < rows.length; i += size)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + size) as Insertable<DatabaseSchema[T]>[])
      .execute();
}

export interface ConsentChanges {
  receipt?: string;
  expiresAt?: number | null;
  recurringIndicator?: boolean;
  frequency?: number;
  userId?: string | null;
}

export class ConsentWriter {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly dialect: Dialect,
    private readonly ids: Ids,
    /** Shared with the reader of the same storage. */
    private readonly cache?: ConsentReadCache,
  ) {}

  async insert(consent: Consent): Promise<void> {
    await this.db.insertInto('consents').values(toConsentRow(consent)).execute();
  }

  /**
   * Bulk load (benchmark data sets, imports): consents, then their authorisations and account mappings,
   * as multi-row inserts. Writes no history or outbox rows; run it inside a transaction for speed.
   */
  async insertMany(
    consents: readonly Consent[],
    authorisations: readonly Authorisation[] = [],
  ): Promise<void> {
    await insertChunked(this.db, 'consents', consents.map(toConsentRow), BULK_ROWS);
    await insertChunked(
      this.db,
      'authorisations',
      authorisations.map((a) => toAuthorisationRow(a, a.updatedAt)),
      BULK_ROWS * 2,
    );
    await insertChunked(
      this.db,
      'consent_account_mappings',
      authorisations.flatMap(toMappingRows),
      BULK_ROWS * 2,
    );
    this.cache?.clear();
  }

  /** Loads a consent for change; on PostgreSQL the row stays locked until the transaction ends. */
  async findForUpdate(consentId: string): Promise<Consent | undefined> {
    let query = this.db.selectFrom('consents').selectAll().where('consent_id', '=', consentId);
    if (this.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && toConsent(row);
  }

  async update(consentId: string, changes: ConsentChanges, at: number): Promise<void> {
    await this.db
      .updateTable('consents')
      .set({
        ...(changes.receipt !== undefined ? { receipt: changes.receipt } : {}),
        ...(changes.expiresAt !== undefined ? { expires_at: changes.expiresAt } : {}),
        ...(changes.recurringIndicator !== undefined
          ? { recurring_indicator: toDbBool(changes.recurringIndicator) }
          : {}),
        ...(changes.frequency !== undefined ? { frequency: changes.frequency } : {}),
        ...(changes.userId !== undefined ? { user_id: changes.userId } : {}),
        updated_at: at,
      })
      .where('consent_id', '=', consentId)
      .execute();
    this.cache?.invalidate(consentId);
  }

  /** Writes a status change, its history row and its outbox event: callers run this in one transaction. */
  async changeStatus(change: StatusChange): Promise<void> {
    await this.db
      .updateTable('consents')
      .set({
        status: change.toStatus,
        status_updated_at: change.at,
        updated_at: change.recordedAt ?? change.at,
      })
      .where('consent_id', '=', change.consentId)
      .execute();
    this.cache?.invalidate(change.consentId);
    await this.appendHistory(change);
    await this.db.insertInto('outbox').values(this.statusChangedEvent(change)).execute();
  }

  async appendHistory(change: StatusChange): Promise<void> {
    await this.db.insertInto('consent_status_history').values(this.historyRow(change)).execute();
  }

  private historyRow(change: StatusChange): Insertable<ConsentStatusHistoryTable> {
    return {
      history_id: this.ids.sortable(),
      consent_id: change.consentId,
      from_status: change.fromStatus,
      to_status: change.toStatus,
      reason: change.reason,
      actor_type: change.actor.type,
      actor_id: change.actor.id,
      at: change.at,
    };
  }

  private statusChangedEvent(change: StatusChange): Insertable<OutboxTable> {
    return {
      event_id: this.ids.sortable(),
      event_type: 'consent.status_changed',
      payload: toJson({
        consentId: change.consentId,
        from: change.fromStatus,
        to: change.toStatus,
        reason: change.reason,
        at: change.at,
      }),
      attempts: 0,
      next_attempt_at: change.recordedAt ?? change.at,
      delivered_at: null,
      created_at: change.recordedAt ?? change.at,
    };
  }

  async replaceAttributes(consentId: string, attributes: Record<string, string>): Promise<void> {
    await this.db.deleteFrom('consent_attributes').where('consent_id', '=', consentId).execute();
    const rows = Object.entries(attributes).map(([key, value]) => ({
      consent_id: consentId,
      attr_key: key,
      attr_value: value,
    }));
    if (rows.length > 0) await this.db.insertInto('consent_attributes').values(rows).execute();
  }

  async replaceAuthorisations(consentId: string, authorisations: Authorisation[], at: number): Promise<void> {
    // Mappings go with their authorisation (ON DELETE CASCADE).
    await this.db.deleteFrom('authorisations').where('consent_id', '=', consentId).execute();
    for (const auth of authorisations) await this.writeAuthorisation(auth, at);
    this.cache?.invalidate(consentId);
  }

  async insertAuthorisation(auth: Authorisation, at: number): Promise<void> {
    await this.writeAuthorisation(auth, at);
    this.cache?.invalidate(auth.consentId);
  }

  private async writeAuthorisation(auth: Authorisation, at: number): Promise<void> {
    await this.db.insertInto('authorisations').values(toAuthorisationRow(auth, at)).execute();
    if (auth.mappings.length > 0)
      await this.db.insertInto('consent_account_mappings').values(toMappingRows(auth)).execute();
  }

  /**
   * Records last-usage times collected in memory by the validation hot path: one statement per few hundred
   * rows (one commit each), and the event loop gets a turn between them, so a large batch does not hold up
   * the calls being served.
   */
  async recordUsage(usage: ReadonlyMap<string, number>): Promise<void> {
    const entries = [...usage];
    for (let i = 0; i < entries.length; i += USAGE_ROWS_PER_STATEMENT) {
      if (i > 0 && !this.db.isTransaction) await new Promise((resolve) => setImmediate(resolve));
      const chunk = entries.slice(i, i + USAGE_ROWS_PER_STATEMENT);
      const used = sql.join(chunk.map(([consentId, at]) => sql`(${consentId}, cast(${at} as bigint))`));
      // A time only moves forward: an older one (a slower flush, another instance) changes nothing.
      await sql`
        with used (consent_id, at) as (values ${used})
        update consents set last_usage_at = used.at
        from used
        where consents.consent_id = used.consent_id
          and (consents.last_usage_at is null or consents.last_usage_at < used.at)`.execute(this.db);
      // Only the last-usage time changed: cached reads take the newer one instead of being dropped
      // (after the write, so a read that raced it cannot store the older row: patch bumps the generation).
      for (const [consentId, at] of chunk) {
        const older = (recorded: number | null) => recorded === null || recorded < at;
        this.cache?.patch<Consent>('consent', consentId, (c) =>
          older(c.lastUsageAt) ? Object.freeze({ ...c, lastUsageAt: at }) : c,
        );
        this.cache?.patch<ValidationView>('validation', consentId, (e) =>
          older(e.consent.lastUsageAt)
            ? Object.freeze({ ...e, consent: Object.freeze({ ...e.consent, lastUsageAt: at }) })
            : e,
        );
      }
    }
  }
}
