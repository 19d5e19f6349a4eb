// Consent-JWTs (ref/README.md §8.1) signed with an ES256 (or PS256) key pair kept in the database and
// published at /.well-known/jwks.json. Unlike OBP's per-consent HMAC secret, verification needs only the
// public key, and it pins the key (by kid) and that key's algorithm: `alg: none`, HMAC with the public key
// as secret, another algorithm or an unknown kid never verify.
import { randomUUID } from 'node:crypto';
import {
  calculateJwkThumbprint,
  errors as joseErrors,
  exportJWK,
  generateKeyPair,
  importJWK,
  jwtVerify,
  SignJWT,
  type JWK,
  type JWTPayload,
} from 'jose';
import type { AppContext } from '../../context.js';
import { approximateBytes, ByteBoundedMap } from '../../byte-bounded-map.js';
import { DomainError } from '../../domain/errors.js';
import type { ConsentJwtKeyRecord } from '../../storage/repositories/consent-jwt-key-repository.js';

type SigningKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

export interface ConsentJwtView {
  bank_id: string;
  account_id: string;
  view_id: string;
  helper_info?: { counterparty_ids: string[] };
}

export interface ConsentJwtEntitlement {
  role_name: string;
  bank_id: string;
}

/** What the caller decides; iss, iat, exp and (unless given) sub are set here. */
export interface ConsentJwtInput {
  consentId: string;
  consumerId: string;
  createdByUserId: string;
  /** Epoch seconds; default now. */
  nbf?: number;
  timeToLive: number;
  entitlements: ConsentJwtEntitlement[];
  views: ConsentJwtView[];
  sub?: string;
  /** Further claims (name, email, request_headers, access): never the registered ones above. */
  extra?: Record<string, unknown>;
}

export interface ConsentJwtClaims extends JWTPayload {
  jti: string;
  aud: string;
  sub: string;
  iss: string;
  iat: number;
  nbf: number;
  exp: number;
  createdByUserId: string;
  entitlements: ConsentJwtEntitlement[];
  views: ConsentJwtView[];
}

/** How long a process signs with the key it last read before asking the database again (rotation by CLI). */
const CURRENT_KEY_TTL_MS = 30_000;

/**
 * Consent-JWTs whose signature, issuer and claims verified, by their exact text: the same bytes verify the
 * same way until `exp` (keys never change once made, and a retired key is kept until its last token
 * expires), so a repeated call checks only nbf / exp against the clock. Bounded by entries and bytes.
 */
const VERIFIED_MAX_ENTRIES = 10_000;
const VERIFIED_MAX_BYTES = 16 * 1024 * 1024;

interface KeyState {
  current?: { record: ConsentJwtKeyRecord; key: SigningKey; until: number };
  verifying: Map<string, { alg: string; key: SigningKey }>;
  verified: ByteBoundedMap<string, ConsentJwtClaims>;
}

const states = new WeakMap<AppContext, KeyState>();

function stateOf(ctx: AppContext): KeyState {
  let state = states.get(ctx);
  if (!state) {
    state = {
      verifying: new Map(),
      verified: new ByteBoundedMap<string, ConsentJwtClaims>(
        VERIFIED_MAX_ENTRIES,
        VERIFIED_MAX_BYTES,
        (claims, jwt) => approximateBytes(claims) + approximateBytes(jwt),
      ),
    };
    states.set(ctx, state);
  }
  return state;
}

export function consentJwtIssuer(ctx: AppContext): string {
  return ctx.config.publicBaseUrl ?? 'ConsentHub';
}

async function newKeyRecord(ctx: AppContext): Promise<ConsentJwtKeyRecord> {
  const alg = ctx.config.consentJwtAlg;
  const { publicKey, privateKey } = await generateKeyPair(alg, { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const privateJwk = await exportJWK(privateKey);
  const common = { kid, alg, use: 'sig' };
  return {
    kid,
    alg,
    privateJwk: JSON.stringify({ ...privateJwk, ...common }),
    publicJwk: JSON.stringify({ ...publicJwk, ...common }),
    createdAt: ctx.clock.now(),
    retiredAt: null,
    lastTokenExpiresAt: null,
  };
}

/** Makes a new current key and retires the others (they stay published until their last token expires). */
export async function rotateConsentJwtKey(
  ctx: AppContext,
): Promise<{ kid: string; alg: string; retired: number }> {
  const record = await newKeyRecord(ctx);
  const retired = await ctx.storage.transaction(async (repos) => {
    await repos.consentJwtKeys.insert(record);
    const count = await repos.consentJwtKeys.retireAllExcept(record.kid, record.createdAt);
    await repos.audit.append({
      actor: { type: 'system', id: 'consent-jwt-keys' },
      action: 'consent_jwt_key.rotated',
      targetType: 'consent_jwt_key',
      targetId: record.kid,
      details: { alg: record.alg, retired: count },
      interactionId: null,
      at: record.createdAt,
    });
    return count;
  });
  stateOf(ctx).current = undefined;
  return { kid: record.kid, alg: record.alg, retired };
}

/**
 * The key this server signs with: made at first start (or when CONSENT_JWT_ALG changes, which rotates).
 * Called by main before listening, and lazily by signing.
 */
export async function ensureConsentJwtKey(ctx: AppContext): Promise<ConsentJwtKeyRecord> {
  const [current] = (await ctx.storage.repos.consentJwtKeys.listCurrent()).filter(
    (key) => key.alg === ctx.config.consentJwtAlg,
  );
  if (current) return current;
  await rotateConsentJwtKey(ctx);
  return (await ctx.storage.repos.consentJwtKeys.listCurrent())[0]!;
}

async function signingKey(ctx: AppContext) {
  const state = stateOf(ctx);
  const now = ctx.clock.now();
  if (state.current && state.current.until > now) return state.current;
  const record = await ensureConsentJwtKey(ctx);
  const key = (await importJWK(JSON.parse(record.privateJwk) as JWK, record.alg)) as SigningKey;
  state.current = { record, key, until: now + CURRENT_KEY_TTL_MS };
  return state.current;
}

export async function signConsentJwt(ctx: AppContext, input: ConsentJwtInput): Promise<string> {
  const { record, key } = await signingKey(ctx);
  const iat = Math.floor(ctx.clock.now() / 1000);
  const nbf = input.nbf ?? iat;
  const exp = nbf + input.timeToLive;
  const claims = {
    // OBP's ConsentJWT lists the headers of the creating call a standard needs (Berlin Group's
    // TPP-Redirect-URI); none of ConsentHub's APIs stores any, so the list is empty, as in the seed's sample.
    request_headers: [],
    ...input.extra,
    createdByUserId: input.createdByUserId,
    entitlements: input.entitlements,
    views: input.views,
  };
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: record.alg, kid: record.kid, typ: 'JWT' })
    .setJti(input.consentId)
    .setAudience(input.consumerId)
    .setSubject(input.sub ?? randomUUID())
    .setIssuer(consentJwtIssuer(ctx))
    .setIssuedAt(iat)
    .setNotBefore(nbf)
    .setExpirationTime(exp)
    .sign(key);
  // A retired key stays in the JWKS until this token can no longer be valid.
  await ctx.storage.repos.consentJwtKeys.noteTokenExpiry(record.kid, exp * 1000);
  return jwt;
}

async function verificationKey(ctx: AppContext, kid: string) {
  const state = stateOf(ctx);
  const known = state.verifying.get(kid);
  if (known) return known;
  const record = await ctx.storage.repos.consentJwtKeys.findByKid(kid);
  if (!record) return undefined;
  // Keys never change once made: remembered for the life of the process.
  const entry = {
    alg: record.alg,
    key: (await importJWK(JSON.parse(record.publicJwk) as JWK, record.alg)) as SigningKey,
  };
  state.verifying.set(kid, entry);
  return entry;
}

function kidOf(jwt: string): string | undefined {
  const [header] = jwt.split('.');
  try {
    const parsed = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8')) as { kid?: unknown };
    return typeof parsed.kid === 'string' ? parsed.kid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The claims of a Consent-JWT this server signed and that is valid now: a bad signature, another algorithm,
 * an unknown key or a missing claim are `consent_jwt.invalid` (OBP-35004); nbf in the future
 * `consent_jwt.not_yet_valid` (OBP-35002); past exp `consent_jwt.expired` (OBP-35003).
 */
export async function verifyConsentJwt(ctx: AppContext, jwt: string): Promise<ConsentJwtClaims> {
  const { verified } = stateOf(ctx);
  const known = verified.get(jwt);
  if (known) return checkTimes(known, ctx.clock.now());
  const kid = kidOf(jwt);
  const key = kid === undefined ? undefined : await verificationKey(ctx, kid);
  if (!key) throw new DomainError('consent_jwt.invalid');
  let claims: ConsentJwtClaims;
  try {
    const { payload } = await jwtVerify(jwt, key.key, {
      algorithms: [key.alg],
      issuer: consentJwtIssuer(ctx),
      currentDate: new Date(ctx.clock.now()),
      requiredClaims: ['jti', 'aud', 'sub', 'iat', 'nbf', 'exp'],
    });
    if (
      typeof payload.aud !== 'string' ||
      !Array.isArray(payload.views) ||
      !Array.isArray(payload.entitlements)
    )
      throw new DomainError('consent_jwt.invalid');
    claims = payload as ConsentJwtClaims;
  } catch (error) {
    if (error instanceof DomainError) throw error;
    if (error instanceof joseErrors.JWTExpired) throw new DomainError('consent_jwt.expired');
    if (error instanceof joseErrors.JWTClaimValidationFailed && error.claim === 'nbf')
      throw new DomainError('consent_jwt.not_yet_valid');
    throw new DomainError('consent_jwt.invalid');
  }
  verified.set(jwt, claims);
  return claims;
}

/** nbf / exp of already verified claims, as jose checks them (whole seconds, no tolerance). */
function checkTimes(claims: ConsentJwtClaims, nowMs: number): ConsentJwtClaims {
  const now = Math.floor(nowMs / 1000);
  if (claims.nbf > now) throw new DomainError('consent_jwt.not_yet_valid');
  if (claims.exp <= now) throw new DomainError('consent_jwt.expired');
  return claims;
}

/** The public keys a verifier needs: the current ones and retired ones with tokens still valid. */
export async function consentJwks(ctx: AppContext): Promise<{ keys: JWK[] }> {
  const records = await ctx.storage.repos.consentJwtKeys.listPublished(ctx.clock.now());
  return { keys: records.map((record) => JSON.parse(record.publicJwk) as JWK) };
}
