// A changed OBP consent gets a new Consent-JWT: the same jti (consent id), aud, sub, nbf and exp, with the
// changed creator or further claims (account access), signed with the current key.
import { decodeJwt } from 'jose';
import type { AppContext } from '../../context.js';
import type { ObpConsentRecord } from '../../domain/obp-consent.js';
import { signConsentJwt } from './consent-jwt.js';

const REGISTERED = [
  'jti',
  'aud',
  'sub',
  'iss',
  'iat',
  'nbf',
  'exp',
  'createdByUserId',
  'entitlements',
  'views',
];

export async function reissueConsentJwt(
  ctx: AppContext,
  obp: ObpConsentRecord,
  changes: { createdByUserId?: string; extra?: Record<string, unknown> },
): Promise<string> {
  const claims = decodeJwt(obp.jwt);
  const extra = Object.fromEntries(Object.entries(claims).filter(([name]) => !REGISTERED.includes(name)));
  const nbf = claims.nbf!;
  return signConsentJwt(ctx, {
    consentId: obp.consentId,
    consumerId: String(claims.aud),
    createdByUserId: changes.createdByUserId ?? obp.createdByUserId,
    nbf,
    timeToLive: claims.exp! - nbf,
    entitlements: obp.entitlements,
    views: obp.views,
    sub: claims.sub!,
    extra: { ...extra, ...changes.extra },
  });
}
