// The OBIE-family lifecycle as data: one transition table per consent family. Nothing changes a consent
// status except through nextStatus().
import type { ConsentFamily, ObieStatus } from './consent.js';
import { DomainError } from './errors.js';

export const CONSENT_EVENTS = ['upload_file', 'authorise', 'reject', 'revoke', 'expire', 'consume'] as const;
export type ConsentEvent = (typeof CONSENT_EVENTS)[number];

type Table = Partial<Record<ObieStatus, Partial<Record<ConsentEvent, ObieStatus>>>>;

const revocable: Table = {
  AwaitingAuthorisation: {
    authorise: 'Authorised',
    reject: 'Rejected',
    revoke: 'Revoked',
    expire: 'Expired',
  },
  Authorised: { revoke: 'Revoked', expire: 'Expired' },
};

const payment: Table = {
  AwaitingAuthorisation: { authorise: 'Authorised', reject: 'Rejected', expire: 'Expired' },
  Authorised: { consume: 'Consumed', expire: 'Expired' },
};

export const TRANSITIONS: Record<ConsentFamily, Table> = {
  accounts: revocable,
  'funds-confirmation': revocable,
  vrp: revocable,
  payments: payment,
  'file-payments': {
    AwaitingUpload: { upload_file: 'AwaitingAuthorisation', reject: 'Rejected', expire: 'Expired' },
    ...payment,
  },
};

/** Families whose consents a TPP, PSU or officer may revoke (PSD2 art. 80: payments may not be). */
export function isRevocableFamily(family: ConsentFamily): boolean {
  return family !== 'payments' && family !== 'file-payments';
}

const EVENT_PHRASE: Record<ConsentEvent, string> = {
  upload_file: 'receive a file',
  authorise: 'be authorised',
  reject: 'be rejected',
  revoke: 'be revoked',
  expire: 'expire',
  consume: 'be consumed',
};

export function nextStatus(family: ConsentFamily, from: string, event: ConsentEvent): ObieStatus {
  if (event === 'revoke' && !isRevocableFamily(family)) {
    throw new DomainError('consent.not_revocable');
  }
  const to = TRANSITIONS[family][from as ObieStatus]?.[event];
  if (to === undefined) {
    throw new DomainError(
      'consent.invalid_transition',
      `A consent in status ${from} cannot ${EVENT_PHRASE[event]}`,
    );
  }
  return to;
}

/** The event that leads to a requested target status (the internal PUT names statuses, not events). */
const EVENT_FOR_STATUS: Partial<Record<ObieStatus, ConsentEvent>> = {
  AwaitingAuthorisation: 'upload_file',
  Authorised: 'authorise',
  Rejected: 'reject',
  Revoked: 'revoke',
  Expired: 'expire',
  Consumed: 'consume',
};

export function eventForStatus(target: string): ConsentEvent {
  const event = EVENT_FOR_STATUS[target as ObieStatus];
  if (event === undefined) {
    throw new DomainError('consent.invalid_transition', `Status ${target} cannot be set directly`);
  }
  return event;
}

/**
 * The status a consent in `current` moves to when a caller names the status it wants (the internal PUT, the
 * PSU binding): the same status is no change; a file-payment consent reaches AwaitingAuthorisation only by
 * its file upload.
 */
export function nextStatusForRequest(family: ConsentFamily, current: string, requested: string): string {
  if (requested === current) return current;
  const event = eventForStatus(requested);
  // Only a file-payment consent has that transition, and only its upload may take it; for any other
  // family the table itself refuses it.
  if (event === 'upload_file' && family === 'file-payments') {
    throw new DomainError(
      'consent.invalid_transition',
      'A file-payment consent becomes AwaitingAuthorisation when its file is uploaded',
    );
  }
  return nextStatus(family, current, event);
}

/** Statuses from which the expiry job may move a consent to Expired. */
export function expirableStatuses(family: ConsentFamily): ObieStatus[] {
  return (Object.entries(TRANSITIONS[family]) as [ObieStatus, Partial<Record<ConsentEvent, ObieStatus>>][])
    .filter(([, events]) => events.expire !== undefined)
    .map(([status]) => status);
}

/** The authorisation status that goes with a consent status once a PSU is bound; any other is Created. */
const AUTHORISATION_STATUS: Partial<Record<ObieStatus, string>> = {
  Authorised: 'Authorised',
  Rejected: 'Rejected',
  Revoked: 'Revoked',
};

export function authorisationStatusFor(consentStatus: string): string {
  return AUTHORISATION_STATUS[consentStatus as ObieStatus] ?? 'Created';
}

/**
 * Authorisation statuses that no longer let their user (or their account mappings) use a consent. The
 * internal PUT stores what the bank sends, so the lower-case spellings count too.
 */
export const INACTIVE_AUTHORISATION_STATUSES: readonly string[] = [
  'Revoked',
  'Rejected',
  'revoked',
  'rejected',
];

/** Consent statuses under which the accounts a PSU bound stay active (mapped, not yet withdrawn). */
const ACTIVE_MAPPING_STATUSES: ReadonlySet<string> = new Set<ObieStatus>([
  'AwaitingAuthorisation',
  'Authorised',
]);

export function mappingStatusFor(consentStatus: string): 'active' | 'inactive' {
  return ACTIVE_MAPPING_STATUSES.has(consentStatus) ? 'active' : 'inactive';
}

/** A status that lets the consent be used by the gateway. */
export function isUsableStatus(status: string): boolean {
  return status === 'Authorised';
}

export interface UsabilityProblem {
  code: 'consent.expired' | 'consent.invalid_status';
  message: string;
}

/**
 * Why a consent may not be used now, or undefined when it may: past its expiry instant (whatever its
 * stored status), else not in a usable status.
 */
export function usabilityProblem(
  consent: { status: string; expiresAt: number | null },
  now: number,
): UsabilityProblem | undefined {
  if (consent.expiresAt !== null && consent.expiresAt <= now)
    return { code: 'consent.expired', message: 'The consent has expired' };
  if (!isUsableStatus(consent.status))
    return { code: 'consent.invalid_status', message: `The consent is ${consent.status}, not Authorised` };
  return undefined;
}

/** The consent as a reader sees it at `now`: lazy expiry applied to its status and status time. */
export function asSeenAt<C extends { status: string; expiresAt: number | null; statusUpdatedAt: number }>(
  family: ConsentFamily,
  consent: C,
  now: number,
): C {
  return { ...consent, ...effectiveStatus(family, consent, now) };
}

/**
 * Lazy expiry: the status a reader must see now. A consent past its expiry instant that the lifecycle
 * allows to expire reads as Expired (the periodic job later stores it).
 */
export function effectiveStatus(
  family: ConsentFamily,
  consent: { status: string; expiresAt: number | null; statusUpdatedAt: number },
  now: number,
): { status: string; statusUpdatedAt: number } {
  if (consent.expiresAt !== null && consent.expiresAt <= now) {
    const to = TRANSITIONS[family][consent.status as ObieStatus]?.expire;
    if (to !== undefined) return { status: to, statusUpdatedAt: consent.expiresAt };
  }
  return { status: consent.status, statusUpdatedAt: consent.statusUpdatedAt };
}
