// Using an OBP consent (ref/README.md §8.2, the older OBP order the issue names): a call carrying
// `Consent-JWT` (wins) or `Consent-Id` runs as the consent's user with exactly its views and entitlements
// once these checks pass, in this order: the consent exists (OBP-35001); the JWT verifies and is the
// consent's current one (OBP-35004); nbf / exp (OBP-35002 / 35003); status ACCEPTED (OBP-35005); the
// consent's consumer exists and is active (OBP-35018 / 35017); the caller is that consumer: its
// `Consumer-Key` (missing OBP-35016, another OBP-35015), or for a certificate-bound consumer its client
// certificate (missing OBP-20306, another OBP-35015). Each use is noted for last_usage_date.
import { timingSafeEqual } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { familyOf, type Consent } from '../../domain/consent.js';
import { usabilityProblem } from '../../domain/consent-lifecycle.js';
import { parseClientCertificate } from '../credentials/client-certificate.js';
import { DomainError } from '../../domain/errors.js';
import type { ObpConsentRecord } from '../../domain/obp-consent.js';
import type { ClientRecord } from '../../storage/repositories/client-repository.js';
import { CredentialCache } from '../credentials/credential-cache.js';
import { isConsentId } from '../consents/load-bound-consent.js';
import { verifyConsentJwt, type ConsentJwtClaims } from './consent-jwt.js';

export interface CallConsentHeaders {
  consentJwt?: string;
  consentId?: string;
  consumerKey?: string;
  /** The client certificate of the call (TLS, or PSD2-CERT behind a trusted proxy), as text. */
  certificate?: string;
}

/** The consent a call runs under: its user, views and entitlements are the call's. */
export interface CallConsent {
  consent: Consent;
  obp: ObpConsentRecord;
  claims: ConsentJwtClaims;
  /** The PSU the call runs as. */
  customerId: string;
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

/** The jti of a JWT-shaped value without verifying it (to find the row first), else undefined. */
function unverifiedJti(jwt: string): string | undefined {
  try {
    const payload = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8')) as {
      jti?: unknown;
    };
    return typeof payload.jti === 'string' ? payload.jti : undefined;
  } catch {
    return undefined;
  }
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Does this call carry a consent header at all? */
export function carriesConsent(headers: CallConsentHeaders): boolean {
  return headers.consentJwt !== undefined || headers.consentId !== undefined;
}

async function consumerOfConsent(ctx: AppContext, consumerId: string): Promise<ClientRecord> {
  const now = ctx.clock.now();
  const key = CredentialCache.keyOf('obp-consent-consumer', consumerId);
  const cached = ctx.caches.clients.get(key, now);
  if (cached) return cached;
  const consumer = await ctx.storage.repos.clients.findById(consumerId);
  if (!consumer) throw new DomainError('consent.consumer_unknown');
  if (!consumer.active) throw new DomainError('consent.consumer_disabled');
  // Only active consumers are remembered; every client change clears the cache.
  ctx.caches.clients.set(key, consumer, now);
  return consumer;
}

function checkCaller(consumer: ClientRecord, headers: CallConsentHeaders): void {
  if (consumer.certThumbprint !== null) {
    if (headers.certificate === undefined) throw new DomainError('certificate.missing');
    const presented = parseClientCertificate(headers.certificate);
    if (presented.thumbprint !== consumer.certThumbprint) throw new DomainError('consent.consumer_mismatch');
    return;
  }
  if (headers.consumerKey === undefined || headers.consumerKey === '')
    throw new DomainError('consent.consumer_key_missing');
  if (!sameText(headers.consumerKey, consumer.consumerKey))
    throw new DomainError('consent.consumer_mismatch');
}

export async function resolveCallConsent(ctx: AppContext, headers: CallConsentHeaders): Promise<CallConsent> {
  const value = (headers.consentJwt ?? headers.consentId)?.trim();
  if (value === undefined || value === '') throw new DomainError('consent.header_missing');
  let consentId: string | undefined;
  let presentedJwt: string | undefined;
  if (isConsentId(value)) consentId = value;
  else if (JWT_SHAPE.test(value)) {
    presentedJwt = value;
    consentId = unverifiedJti(value);
    if (consentId === undefined) throw new DomainError('consent_jwt.invalid');
  } else throw new DomainError('consent.header_invalid');

  // 1. The consent row.
  const [consent, obp] = isConsentId(consentId)
    ? await Promise.all([
        ctx.storage.repos.consents.findById(consentId),
        ctx.storage.repos.obpConsents.findById(consentId),
      ])
    : [undefined, undefined];
  if (!consent || consent.kind !== 'obp' || !obp) throw new DomainError('consent.not_found');
  // 2-3. Signature (a re-issued consent's older JWT no longer counts), then nbf / exp.
  const jwt = presentedJwt ?? obp.jwt;
  if (!sameText(jwt, obp.jwt)) throw new DomainError('consent_jwt.invalid');
  const claims = await verifyConsentJwt(ctx, jwt);
  // 4. Status (past the stored expiry it is expired whatever the row says).
  const now = ctx.clock.now();
  const problem = usabilityProblem(familyOf(consent.kind), consent, now);
  if (problem) throw new DomainError(problem.code);
  // 5-6. The consent's consumer, then the caller is that consumer.
  const consumer = await consumerOfConsent(ctx, consent.clientId);
  checkCaller(consumer, headers);
  if (consent.userId === null) throw new DomainError('consent.user_mismatch');
  ctx.usage.note(consent.consentId, now, consent.lastUsageAt);
  return { consent, obp, claims, customerId: consent.userId };
}
