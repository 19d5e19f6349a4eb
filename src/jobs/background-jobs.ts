import type { AppContext } from '../context.js';
import { expireConsents } from '../services/consents/expire-consents.js';
import { purgeExpiredTokens } from '../services/credentials/purge-expired-tokens.js';
import { purgeStaleLoginSources } from '../services/credentials/purge-stale-login-sources.js';
import { purgeExpiredIdempotencyKeys } from '../services/consents/purge-idempotency-keys.js';
import { flushConsentUsage } from '../services/consents/flush-consent-usage.js';
import { startJobLoop, type JobLoop } from './job-loop.js';

export interface BackgroundJobs {
  /** Lets the runs in flight finish (and flushes usage). */
  stop(): Promise<void>;
  /** Holds every job back until resume() (see JobLoop.pause). */
  pause(): Promise<void>;
  resume(): void;
}

/** Every periodic job of the process. */
export function startBackgroundJobs(ctx: AppContext): BackgroundJobs {
  const loops: JobLoop[] = [
    startJobLoop(
      'expire-consents',
      ctx.config.expiryJobIntervalSeconds * 1000,
      () => expireConsents(ctx),
      ctx.logger,
    ),
    startJobLoop(
      'flush-consent-usage',
      ctx.config.usageFlushIntervalSeconds * 1000,
      () => flushConsentUsage(ctx),
      ctx.logger,
    ),
    startJobLoop('purge-idempotency-keys', 3_600_000, () => purgeExpiredIdempotencyKeys(ctx), ctx.logger),
    startJobLoop('purge-expired-tokens', 3_600_000, () => purgeExpiredTokens(ctx), ctx.logger),
    startJobLoop('purge-login-sources', 3_600_000, () => purgeStaleLoginSources(ctx), ctx.logger),
  ];
  return {
    async stop() {
      await Promise.all(loops.map((loop) => loop.stop()));
    },
    async pause() {
      await Promise.all(loops.map((loop) => loop.pause()));
    },
    resume() {
      for (const loop of loops) loop.resume();
    },
  };
}
