// Per-caller rate limits with @fastify/rate-limit and a token bucket: `perSecond` requests a second on
// average, up to `burst` at once. Buckets live in memory, or in Redis (REDIS_URL) so that every instance
// draws on one budget. Each key has its own bucket: one client over its limit never slows another.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
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
  /** Whether a take() now would be allowed, without taking. */
  peek(key: string, now: number): Promise<boolean>;
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

  async peek(key: string, now: number): Promise<boolean> {
    const bucket = this.buckets.get(key);
    if (!bucket) return true;
    const { perSecond, burst } = this.settings;
    return Math.min(burst, bucket.tokens + (Math.max(0, now - bucket.at) * perSecond) / 1000) >= 1;
  }

  async close(): Promise<void> {}
}

// One atomic step of the bucket in Redis; the hash expires once it would be full again anyway.
const TAKE_SCRIPT = `
local per_ms = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local now = tonumber(ARGV[3])
local dry = ARGV[4] == '1'
local state = redis.call('HMGET', KEYS[1], 't', 'a')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then tokens = burst; at = now end
if now > at then tokens = math.min(burst, tokens + (now - at) * per_ms); at = now end
local allowed = 0
if dry then
  if tokens >= 1 then allowed = 1 end
  return {allowed, tostring(tokens)}
end
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
    const [allowed, tokens] = await this.run(key, now, false);
    return outcome(Number(tokens), allowed === 1, this.settings);
  }

  async peek(key: string, now: number): Promise<boolean> {
    return (await this.run(key, now, true))[0] === 1;
  }

  private async run(key: string, now: number, dry: boolean): Promise<[number, string]> {
    if (this.redis.status === 'wait') this.connecting ??= this.redis.connect().catch(() => undefined);
    await this.connecting;
    const runner = this.redis as unknown as {
      takeToken(
        key: string,
        perMs: number,
        burst: number,
        now: number,
        dry: string,
      ): Promise<[number, string]>;
    };
    return runner.takeToken(
      REDIS_KEY_PREFIX + key,
      this.settings.perSecond / 1000,
      this.settings.burst,
      now,
      dry ? '1' : '0',
    );
  }

  async close(): Promise<void> {
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => this.redis.disconnect());
    else this.redis.disconnect();
  }
}

function createTokenBuckets(
  ctx: AppContext,
  settings: BucketSettings = { perSecond: ctx.config.rateLimitPerSecond, burst: ctx.config.rateLimitBurst },
): TokenBuckets {
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

/** A 429 in the API's own format (its error handler), with Retry-After in whole seconds. */
function refuse(reply: FastifyReply, waitMs: number): DomainError {
  const seconds = Math.max(1, Math.ceil(waitMs / 1000));
  reply.header('retry-after', String(seconds));
  return new DomainError('request.rate_limited', `Rate limit exceeded, retry in ${seconds} s`);
}

/**
 * Buckets a route handler draws on itself (the token endpoint: per client once authenticated, failed
 * authentications per source). A shared store that is down lets requests through, as installRateLimit does.
 */
export function createLimiter(ctx: AppContext, name: string, settings: BucketSettings, app: FastifyInstance) {
  const buckets = createTokenBuckets(ctx, settings);
  app.addHook('onClose', async () => buckets.close());
  const warn = (error: unknown) => {
    ctx.logger.warn({ err: error, limiter: name }, 'rate limit store unavailable; not limiting');
    return undefined;
  };
  return {
    /** Takes one request from `key`'s budget; throws the API's 429 when it is spent. */
    async take(key: string, reply: FastifyReply): Promise<void> {
      const result = await buckets.take(`${name}:${key}`, ctx.clock.now()).catch(warn);
      if (result && !result.allowed) throw refuse(reply, result.waitMs);
    },
    /** Throws the API's 429 when `key`'s budget is spent, without drawing on it. */
    async check(key: string, reply: FastifyReply): Promise<void> {
      const allowed = await buckets.peek(`${name}:${key}`, ctx.clock.now()).catch(warn);
      if (allowed === false) throw refuse(reply, 1000 / settings.perSecond);
    },
    /** Draws on `key`'s budget without refusing (a failure to count). */
    async count(key: string): Promise<void> {
      await buckets.take(`${name}:${key}`, ctx.clock.now()).catch(warn);
    },
  };
}

/**
 * A per-caller rate limit on every route of `app`'s scope (CALLER_RATE_LIMIT_PER_SECOND / _BURST; 0 turns
 * it off): after authentication (all onRequest hooks) and before the body is parsed, keyed by the caller
 * authentication named. One caller over its limit never slows another.
 */
export function limitPerCaller(
  app: FastifyInstance,
  ctx: AppContext,
  name: string,
  callerOf: (request: FastifyRequest) => string | undefined,
): void {
  const perSecond = ctx.config.callerRateLimitPerSecond;
  if (perSecond <= 0) return;
  const limiter = createLimiter(ctx, name, { perSecond, burst: ctx.config.callerRateLimitBurst }, app);
  app.addHook('preParsing', async (request, reply, payload) => {
    const caller = callerOf(request);
    if (caller !== undefined) await limiter.take(caller, reply);
    return payload;
  });
}
