import type { AppContext } from '../../context.js';
import { RESOURCE_INFO, type Actor, type Consent, type ConsentResource } from '../../domain/consent.js';
import { effectiveStatus, isRevocableFamily, nextStatus } from '../../domain/consent-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
import type { Repositories } from '../../storage/storage.js';
import { loadBoundConsent } from './load-bound-consent.js';

export interface RevokeConsentInput {
  resource: ConsentResource;
  consentId: string;
  clientId: string;
  actor: Actor;
  reason?: string;
}

/** Revokes a consent; revoking one already revoked changes nothing. Returns whether anything changed. */
export async function revokeConsent(ctx: AppContext, input: RevokeConsentInput): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const consent = await loadBoundConsent(repos, input.resource, input.consentId, input.clientId, true);
    return (await revokeLoadedConsent(repos, consent, input.actor, input.reason, now)) !== undefined;
  });
}

/**
 * The revoke step of every caller (TPP, officer), inside the caller's transaction on a consent loaded for
 * update. Returns the status it left, or undefined when the consent was revoked already.
 */
export async function revokeLoadedConsent(
  repos: Repositories,
  consent: Consent,
  actor: Actor,
  reason: string | undefined,
  now: number,
): Promise<string | undefined> {
  const family = RESOURCE_INFO[consent.resource].family;
  if (!isRevocableFamily(family)) throw new DomainError('consent.not_revocable');
  if (consent.status === 'Revoked') return undefined;
  const current = effectiveStatus(family, consent, now).status;
  const to = nextStatus(family, current, 'revoke');
  await repos.consents.changeStatus({
    consentId: consent.consentId,
    fromStatus: consent.status,
    toStatus: to,
    reason: reason ?? 'Revoked',
    actor,
    at: now,
  });
  return to;
}
