// The one way a consent's status changes (DESIGN.md §1, principle 1). Every status-changing use case (revoke,
// the internal PUT, the PSU binding, the file upload, the expiry job; OBP SCA answers and status updates,
// officer revokes) calls it inside its own transaction. It loads and locks the consent, stores a due lazy
// expiry first (so nothing applied after the expiry instant can revive the consent), asks the lifecycle for
// the next status and writes it with its history and outbox rows.
import { familyOf, type Actor, type Consent, type ConsentStatus } from '../../domain/consent.js';
import {
  effectiveStatus,
  nextStatus,
  nextStatusForRequest,
  type ConsentEvent,
} from '../../domain/consent-lifecycle.js';
import type { Repositories } from '../../storage/storage.js';
import { loadBoundConsent, type ConsentBinding } from './load-bound-consent.js';

/** What the caller asks for. */
export type ConsentChange =
  /** A lifecycle event (upload_file, authorise, reject, revoke, expire, consume): the table decides. */
  | { event: ConsentEvent }
  /** A status the caller names (the internal PUT, the PSU binding, OBP status updates): the same is no change. */
  | { status: string }
  /** Nothing: only a due expiry is stored (the expiry job; a use case that changes other fields). */
  | null;

export interface TransitionRequest {
  consentId: string;
  /** Whom the consent must belong to; anything else is consent.not_found. */
  binding: ConsentBinding;
  change: ConsentChange;
  /** Who asks (written to the history row of the change). */
  actor: Actor;
  /** Why (history row and outbox event). */
  reason: string | ((to: ConsentStatus) => string);
  /** The instant of the change. */
  at: number;
  /** Who a stored lazy expiry is recorded for (default: system/lazy-expiry). */
  expiryActor?: Actor;
}

export interface TransitionOutcome {
  /** The consent as stored when the step is done. */
  consent: Consent;
  /** The status the change started from (a due expiry already applied). */
  from: ConsentStatus;
  /** The status the consent is left in (= from when nothing was asked or nothing changed). */
  to: ConsentStatus;
  /** Whether the step wrote a status (a due expiry, the change, or both). */
  changed: boolean;
}

const LAZY_EXPIRY: Actor = { type: 'system', id: 'lazy-expiry' };

/**
 * Run inside the use case's transaction (`ctx.storage.transaction(repos => ...)`): an illegal change throws
 * `consent.invalid_transition` / `consent.not_revocable` and the transaction rolls back, an unknown or
 * foreign consent throws `consent.not_found`.
 */
export async function transitionConsent(
  repos: Repositories,
  request: TransitionRequest,
): Promise<TransitionOutcome> {
  const loaded = await loadBoundConsent(repos, request.consentId, request.binding, true);
  const family = familyOf(loaded.kind);
  let consent = loaded;
  const seen = effectiveStatus(family, consent, request.at);
  if (seen.status !== consent.status) {
    await repos.consentWriter.changeStatus({
      consentId: consent.consentId,
      fromStatus: consent.status,
      toStatus: seen.status,
      reason: 'Consent expired',
      actor: request.expiryActor ?? LAZY_EXPIRY,
      // The status changed at the expiry instant, which is also what readers were shown until now.
      at: seen.statusUpdatedAt,
      recordedAt: request.at,
    });
    consent = {
      ...consent,
      status: seen.status,
      statusUpdatedAt: seen.statusUpdatedAt,
      updatedAt: request.at,
    };
  }
  const from = consent.status;
  const { change } = request;
  const to =
    change === null
      ? from
      : 'event' in change
        ? nextStatus(family, from, change.event)
        : nextStatusForRequest(family, from, change.status);
  if (to !== from) {
    await repos.consentWriter.changeStatus({
      consentId: consent.consentId,
      fromStatus: from,
      toStatus: to,
      reason: typeof request.reason === 'string' ? request.reason : request.reason(to),
      actor: request.actor,
      at: request.at,
    });
    consent = { ...consent, status: to, statusUpdatedAt: request.at, updatedAt: request.at };
  }
  return { consent, from, to, changed: consent !== loaded };
}
