// The consent reads: the validation reader (the hot path: in-process read cache and precompiled
// statements) and the detail reads behind the manage API's views. It never writes and never invalidates:
// ConsentWriter does both.
import type { Kysely, Selectable } from 'kysely';
import type {
  Actor,
  Authorisation,
  Consent,
  ConsentDetail,
  ConsentStatus,
  StatusChange,
} from '../../domain/consent.js';
import type { Grant } from '../../domain/consent-grant.js';
import { INACTIVE_AUTHORISATION_STATUSES } from '../../domain/consent-lifecycle.js';
import type { ConsentKind } from '../../domain/consent.js';
import type { ConsentReadCache } from '../consent-read-cache.js';
import { precompile, type Precompiled } from '../precompiled.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { ConsentsTable } from '../tables/foundation-tables.js';
import { toConsent } from './consent-rows.js';

export interface StatusHistoryRow extends StatusChange {
  historyId: string;
}

/** What the hot-path validation needs, in one round trip (frozen when cached: it is shared). */
export interface ValidationView {
  consent: Pick<
    Consent,
    'consentId' | 'clientId' | 'status' | 'expiresAt' | 'consentType' | 'kind' | 'userId' | 'lastUsageAt'
  >;
  /** One per active authorisation x active mapping (account and permission null when it maps none). */
  grants: readonly Grant[];
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

/** The validation rows of one consent as what the cache keeps (frozen: it is shared), or undefined. */
function toValidationEntry(rows: readonly ValidationRow[]): ValidationView | undefined {
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

export class ConsentReader {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    /** Shared with the writer of the same storage, which invalidates it. */
    private readonly cache?: ConsentReadCache,
  ) {}

  /** The cache for reads: never inside a transaction, which must see its own writes and locks. */
  private get readCache(): ConsentReadCache | undefined {
    return this.db.isTransaction ? undefined : this.cache;
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

  /**
   * The hot path: the consent and what its active authorisations grant (domain/consent-grant.ts decides
   * what that covers), from one statement answered by indexes, cached.
   */
  async findValidationView(consentId: string): Promise<ValidationView | undefined> {
    const cache = this.readCache;
    let entry = cache?.get<ValidationView>('validation', consentId);
    if (!entry) {
      const ticket = cache?.ticket();
      this.validationQuery ??= this.compileValidationQuery();
      entry = toValidationEntry(await this.validationQuery.execute({ consentId }));
      if (!entry) return undefined;
      cache?.set('validation', consentId, entry, ticket!);
    }
    return entry;
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
}
