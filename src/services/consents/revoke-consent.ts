import type { AppContext } from '../../context.js';
import { RESOURCE_INFO, type Actor, type ConsentResource } from '../../domain/consent.js';
import { effectiveStatus, isRevocableFamily, nextStatus } from '../../domain/consent-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
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
  const family = RESOURCE_INFO[input.resource].family;
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const consent = await loadBoundConsent(repos, input.resource, input.consentId, input.clientId, true);
    if (!isRevocableFamily(family)) throw new DomainError('consent.not_revocable');
    if (consent.status === 'Revoked') return false;
    const current = effectiveStatus(family, consent, now).status;
    const to = nextStatus(family, current, 'revoke');
    await repos.consents.changeStatus({
      consentId: consent.consentId,
      fromStatus: consent.status,
      toStatus: to,
      reason: input.reason ?? 'Revoked',
      actor: input.actor,
      at: now,
    });
    return true;
  });
}
