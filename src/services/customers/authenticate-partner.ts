import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { ClientRecord } from '../../storage/repositories/client-repository.js';
import { CredentialCache } from '../credentials/credential-cache.js';
import { ensureIssuingPartner } from './ensure-issuing-partner.js';
import { checkTimedLockLogin } from '../credentials/reserved-login.js';
import { verifySecret } from '../credentials/secrets.js';

/**
 * Checks an issuing partner's `client_id:client_secret` (B2B Basic auth): an active client with role
 * B2B_PARTNER and a short name. Repeated wrong secrets lock the partner for LOCKOUT_MINUTES, like
 * operators, decided before the secret is checked (reserved-login.ts). Every failure answers `auth.invalid` or `auth.locked`, which the B2B API shows alike, so the
 * caller learns nothing about which check failed. Successes are cached in the clients cache (keyed by a
 * hash of the credential), which every client change clears.
 */
export async function authenticatePartner(
  ctx: AppContext,
  clientId: string,
  secret: string,
  /** The request's address: failures are counted per partner and source. */
  source: string,
): Promise<ClientRecord> {
  const now = ctx.clock.now();
  // The source is part of the key: a cached success from one address never answers for another.
  const cacheKey = CredentialCache.keyOf('b2b-partner', clientId, secret, source);
  const cached = ctx.caches.clients.get(cacheKey, now);
  if (cached) return cached;

  const client = await ctx.storage.repos.clients.findById(clientId);
  if (!client || !client.active || !client.roles.includes('B2B_PARTNER') || client.shortName === null) {
    throw new DomainError('auth.invalid');
  }
  const partner = await ctx.storage.transaction((repos) => ensureIssuingPartner(ctx, repos, clientId, now));
  if (!partner) throw new DomainError('auth.invalid');
  await checkTimedLockLogin(
    ctx,
    {
      type: 'partner',
      ledger: ctx.storage.repos.issuingPartners,
      id: clientId,
      lockedUntil: partner.lockedUntil,
      serviceAccount: client.serviceAccount,
      allowedSources: client.allowedSources,
      credentialCache: ctx.caches.clients,
    },
    { action: 'partner.locked', targetType: 'partner', targetId: clientId },
    () => verifySecret(secret, client.secretHash),
    source,
    now,
  );
  ctx.caches.clients.set(cacheKey, client, now);
  return client;
}
