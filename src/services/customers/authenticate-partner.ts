import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { isLockedAt, lockedUntilAfterFailures } from '../../domain/operator.js';
import type { ClientRecord } from '../../storage/repositories/client-repository.js';
import { CredentialCache } from '../credentials/credential-cache.js';
import { ensureIssuingPartner } from './ensure-issuing-partner.js';
import { verifySecret } from '../credentials/secrets.js';

/**
 * Checks an issuing partner's `client_id:client_secret` (B2B Basic auth): an active client with role
 * B2B_PARTNER and a short name. Repeated wrong secrets lock the partner for LOCKOUT_MINUTES, like
 * operators. Every failure answers `auth.invalid` or `auth.locked`, which the B2B API shows alike, so the
 * caller learns nothing about which check failed. Successes are cached in the clients cache (keyed by a
 * hash of the credential), which every client change clears.
 */
export async function authenticatePartner(
  ctx: AppContext,
  clientId: string,
  secret: string,
): Promise<ClientRecord> {
  const now = ctx.clock.now();
  const cacheKey = CredentialCache.keyOf('b2b-partner', clientId, secret);
  const cached = ctx.caches.clients.get(cacheKey, now);
  if (cached) return cached;

  const client = await ctx.storage.repos.clients.findById(clientId);
  if (!client || !client.active || !client.roles.includes('B2B_PARTNER') || client.shortName === null) {
    throw new DomainError('auth.invalid');
  }
  const partner = await ctx.storage.transaction((repos) => ensureIssuingPartner(ctx, repos, clientId, now));
  if (!partner) throw new DomainError('auth.invalid');
  if (isLockedAt(partner.lockedUntil, now)) throw new DomainError('auth.locked');
  if (!(await verifySecret(secret, client.secretHash))) {
    // Counted atomically in SQL, so concurrent failures (on any instance) are all counted and the lock is
    // decided from the count each gets; only the call that sets the lock audits it. While locked, nothing
    // is counted.
    const locked = await ctx.storage.transaction(async (repos) => {
      const failedLogins = await repos.issuingPartners.recordFailure(clientId, now);
      const lockedUntil =
        failedLogins === undefined ? null : lockedUntilAfterFailures(failedLogins, now, ctx.config);
      if (lockedUntil === null || !(await repos.issuingPartners.lockIfUnlocked(clientId, lockedUntil, now)))
        return false;
      await repos.audit.append({
        actor: { type: 'system', id: 'authentication' },
        action: 'partner.locked',
        targetType: 'partner',
        targetId: clientId,
        details: { failedLogins, lockedUntil },
        interactionId: null,
        at: now,
      });
      return true;
    });
    // A credential verified a moment ago must not outlive the lock (a cached success skips the lock check).
    if (locked) ctx.caches.clients.clear();
    throw new DomainError('auth.invalid');
  }
  if (partner.failedLogins > 0 || partner.lockedUntil !== null) {
    await ctx.storage.repos.issuingPartners.resetFailures(clientId, now);
  }
  ctx.caches.clients.set(cacheKey, client, now);
  return client;
}
