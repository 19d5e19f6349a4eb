// The storage facade services use: repositories, and a way to run several of them in one transaction.
import type { Kysely } from 'kysely';
import type { Ids } from '../ids.js';
import type { Database, Dialect } from './database.js';
import { ConsentReadCache, type ConsentReadCacheStats } from './consent-read-cache.js';
import { AuditRepository } from './repositories/audit-repository.js';
import { BankAccountRepository } from './repositories/bank-account-repository.js';
import { ClientRepository } from './repositories/client-repository.js';
import { ConsentFileRepository } from './repositories/consent-file-repository.js';
import { ConsentMaintenance } from './repositories/consent-maintenance.js';
import { ConsentReader } from './repositories/consent-reader.js';
import { ConsentSearch } from './repositories/consent-search.js';
import { ConsentWriter } from './repositories/consent-writer.js';
import { CustomerDeviceRepository } from './repositories/customer-device-repository.js';
import { ConsentJwtKeyRepository } from './repositories/consent-jwt-key-repository.js';
import { CustomerRepository } from './repositories/customer-repository.js';
import { DevOutboxRepository } from './repositories/dev-outbox-repository.js';
import { DirectLoginTokenRepository } from './repositories/direct-login-token-repository.js';
import { EntitlementRepository } from './repositories/entitlement-repository.js';
import { FundsConfirmationRepository } from './repositories/funds-confirmation-repository.js';
import { IdempotencyRepository } from './repositories/idempotency-repository.js';
import { IssuingPartnerRepository } from './repositories/issuing-partner-repository.js';
import { ObpConsentRepository } from './repositories/obp-consent-repository.js';
import { ObpConsentRequestRepository } from './repositories/obp-consent-request-repository.js';
import { ObpScaChallengeRepository } from './repositories/obp-sca-challenge-repository.js';
import { OauthTokenRepository } from './repositories/oauth-token-repository.js';
import { OperatorRepository } from './repositories/operator-repository.js';
import { PortalSessionRepository } from './repositories/portal-session-repository.js';
import { LoginSourceRepository } from './repositories/login-source-repository.js';
import type { DatabaseSchema } from './tables/database-schema.js';

export interface Repositories {
  operators: OperatorRepository;
  clients: ClientRepository;
  /** Consent reads: the cached validation reader and the detail views. */
  consents: ConsentReader;
  /** The only writer of consents and their rows (and the only invalidator of the read cache). */
  consentWriter: ConsentWriter;
  /** The one consent search (filters, paging, total, allow-listed sort). */
  consentSearch: ConsentSearch;
  /** Expiry-job and statistics statements. */
  consentMaintenance: ConsentMaintenance;
  consentFiles: ConsentFileRepository;
  idempotency: IdempotencyRepository;
  audit: AuditRepository;
  customers: CustomerRepository;
  customerDevices: CustomerDeviceRepository;
  issuingPartners: IssuingPartnerRepository;
  oauthTokens: OauthTokenRepository;
  bankAccounts: BankAccountRepository;
  fundsConfirmations: FundsConfirmationRepository;
  directLoginTokens: DirectLoginTokenRepository;
  entitlements: EntitlementRepository;
  consentJwtKeys: ConsentJwtKeyRepository;
  devOutbox: DevOutboxRepository;
  portalSessions: PortalSessionRepository;
  /** OBP consents: their JWT, views, entitlements, creator (the consent row is consentWriter's). */
  obpConsents: ObpConsentRepository;
  obpScaChallenges: ObpScaChallengeRepository;
  obpConsentRequests: ObpConsentRequestRepository;
  loginSources: LoginSourceRepository;
}

export interface Storage {
  readonly dialect: Dialect;
  readonly repos: Repositories;
  /** One use case = one transaction: everything `work` writes commits or rolls back together. */
  transaction<T>(work: (repos: Repositories) => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
  /** The consent read cache's counters, or undefined when it is off. */
  consentCacheStats(): ConsentReadCacheStats | undefined;
}

export interface StorageOptions {
  /**
   * Entries per kind in the consent read cache (0 = off). It is used only on SQLite, where commits by other
   * connections can be seen; on PostgreSQL it is always off.
   */
  consentCacheSize?: number;
  /** The read cache's byte budget (default 256 MiB). */
  consentCacheMaxBytes?: number;
}

function repositories(
  db: Kysely<DatabaseSchema>,
  dialect: Dialect,
  ids: Ids,
  cache: ConsentReadCache | undefined,
): Repositories {
  return {
    operators: new OperatorRepository(db),
    clients: new ClientRepository(db),
    consents: new ConsentReader(db, cache),
    consentWriter: new ConsentWriter(db, dialect, ids, cache),
    consentSearch: new ConsentSearch(db),
    consentMaintenance: new ConsentMaintenance(db),
    consentFiles: new ConsentFileRepository(db),
    idempotency: new IdempotencyRepository(db),
    audit: new AuditRepository(db, ids),
    customers: new CustomerRepository(db),
    customerDevices: new CustomerDeviceRepository(db),
    issuingPartners: new IssuingPartnerRepository(db),
    oauthTokens: new OauthTokenRepository(db),
    bankAccounts: new BankAccountRepository(db),
    fundsConfirmations: new FundsConfirmationRepository(db),
    directLoginTokens: new DirectLoginTokenRepository(db),
    entitlements: new EntitlementRepository(db),
    consentJwtKeys: new ConsentJwtKeyRepository(db),
    devOutbox: new DevOutboxRepository(db),
    portalSessions: new PortalSessionRepository(db),
    obpConsents: new ObpConsentRepository(db),
    obpScaChallenges: new ObpScaChallengeRepository(db),
    obpConsentRequests: new ObpConsentRequestRepository(db),
    loginSources: new LoginSourceRepository(db),
  };
}

/**
 * One consent read cache per database connection: its own writes do not move SQLite's data version, so two
 * caches on one connection would not see each other's writes.
 */
const caches = new WeakMap<Database, ConsentReadCache>();

function consentCacheFor(database: Database, size: number, maxBytes?: number): ConsentReadCache | undefined {
  if (size <= 0 || !database.dataVersion) return undefined;
  let cache = caches.get(database);
  if (!cache) {
    cache = new ConsentReadCache(size, database.dataVersion, 1, maxBytes);
    caches.set(database, cache);
  }
  return cache;
}

export function createStorage(database: Database, ids: Ids, options: StorageOptions = {}): Storage {
  const cache = consentCacheFor(database, options.consentCacheSize ?? 0, options.consentCacheMaxBytes);
  return {
    dialect: database.dialect,
    repos: repositories(database.db, database.dialect, ids, cache),
    transaction: (work) =>
      database.db.transaction().execute((trx) => work(repositories(trx, database.dialect, ids, cache))),
    ping: () => database.ping(),
    close: () => database.close(),
    consentCacheStats: () => cache?.stats(),
  };
}

/** True when an insert failed on a unique or primary key, on either dialect. */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE'
  );
}
