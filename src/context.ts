// The composition root: everything a use case needs, built once per process (or per test).
import type { Logger } from 'pino';
import type { Clock } from './clock.js';
import type { Config } from './config.js';
import type { Ids } from './ids.js';
import { SampleCoreBanking, type CoreBanking } from './integrations/core-banking.js';
import { createOtpSender, type OtpSender } from './integrations/otp-sender.js';
import type { Database } from './storage/database.js';
import { createStorage, type Storage } from './storage/storage.js';
import type { ClientRecord } from './storage/repositories/client-repository.js';
import type { OperatorRecord } from './storage/repositories/operator-repository.js';
import { CredentialCache } from './services/credentials/credential-cache.js';
import { UsageRecorder } from './services/consents/usage-recorder.js';

export interface Caches {
  operators: CredentialCache<OperatorRecord>;
  clients: CredentialCache<ClientRecord>;
}

/** Outside systems: the built-in ones unless main or a test passes others. */
export interface Integrations {
  coreBanking: CoreBanking;
  /** One-time codes to PSUs (OTP_TRANSPORT). */
  otpSender: OtpSender;
}

export interface AppContext {
  config: Config;
  storage: Storage;
  clock: Clock;
  ids: Ids;
  logger: Logger;
  caches: Caches;
  usage: UsageRecorder;
  integrations: Integrations;
}

/**
 * The credential caches. On PostgreSQL other instances share the database: a clear here is published to
 * them (and theirs heard here) through the instance sync, and nothing is kept while it cannot hear them.
 */
function credentialCaches(
  database: Database,
  { config, clock, logger }: Pick<AppContext, 'config' | 'clock' | 'logger'>,
): Caches {
  const ttl = config.credentialCacheSeconds * 1000;
  const now = () => clock.now();
  // CREDENTIAL_CACHE_MAX_MB is for both caches together.
  const maxBytes = (config.credentialCacheMaxMb * 1024 * 1024) / 2;
  const sync = ttl > 0 ? database.instanceSync?.() : undefined;
  if (!sync)
    return {
      operators: new CredentialCache(ttl, { now, maxBytes }),
      clients: new CredentialCache(ttl, { now, maxBytes }),
    };
  const publish = (topic: string) => () => {
    sync
      .publish(topic)
      .catch((error: unknown) => logger.error({ err: error, topic }, 'instance sync: publish failed'));
  };
  const live = () => sync.live;
  const caches: Caches = {
    operators: new CredentialCache(ttl, { now, maxBytes, live, onClear: publish('operators') }),
    clients: new CredentialCache(ttl, { now, maxBytes, live, onClear: publish('clients') }),
  };
  sync.subscribe((topic) => {
    if (topic === 'operators' || topic === '*') caches.operators.clearLocal();
    if (topic === 'clients' || topic === '*') caches.clients.clearLocal();
  });
  return caches;
}

/** Everything from the opened database and the config (storage with its consent read cache included). */
export function createContext(
  parts: Omit<AppContext, 'storage' | 'caches' | 'usage' | 'integrations'> & {
    database: Database;
    integrations?: Partial<Integrations>;
  },
): AppContext {
  const { database, integrations, ...rest } = parts;
  const storage = createStorage(database, rest.ids, {
    consentCacheSize: rest.config.consentCacheSize,
    consentCacheMaxBytes: rest.config.consentCacheMaxMb * 1024 * 1024,
  });
  const caches = credentialCaches(database, rest);
  return {
    ...rest,
    storage,
    caches,
    usage: new UsageRecorder(),
    integrations: {
      coreBanking: integrations?.coreBanking ?? new SampleCoreBanking(storage.repos.bankAccounts),
      otpSender:
        integrations?.otpSender ??
        createOtpSender(rest.config, {
          outbox: storage.repos.devOutbox,
          ids: rest.ids,
          now: () => rest.clock.now(),
          logger: rest.logger,
        }),
    },
  };
}
