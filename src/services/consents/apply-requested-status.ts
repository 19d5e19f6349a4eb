// A status named by the caller (the bank's internal PUT, the PSU binding), applied through the lifecycle.
import type { Actor, Consent, ConsentFamily } from '../../domain/consent.js';
import { effectiveStatus, nextStatusForRequest } from '../../domain/consent-lifecycle.js';
import type { Repositories } from '../../storage/storage.js';

const EXPIRY_ACTOR: Actor = { type: 'system', id: 'lazy-expiry' };

export interface RequestedStatusChange {
  /** The status asked for; null or undefined asks for none. */
  requested: string | null | undefined;
  actor: Actor;
  reason: (to: string) => string;
  at: number;
}

/**
 * Stores a lazy expiry first (so nothing applied after it revives the consent), then moves the consent to
 * the requested status when it differs. Returns the status the consent is left in. Run it inside the use
 * case's transaction, on a consent loaded for update.
 */
export async function applyRequestedStatus(
  repos: Repositories,
  family: ConsentFamily,
  consent: Pick<Consent, 'consentId' | 'status' | 'expiresAt' | 'statusUpdatedAt'>,
  change: RequestedStatusChange,
): Promise<string> {
  const current = effectiveStatus(family, consent, change.at).status;
  if (current !== consent.status) {
    await repos.consents.changeStatus({
      consentId: consent.consentId,
      fromStatus: consent.status,
      toStatus: current,
      reason: 'Consent expired',
      actor: EXPIRY_ACTOR,
      at: consent.expiresAt ?? change.at,
    });
  }
  if (change.requested == null) return current;
  const to = nextStatusForRequest(family, current, change.requested);
  if (to !== current) {
    await repos.consents.changeStatus({
      consentId: consent.consentId,
      fromStatus: current,
      toStatus: to,
      reason: change.reason(to),
      actor: change.actor,
      at: change.at,
    });
  }
  return to;
}
