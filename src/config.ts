// The only reader of process.env: every setting is parsed, validated and frozen here.
import { isIP } from 'node:net';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
/** Where one-time codes go: smtp (EMAIL), http (SMS gateway), outbox (the dev outbox, both channels). */
export type OtpTransport = 'smtp' | 'http' | 'outbox';
export type ConsentJwtAlg = 'ES256' | 'PS256';

export interface Config {
  readonly port: number;
  /** OPS_PORT: health and metrics on a port of their own (then absent from the public port). */
  readonly opsPort: number | undefined;
  /** METRICS_TOKEN: /metrics answers only `Authorization: Bearer <token>`. */
  readonly metricsToken: string | undefined;
  readonly host: string;
  readonly databaseUrl: string;
  readonly demoData: boolean;
  readonly adminUsername: string | undefined;
  readonly adminPassword: string | undefined;
  readonly logLevel: LogLevel;
  /**
   * The transports tried in order for each channel (EMAIL: smtp or outbox; SMS: http or outbox). Empty when
   * OTP_TRANSPORT is unset outside demo mode: every send then fails (OBP-35010).
   */
  readonly otpTransports: readonly OtpTransport[];
  readonly smtpUrl: string | undefined;
  readonly smtpFrom: string;
  readonly smsGatewayUrl: string | undefined;
  readonly smsGatewayToken: string | undefined;
  /** OBP: the one bank this server is (BANK_ID in OBP paths). */
  readonly obpBankId: string;
  readonly directLoginTtlSeconds: number;
  readonly consentJwtAlg: ConsentJwtAlg;
  /** OBP consents.max_time_to_live: the default and largest time_to_live of a consent, in seconds. */
  readonly consentsMaxTimeToLive: number;
  /** OBP SCA: how long a one-time code may be answered, in seconds. */
  readonly obpScaCodeTtlSeconds: number;
  /**
   * Absolute base URL of every link (Links.Self...), never taken from the request's Host header. Demo mode
   * defaults to http://localhost:PORT; outside it the server refuses to start without it (main.ts).
   */
  readonly publicBaseUrl: string | undefined;
  readonly maxFailedLogins: number;
  readonly lockoutMinutes: number;
  /** Distinct sources that must be locked at once before a (non-service) account is locked account-wide. */
  readonly lockoutAccountSources: number;
  readonly credentialCacheSeconds: number;
  /** The credential caches' budget in MiB of estimated size (operators and clients, half each). */
  readonly credentialCacheMaxMb: number;
  readonly expiryJobIntervalSeconds: number;
  readonly usageFlushIntervalSeconds: number;
  /** Consents kept in the in-process read cache (0 = off); SQLite only (see storage/consent-read-cache.ts). */
  readonly consentCacheSize: number;
  /** The read cache's budget in MiB of estimated value size: large consents cannot grow the heap past it. */
  readonly consentCacheMaxMb: number;
  readonly fileUploadMaxBytes: number;
  readonly idempotencyWindowHours: number;
  readonly trustProxyCertHeader: boolean;
  readonly financialId: string;
  readonly tokenTtlSeconds: number;
  readonly rateLimitPerSecond: number;
  readonly rateLimitBurst: number;
  /** Per-caller limit of the manage, validate and B2B APIs (requests a second; 0 = off) and its burst. */
  readonly callerRateLimitPerSecond: number;
  readonly callerRateLimitBurst: number;
  /** Failed client authentications per source at the token endpoint: a minute's worth, and the burst. */
  readonly failedClientAuthPerMinute: number;
  readonly failedClientAuthBurst: number;
  readonly redisUrl: string | undefined;
  /**
   * strict: UK OB permission pairing rules (ReadTransactionsBasic/Detail need Credits or Debits and vice
   * versa). lenient: accept any known permissions, as the seed 002 sample request does.
   */
  readonly permissionRules: 'strict' | 'lenient';
  /** A client must send its request headers within this (slowloris), and the whole request within the next. */
  readonly headersTimeoutSeconds: number;
  /** SQLite durability: NORMAL survives a process crash, FULL a power loss too (docs/security.md). */
  readonly sqliteSynchronous: 'NORMAL' | 'FULL';
  readonly requestTimeoutSeconds: number;
  /** Portal sessions end after this long without a request, and at the latest after the lifetime. */
  readonly portalSessionIdleMinutes: number;
  readonly portalSessionMaxHours: number;
  /**
   * The reverse proxies whose X-Forwarded-For is believed (addresses, CIDR ranges, or proxy-addr's names
   * loopback / linklocal / uniquelocal); empty: none, the connection's address is the caller's.
   */
  readonly trustProxy: readonly string[];
  /** How many matches past the page the portal's consent search counts before it says "more than". */
  readonly portalSearchCountAhead: number;
  /** The portal's own origin for the CSRF origin check; derived from each request when unset. */
  readonly portalOrigin: string | undefined;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`Invalid configuration: ${variable} ${problem}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function text(env: Env, name: string, fallback: string): string {
  const value = env[name];
  return value === undefined || value === '' ? fallback : value;
}

function optional(env: Env, name: string): string | undefined {
  const value = env[name];
  return value === undefined || value === '' ? undefined : value;
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw)) throw new ConfigError(name, `must be a whole number, got "${raw}"`);
  const value = Number(raw);
  if (value < min || value > max)
    throw new ConfigError(name, `must be between ${min} and ${max}, got ${value}`);
  return value;
}

function bool(env: Env, name: string, fallback: boolean): boolean {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  const lowered = raw.toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(lowered)) return true;
  if (['false', '0', 'no', 'off'].includes(lowered)) return false;
  throw new ConfigError(name, `must be true or false, got "${raw}"`);
}

function oneOf<T extends string>(env: Env, name: string, fallback: T, allowed: readonly T[]): T {
  const raw = optional(env, name);
  if (raw === undefined) return fallback;
  if (!(allowed as readonly string[]).includes(raw)) {
    throw new ConfigError(name, `must be one of ${allowed.join(', ')}, got "${raw}"`);
  }
  return raw as T;
}

function httpUrl(env: Env, name: string, schemes: RegExp): string | undefined {
  const url = optional(env, name);
  if (url !== undefined && !schemes.test(url))
    throw new ConfigError(name, `is not a valid URL, got "${url}"`);
  return url;
}

/** OTP_TRANSPORT: a comma-separated list; outside demo mode there is no default. */
function otpTransports(env: Env, demo: boolean): OtpTransport[] {
  const raw = optional(env, 'OTP_TRANSPORT');
  if (raw === undefined) return demo ? ['outbox'] : [];
  const allowed: readonly string[] = ['smtp', 'http', 'outbox'];
  const list = raw.split(',').map((part) => part.trim());
  for (const part of list)
    if (!allowed.includes(part))
      throw new ConfigError('OTP_TRANSPORT', `must be a list of smtp, http, outbox, got "${raw}"`);
  const transports = [...new Set(list)] as OtpTransport[];
  if (transports.includes('smtp') && optional(env, 'SMTP_URL') === undefined)
    throw new ConfigError('SMTP_URL', 'must be set when OTP_TRANSPORT includes smtp');
  if (transports.includes('http') && optional(env, 'SMS_GATEWAY_URL') === undefined)
    throw new ConfigError('SMS_GATEWAY_URL', 'must be set when OTP_TRANSPORT includes http');
  return transports;
}

function databaseUrl(env: Env): string {
  const url = text(env, 'DATABASE_URL', 'sqlite:./data/consenthub.db');
  if (url === ':memory:' || url.startsWith('sqlite:') || /^postgres(ql)?:\/\//.test(url)) return url;
  throw new ConfigError('DATABASE_URL', `must be sqlite:<path>, :memory: or postgres://..., got "${url}"`);
}

function redisUrl(env: Env): string | undefined {
  const url = optional(env, 'REDIS_URL');
  if (url !== undefined && !/^rediss?:\/\/[^/]/.test(url))
    throw new ConfigError('REDIS_URL', `must be a redis:// or rediss:// URL, got "${url}"`);
  return url;
}

const PROXY_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

/** TRUST_PROXY: a comma-separated list of proxy addresses or CIDR ranges (never "trust everyone"). */
function trustProxy(env: Env): string[] {
  const raw = optional(env, 'TRUST_PROXY');
  if (raw === undefined) return [];
  const entries = raw.split(',').map((entry) => entry.trim());
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address ?? '');
    const prefixOk =
      prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (family === 6 ? 128 : 32));
    if (PROXY_NAMES.includes(entry)) continue;
    if (family === 0 || !prefixOk || rest.length > 0)
      throw new ConfigError(
        'TRUST_PROXY',
        `must list proxy addresses or CIDR ranges (or ${PROXY_NAMES.join(', ')}), comma separated, got "${entry}"`,
      );
  }
  return entries;
}

function timeouts(env: Env): { headersTimeoutSeconds: number; requestTimeoutSeconds: number } {
  const headersTimeoutSeconds = integer(env, 'HEADERS_TIMEOUT_SECONDS', 10, 1, 600);
  const requestTimeoutSeconds = integer(env, 'REQUEST_TIMEOUT_SECONDS', 30, 1, 3600);
  if (headersTimeoutSeconds > requestTimeoutSeconds)
    throw new ConfigError('HEADERS_TIMEOUT_SECONDS', 'must not exceed REQUEST_TIMEOUT_SECONDS');
  return { headersTimeoutSeconds, requestTimeoutSeconds };
}

export function isPostgresUrl(url: string): boolean {
  return /^postgres(ql)?:\/\//.test(url);
}

export function loadConfig(env: Env = process.env): Config {
  const dbUrl = databaseUrl(env);
  const adminUsername = optional(env, 'ADMIN_USERNAME');
  const adminPassword = optional(env, 'ADMIN_PASSWORD');
  if ((adminUsername === undefined) !== (adminPassword === undefined)) {
    throw new ConfigError(
      adminUsername ? 'ADMIN_PASSWORD' : 'ADMIN_USERNAME',
      'must be set together with its pair',
    );
  }
  if (adminPassword !== undefined && adminPassword.length < 8) {
    throw new ConfigError('ADMIN_PASSWORD', 'must be at least 8 characters long');
  }
  const publicBaseUrl = optional(env, 'PUBLIC_BASE_URL');
  if (publicBaseUrl !== undefined && !/^https?:\/\/[^/]+/.test(publicBaseUrl)) {
    throw new ConfigError('PUBLIC_BASE_URL', `must be an absolute http(s) URL, got "${publicBaseUrl}"`);
  }
  const portalOrigin = optional(env, 'PORTAL_ORIGIN');
  if (portalOrigin !== undefined && !/^https?:\/\/[^/]+$/.test(portalOrigin)) {
    throw new ConfigError(
      'PORTAL_ORIGIN',
      `must be scheme://host[:port] with no path, got "${portalOrigin}"`,
    );
  }
  const port = integer(env, 'PORT', 8080, 0, 65535);
  const demoData = bool(env, 'DEMO_DATA', !isPostgresUrl(dbUrl));
  const opsPort = optional(env, 'OPS_PORT') === undefined ? undefined : integer(env, 'OPS_PORT', 0, 0, 65535);
  if (opsPort !== undefined && opsPort !== 0 && opsPort === port)
    throw new ConfigError('OPS_PORT', `must differ from PORT (both are ${port})`);
  const metricsToken = optional(env, 'METRICS_TOKEN');
  if (metricsToken !== undefined && metricsToken.length < 16)
    throw new ConfigError('METRICS_TOKEN', 'must be at least 16 characters long');
  return Object.freeze({
    port,
    opsPort,
    metricsToken,
    host: text(env, 'HOST', '0.0.0.0'),
    databaseUrl: dbUrl,
    demoData,
    adminUsername,
    adminPassword,
    logLevel: oneOf<LogLevel>(env, 'LOG_LEVEL', 'info', [
      'fatal',
      'error',
      'warn',
      'info',
      'debug',
      'trace',
      'silent',
    ]),
    otpTransports: otpTransports(env, demoData),
    smtpUrl: httpUrl(env, 'SMTP_URL', /^smtps?:\/\/[^/]/),
    smtpFrom: text(env, 'SMTP_FROM', 'ConsentHub <no-reply@consenthub.invalid>'),
    smsGatewayUrl: httpUrl(env, 'SMS_GATEWAY_URL', /^https?:\/\/[^/]/),
    smsGatewayToken: optional(env, 'SMS_GATEWAY_TOKEN'),
    obpBankId: text(env, 'OBP_BANK_ID', 'gh.29.uk'),
    directLoginTtlSeconds: integer(env, 'DIRECT_LOGIN_TTL_SECONDS', 3600, 60, 30 * 86400),
    consentJwtAlg: oneOf<ConsentJwtAlg>(env, 'CONSENT_JWT_ALG', 'ES256', ['ES256', 'PS256']),
    consentsMaxTimeToLive: integer(env, 'CONSENTS_MAX_TIME_TO_LIVE', 3600, 1, 10 * 365 * 86400),
    obpScaCodeTtlSeconds: integer(env, 'OBP_SCA_CODE_TTL_SECONDS', 300, 30, 86400),
    publicBaseUrl: publicBaseUrl?.replace(/\/+$/, '') ?? (demoData ? `http://localhost:${port}` : undefined),
    maxFailedLogins: integer(env, 'MAX_FAILED_LOGINS', 5, 1, 100),
    lockoutMinutes: integer(env, 'LOCKOUT_MINUTES', 15, 1, 7 * 24 * 60),
    lockoutAccountSources: integer(env, 'LOCKOUT_ACCOUNT_SOURCES', 10, 1, 100000),
    credentialCacheSeconds: integer(env, 'CREDENTIAL_CACHE_SECONDS', 5, 0, 300),
    credentialCacheMaxMb: integer(env, 'CREDENTIAL_CACHE_MAX_MB', 16, 1, 4096),
    expiryJobIntervalSeconds: integer(env, 'EXPIRY_JOB_INTERVAL_SECONDS', 60, 1, 86400),
    usageFlushIntervalSeconds: integer(env, 'USAGE_FLUSH_INTERVAL_SECONDS', 10, 1, 3600),
    consentCacheSize: integer(env, 'CONSENT_CACHE_SIZE', 100_000, 0, 10_000_000),
    consentCacheMaxMb: integer(env, 'CONSENT_CACHE_MAX_MB', 256, 1, 65_536),
    fileUploadMaxBytes: integer(env, 'FILE_UPLOAD_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    idempotencyWindowHours: integer(env, 'IDEMPOTENCY_WINDOW_HOURS', 24, 1, 24 * 30),
    trustProxyCertHeader: bool(env, 'TRUST_PROXY_CERT_HEADER', false),
    financialId: text(env, 'FINANCIAL_ID', '0015800001041RHAAY'),
    tokenTtlSeconds: integer(env, 'TOKEN_TTL_SECONDS', 3600, 60, 86400),
    rateLimitPerSecond: integer(env, 'RATE_LIMIT_PER_SECOND', 50, 1, 100000),
    rateLimitBurst: integer(env, 'RATE_LIMIT_BURST', 100, 1, 100000),
    callerRateLimitPerSecond: integer(env, 'CALLER_RATE_LIMIT_PER_SECOND', 10000, 0, 1000000),
    callerRateLimitBurst: integer(env, 'CALLER_RATE_LIMIT_BURST', 20000, 1, 1000000),
    failedClientAuthPerMinute: integer(env, 'FAILED_CLIENT_AUTH_PER_MINUTE', 10, 1, 100000),
    failedClientAuthBurst: integer(env, 'FAILED_CLIENT_AUTH_BURST', 20, 1, 100000),
    redisUrl: redisUrl(env),
    permissionRules: oneOf(env, 'PERMISSION_RULES', 'strict', ['strict', 'lenient'] as const),
    ...timeouts(env),
    sqliteSynchronous: oneOf(env, 'SQLITE_SYNCHRONOUS', 'NORMAL', ['NORMAL', 'FULL'] as const),
    portalSessionIdleMinutes: integer(env, 'PORTAL_SESSION_IDLE_MINUTES', 30, 1, 24 * 60),
    portalSessionMaxHours: integer(env, 'PORTAL_SESSION_MAX_HOURS', 8, 1, 24 * 30),
    trustProxy: trustProxy(env),
    portalSearchCountAhead: integer(env, 'PORTAL_SEARCH_COUNT_AHEAD', 10000, 1, 10000000),
    portalOrigin,
  });
}

/** For the server (not the CLI): outside demo mode, links need PUBLIC_BASE_URL. */
export function requirePublicBaseUrl(config: Config): Config {
  if (config.publicBaseUrl === undefined)
    throw new ConfigError(
      'PUBLIC_BASE_URL',
      'must be set outside demo mode (links are built from it, never from the Host header)',
    );
  return config;
}
