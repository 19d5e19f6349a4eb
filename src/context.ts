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

/** Everything from the opened database and the config (storage with its consent read cache included). */
export function createContext(
  parts: Omit<AppContext, 'storage' | 'caches' | 'usage' | 'integrations'> & {
    database: Database;
    integrations?: Partial<Integrations>;
  },
): AppContext {
  const { database, integrations, ...rest } = parts;
  const storage = createStorage(database, rest.ids, { consentCacheSize: rest.config.consentCacheSize });
  const ttl = rest.config.credentialCacheSeconds * 1000;
  return {
    ...rest,
    storage,
    caches: { operators: new CredentialCache(ttl), clients: new CredentialCache(ttl) },
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
