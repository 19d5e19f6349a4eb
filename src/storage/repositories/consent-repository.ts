import { sql, type Insertable, type Kysely, type Selectable } from 'kysely';
import type {
  Actor,
  Authorisation,
  Consent,
  ConsentDetail,
  ConsentKind,
  ConsentStatus,
  StatusChange,
} from '../../domain/consent.js';
import type { Ids } from '../../ids.js';
import type { Dialect } from '../database.js';
import { INACTIVE_AUTHORISATION_STATUSES } from '../../domain/consent-lifecycle.js';
import type { ConsentReadCache } from '../consent-read-cache.js';
import { precompile, type Precompiled } from '../precompiled.js';
import { fromDbBool, toDbBool, toJson } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type {
  AuthorisationsTable,
  ConsentAccountMappingsTable,
  ConsentStatusHistoryTable,
  ConsentsTable,
  OutboxTable,
} from '../tables/foundation-tables.js';

/** A consents row as the domain's Consent (shared by every repository that reads consents). */
export function toConsent(row: Selectable<ConsentsTable>): Consent {
  return {
    consentId: row.consent_id,
    kind: row.kind as ConsentKind,
    consentType: row.consent_type,
    apiFamily: row.api_family as Consent['apiFamily'],
    clientId: row.client_id,
    status: row.status as ConsentStatus,
    receipt: row.receipt,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    statusUpdatedAt: row.status_updated_at,
    validFrom: row.valid_from,
    expiresAt: row.expires_at,
    recurringIndicator: fromDbBool(row.recurring_indicator),
    frequency: row.frequency,
    userId: row.user_id,
    lastUsageAt: row.last_usage_at,
  };
}

const BULK_ROWS = 500;
const USAGE_ROWS_PER_STATEMENT = 500;

function toConsentRow(consent: Consent): Insertable<ConsentsTable> {
  return {
    consent_id: consent.consentId,
    kind: consent.kind,
    consent_type: consent.consentType,
    api_family: consent.apiFamily,
    client_id: consent.clientId,
    status: consent.status,
    receipt: consent.receipt,
    created_at: consent.createdAt,
    updated_at: consent.updatedAt,
    status_updated_at: consent.statusUpdatedAt,
    valid_from: consent.validFrom,
    expires_at: consent.expiresAt,
    recurring_indicator: toDbBool(consent.recurringIndicator),
    frequency: consent.frequency,
    user_id: consent.userId,
    consent_request_id: null,
    last_usage_at: consent.lastUsageAt,
  };
}

function toAuthorisationRow(auth: Authorisation, at: number): Insertable<AuthorisationsTable> {
  return {
    authorisation_id: auth.authorisationId,
    consent_id: auth.consentId,
    user_id: auth.userId,
    authorisation_type: auth.type,
    status: auth.status,
    created_at: at,
    updated_at: at,
  };
}

function toMappingRows(auth: Authorisation): Insertable<ConsentAccountMappingsTable>[] {
  return auth.mappings.map((m) => ({
    mapping_id: m.mappingId,
    authorisation_id: auth.authorisationId,
    account_id: m.accountId,
    permission: m.permission,
    mapping_status: m.mappingStatus,
  }));
}

/** The validation rows of one consent as what the cache keeps (frozen: it is shared), or undefined. */
function toValidationEntry(rows: readonly ValidationRow[]): ValidationEntry | undefined {
  const row = rows[0];
  if (!row) return undefined;
  return Object.freeze({
    consent: Object.freeze({
      consentId: row.consent_id,
      clientId: row.client_id,
      status: row.status as ConsentStatus,
      expiresAt: row.expires_at,
      consentType: row.consent_type,
      kind: row.kind as ConsentKind,
      userId: row.user_id,
      lastUsageAt: row.last_usage_at,
    }),
    grants: Object.freeze(
      rows.map((r) =>
        Object.freeze({ userId: r.authorisation_user_id, accountId: r.account_id, permission: r.permission }),
      ),
    ),
  });
}

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

export interface StatusHistoryRow extends StatusChange {
  historyId: string;
}

/** What the hot-path validation needs, in one round trip. */
export interface ValidationView {
  consent: Pick<
    Consent,
    'consentId' | 'clientId' | 'status' | 'expiresAt' | 'consentType' | 'kind' | 'userId' | 'lastUsageAt'
  >;
  userAuthorised: boolean;
  accountMapped: boolean;
  permissionGranted: boolean;
}

/** What the validation cache keeps per consent: the consent and what its active authorisations grant. */
interface ValidationEntry {
  consent: ValidationView['consent'];
  /** One per active authorisation × active mapping (account and permission null when it maps none). */
  grants: readonly { userId: string | null; accountId: string | null; permission: string | null }[];
}

/** The consent joined with its active authorisations and their active account mappings. */
interface ValidationRow {
  consent_id: string;
  client_id: string;
  status: string;
  expires_at: number | null;
  consent_type: string;
  kind: string;
  user_id: string | null;
  last_usage_at: number | null;
  authorisation_user_id: string | null;
  account_id: string | null;
  permission: string | null;
}

type ValidationQuery = Precompiled<{ consentId: string }, ValidationRow>;

export class ConsentRepository {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly dialect: Dialect,
    private readonly ids: Ids,
    /** Shared by every repository of one storage; invalidated by every write below. */
    private readonly cache?: ConsentReadCache,
  ) {}

  /** The cache for reads: never inside a transaction, which must see its own writes and locks. */
  private get readCache(): ConsentReadCache | undefined {
    return this.db.isTransaction ? undefined : this.cache;
  }

  // Writes invalidate what the read cache holds per consent (the consent row, its active authorisations and
  // mappings) after their statement. A new consent and its attributes are never cached: nothing to drop.

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

  // Hot-path statements, compiled on first use (DESIGN.md §8).
  private byIdQuery?: Precompiled<{ consentId: string }, Selectable<ConsentsTable>>;
  private validationQuery?: ValidationQuery;

  async findById(consentId: string): Promise<Consent | undefined> {
    const cache = this.readCache;
    const cached = cache?.get<Consent>('consent', consentId);
    if (cached) return cached;
    const ticket = cache?.ticket();
    this.byIdQuery ??= precompile(this.db, (param) =>
      this.db.selectFrom('consents').selectAll().where('consent_id', '=', param('consentId')),
    );
    const [row] = await this.byIdQuery.execute({ consentId });
    if (!row) return undefined;
    const consent = Object.freeze(toConsent(row));
    cache?.set('consent', consentId, consent, ticket!);
    return consent;
  }

  /** Loads a consent for change; on PostgreSQL the row stays locked until the transaction ends. */
  async findForUpdate(consentId: string): Promise<Consent | undefined> {
    let query = this.db.selectFrom('consents').selectAll().where('consent_id', '=', consentId);
    if (this.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    return row && toConsent(row);
  }

  async findDetail(consentId: string): Promise<ConsentDetail | undefined> {
    const consent = await this.findById(consentId);
    if (!consent) return undefined;
    const [attributes, authorisations] = await Promise.all([
      this.db
        .selectFrom('consent_attributes')
        .select(['attr_key', 'attr_value'])
        .where('consent_id', '=', consentId)
        .orderBy('attr_key')
        .execute(),
      this.findAuthorisations(consentId),
    ]);
    return {
      consent,
      attributes: Object.fromEntries(attributes.map((a) => [a.attr_key, a.attr_value])),
      authorisations,
    };
  }

  async findAuthorisations(consentId: string): Promise<Authorisation[]> {
    const rows = await this.db
      .selectFrom('authorisations as a')
      .leftJoin('consent_account_mappings as m', 'm.authorisation_id', 'a.authorisation_id')
      .select([
        'a.authorisation_id',
        'a.consent_id',
        'a.user_id',
        'a.authorisation_type',
        'a.status',
        'a.created_at',
        'a.updated_at',
        'm.mapping_id',
        'm.account_id',
        'm.permission',
        'm.mapping_status',
      ])
      .where('a.consent_id', '=', consentId)
      .orderBy('a.created_at')
      .orderBy('a.authorisation_id')
      .orderBy('m.account_id')
      .orderBy('m.mapping_id')
      .execute();
    const byId = new Map<string, Authorisation>();
    for (const row of rows) {
      let auth = byId.get(row.authorisation_id);
      if (!auth) {
        auth = {
          authorisationId: row.authorisation_id,
          consentId: row.consent_id,
          userId: row.user_id,
          type: row.authorisation_type,
          status: row.status,
          updatedAt: row.updated_at,
          mappings: [],
        };
        byId.set(row.authorisation_id, auth);
      }
      if (row.mapping_id !== null) {
        auth.mappings.push({
          mappingId: row.mapping_id,
          accountId: row.account_id ?? '',
          permission: row.permission ?? '',
          mappingStatus: row.mapping_status ?? '',
        });
      }
    }
    return [...byId.values()];
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

  async history(consentId: string): Promise<StatusHistoryRow[]> {
    const rows = await this.db
      .selectFrom('consent_status_history')
      .selectAll()
      .where('consent_id', '=', consentId)
      .orderBy('at')
      .orderBy('history_id')
      .execute();
    return rows.map((r) => ({
      historyId: r.history_id,
      consentId: r.consent_id,
      fromStatus: r.from_status as ConsentStatus | null,
      toStatus: r.to_status as ConsentStatus,
      reason: r.reason,
      actor: { type: r.actor_type as Actor['type'], id: r.actor_id },
      at: r.at,
    }));
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
   * The hot path: the consent plus three existence checks, from a single statement answered by indexes.
   */
  async findValidationView(
    consentId: string,
    query: { userId?: string; accountId?: string; permission?: string },
  ): Promise<ValidationView | undefined> {
    const cache = this.readCache;
    let entry = cache?.get<ValidationEntry>('validation', consentId);
    if (!entry) {
      const ticket = cache?.ticket();
      this.validationQuery ??= this.compileValidationQuery();
      entry = toValidationEntry(await this.validationQuery.execute({ consentId }));
      if (!entry) return undefined;
      cache?.set('validation', consentId, entry, ticket!);
    }
    // Each check narrows the one before: the account must be mapped under the user's own active
    // authorisation, the permission granted on that account, never on someone else's. The grants hold
    // only active authorisations and active mappings (join conditions). A plain loop: this runs on every
    // gateway call.
    const { userId, accountId, permission } = query;
    let userAuthorised = false;
    let accountMapped = false;
    let permissionGranted = false;
    for (const grant of entry.grants) {
      if (grant.userId === (userId ?? '')) userAuthorised = true;
      if (userId !== undefined && grant.userId !== userId) continue;
      if (grant.accountId === (accountId ?? '')) accountMapped = true;
      if (
        (accountId === undefined || grant.accountId === accountId) &&
        grant.permission === (permission ?? '')
      )
        permissionGranted = true;
    }
    return { consent: entry.consent, userAuthorised, accountMapped, permissionGranted };
  }

  /** One statement, one index probe per table: cheaper than three correlated EXISTS subqueries. */
  private compileValidationQuery(): ValidationQuery {
    return precompile(this.db, (param) =>
      this.db
        .selectFrom('consents as c')
        .leftJoin('authorisations as a', (join) =>
          join
            .onRef('a.consent_id', '=', 'c.consent_id')
            .on('a.status', 'not in', INACTIVE_AUTHORISATION_STATUSES),
        )
        .leftJoin('consent_account_mappings as m', (join) =>
          join.onRef('m.authorisation_id', '=', 'a.authorisation_id').on('m.mapping_status', '=', 'active'),
        )
        .select([
          'c.consent_id',
          'c.client_id',
          'c.status',
          'c.expires_at',
          'c.consent_type',
          'c.kind',
          'c.user_id',
          'c.last_usage_at',
          'a.user_id as authorisation_user_id',
          'm.account_id',
          'm.permission',
        ])
        .where('c.consent_id', '=', param('consentId')),
    );
  }

  /**
   * Up to `limit` ids of consents of these kinds that are in `fromStatus` and past their expiry (the expiry
   * job then stores each expiry through the transition step). Answered by the status/expiry index.
   */
  async dueForExpiry(
    kinds: readonly ConsentKind[],
    fromStatus: ConsentStatus,
    now: number,
    limit: number,
  ): Promise<string[]> {
    if (kinds.length === 0) return [];
    const rows = await this.db
      .selectFrom('consents')
      .select('consent_id')
      .where('status', '=', fromStatus)
      .where('expires_at', '<=', now)
      .where('kind', 'in', kinds)
      .limit(limit)
      .execute();
    return rows.map((r) => r.consent_id);
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
        this.cache?.patch<ValidationEntry>('validation', consentId, (e) =>
          older(e.consent.lastUsageAt)
            ? Object.freeze({ ...e, consent: Object.freeze({ ...e.consent, lastUsageAt: at }) })
            : e,
        );
      }
    }
  }

  async countByTypeAndStatus(): Promise<{ consentType: string; status: string; count: number }[]> {
    const rows = await this.db
      .selectFrom('consents')
      .select((eb) => ['consent_type', 'status', eb.fn.countAll<number>().as('n')])
      .groupBy(['consent_type', 'status'])
      .execute();
    return rows.map((r) => ({ consentType: r.consent_type, status: r.status, count: Number(r.n) }));
  }
}
