// Per-caller rate limits with @fastify/rate-limit and a token bucket: `perSecond` requests a second on
// average, up to `burst` at once. Buckets live in memory, or in Redis (REDIS_URL) so that every instance
// draws on one budget. Each key has its own bucket: one client over its limit never slows another.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { Redis } from 'ioredis';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';

export interface BucketResult {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** Allowed: ms until the bucket is full again; refused: ms until the next token. */
  waitMs: number;
}

export interface TokenBuckets {
  take(key: string, now: number): Promise<BucketResult>;
  close(): Promise<void>;
}

interface BucketSettings {
  perSecond: number;
  burst: number;
}

function outcome(tokens: number, allowed: boolean, s: BucketSettings): BucketResult {
  const perMs = s.perSecond / 1000;
  return {
    allowed,
    remaining: Math.floor(tokens),
    waitMs: Math.ceil(allowed ? (s.burst - tokens) / perMs : (1 - tokens) / perMs),
  };
}

const MAX_LOCAL_KEYS = 100_000;

export class MemoryBuckets implements TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly settings: BucketSettings) {}

  async take(key: string, now: number): Promise<BucketResult> {
    const { perSecond, burst } = this.settings;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    const tokens = Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) * perSecond) / 1000);
    const allowed = tokens >= 1;
    const left = allowed ? tokens - 1 : tokens;
    // A full bucket is the same as no bucket: forget idle callers rather than grow without bound.
    if (this.buckets.size >= MAX_LOCAL_KEYS) this.buckets.clear();
    this.buckets.set(key, { tokens: left, at: Math.max(now, bucket.at) });
    return outcome(left, allowed, this.settings);
  }

  async close(): Promise<void> {}
}

// One atomic step of the bucket in Redis; the hash expires once it would be full again anyway.
const TAKE_SCRIPT = `
local per_ms = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local state = redis.call('HMGET', KEYS[1], 't', 'a')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then tokens = burst; at = now end
if now > at then tokens = math.min(burst, tokens + (now - at) * per_ms); at = now end
local allowed = 0
if tokens >= 1 then tokens = tokens - 1; allowed = 1 end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'a', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil((burst - tokens) / per_ms) + 1000)
return {allowed, tostring(tokens)}
`;

const REDIS_KEY_PREFIX = 'consenthub:rate:';

class RedisBuckets implements TokenBuckets {
  private readonly redis: Redis;
  private connecting: Promise<void> | undefined;

  constructor(
    url: string,
    private readonly settings: BucketSettings,
  ) {
    // Fail fast instead of queueing while Redis is away: the limiter then lets requests through.
    this.redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, enableOfflineQueue: false });
    this.redis.defineCommand('takeToken', { numberOfKeys: 1, lua: TAKE_SCRIPT });
    // ioredis reconnects by itself; each failed call is reported by the limiter, not here.
    this.redis.on('error', () => undefined);
  }

  async take(key: string, now: number): Promise<BucketResult> {
    if (this.redis.status === 'wait') this.connecting ??= this.redis.connect().catch(() => undefined);
    await this.connecting;
    const runner = this.redis as unknown as {
      takeToken(key: string, perMs: number, burst: number, now: number): Promise<[number, string]>;
    };
    const [allowed, tokens] = await runner.takeToken(
      REDIS_KEY_PREFIX + key,
      this.settings.perSecond / 1000,
      this.settings.burst,
      now,
    );
    return outcome(Number(tokens), allowed === 1, this.settings);
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

function createTokenBuckets(ctx: AppContext): TokenBuckets {
  const settings = { perSecond: ctx.config.rateLimitPerSecond, burst: ctx.config.rateLimitBurst };
  return ctx.config.redisUrl ? new RedisBuckets(ctx.config.redisUrl, settings) : new MemoryBuckets(settings);
}

/**
 * Rate-limits every route registered after this call in `app`'s scope, keyed by `keyOf(request)`. Runs as
 * a route onRequest hook, so after the scope's own onRequest hooks (authentication names the client).
 */
export async function installRateLimit(
  app: FastifyInstance,
  ctx: AppContext,
  keyOf: (request: FastifyRequest) => string,
): Promise<void> {
  const buckets = createTokenBuckets(ctx);
  const burst = ctx.config.rateLimitBurst;
  let warned = false;
  // @fastify/rate-limit's store contract: incr() answers how many requests the window has seen.
  class TokenBucketStore {
    incr(key: string, callback: (error: Error | null, result?: { current: number; ttl: number }) => void) {
      buckets.take(key, ctx.clock.now()).then(
        (r) => callback(null, { current: r.allowed ? burst - r.remaining : burst + 1, ttl: r.waitMs }),
        (error: Error) => {
          if (!warned) ctx.logger.warn({ err: error }, 'rate limit store unavailable; not limiting');
          warned = true;
          callback(error);
        },
      );
    }
    child() {
      return this;
    }
  }
  await app.register(rateLimit, {
    global: true,
    hook: 'onRequest',
    max: burst,
    timeWindow: 1000,
    store: TokenBucketStore as never,
    keyGenerator: keyOf,
    // Availability first: when the shared store is down, serve rather than refuse everyone.
    skipOnError: true,
    errorResponseBuilder: (_request, context) =>
      new DomainError('request.rate_limited', `Rate limit exceeded, retry in ${context.after}`),
  });
  app.addHook('onClose', async () => buckets.close());
}
