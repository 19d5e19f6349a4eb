// The consent lifecycle as data: one transition table per consent family, typed by that family's
// statuses. Nothing changes a consent status except through nextStatus() (called by the one service step,
// services/consents/transition-consent.ts).
import type { ConsentFamily, ConsentStatus, ObieStatus, ObpStatus, StatusOf } from './consent.js';
import { DomainError } from './errors.js';

export const CONSENT_EVENTS = ['upload_file', 'authorise', 'reject', 'revoke', 'expire', 'consume'] as const;
export type ConsentEvent = (typeof CONSENT_EVENTS)[number];

/** From each status, the status each allowed event leads to; an event not listed is an illegal move. */
export type TransitionTable<S extends string> = Partial<Record<S, Partial<Record<ConsentEvent, S>>>>;

const revocable = {
  AwaitingAuthorisation: {
    authorise: 'Authorised',
    reject: 'Rejected',
    revoke: 'Revoked',
    expire: 'Expired',
  },
  Authorised: { revoke: 'Revoked', expire: 'Expired' },
} as const satisfies TransitionTable<StatusOf<'accounts'>>;

const payment = {
  AwaitingAuthorisation: { authorise: 'Authorised', reject: 'Rejected', expire: 'Expired' },
  Authorised: { consume: 'Consumed', expire: 'Expired' },
} as const satisfies TransitionTable<StatusOf<'payments'>>;

export const TRANSITIONS: { [F in ConsentFamily]: TransitionTable<StatusOf<F>> } = {
  accounts: revocable,
  'funds-confirmation': revocable,
  vrp: revocable,
  payments: payment,
  'file-payments': {
    AwaitingUpload: { upload_file: 'AwaitingAuthorisation', reject: 'Rejected', expire: 'Expired' },
    ...payment,
  },
  // OBP (ref/README.md §8): the SCA answer accepts or rejects; an accepted consent is revoked or expires.
  // OBP's revoke endpoints revoke whatever the status (APIMethods510): a consent still waiting for its SCA
  // answer can be withdrawn too.
  obp: {
    INITIATED: { authorise: 'ACCEPTED', reject: 'REJECTED', revoke: 'REVOKED' },
    ACCEPTED: { revoke: 'REVOKED', expire: 'EXPIRED' },
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

/** The family's table looked up by a stored status of any family (a foreign status has no moves). */
function movesFrom(
  family: ConsentFamily,
  from: ConsentStatus,
): Partial<Record<ConsentEvent, ConsentStatus>> | undefined {
  return (TRANSITIONS[family] as TransitionTable<ConsentStatus>)[from];
}

export function nextStatus(family: ConsentFamily, from: ConsentStatus, event: ConsentEvent): ConsentStatus {
  if (event === 'revoke' && !isRevocableFamily(family)) {
    throw new DomainError('consent.not_revocable');
  }
  const to = movesFrom(family, from)?.[event];
  if (to === undefined) {
    throw new DomainError(
      'consent.invalid_transition',
      `A consent in status ${from} cannot ${EVENT_PHRASE[event]}`,
    );
  }
  return to;
}

/** The event that leads to a named target status (the internal PUT and the PSU binding name statuses). */
const OBIE_EVENT_FOR_STATUS: Partial<Record<ObieStatus, ConsentEvent>> = {
  AwaitingAuthorisation: 'upload_file',
  Authorised: 'authorise',
  Rejected: 'reject',
  Revoked: 'revoke',
  Expired: 'expire',
  Consumed: 'consume',
};
const OBP_EVENT_FOR_STATUS: Partial<Record<ObpStatus, ConsentEvent>> = {
  ACCEPTED: 'authorise',
  REJECTED: 'reject',
  REVOKED: 'revoke',
  EXPIRED: 'expire',
};

export function eventForStatus(family: ConsentFamily, target: string): ConsentEvent {
  const events: Partial<Record<string, ConsentEvent>> =
    family === 'obp' ? OBP_EVENT_FOR_STATUS : OBIE_EVENT_FOR_STATUS;
  const event = events[target];
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
export function nextStatusForRequest(
  family: ConsentFamily,
  current: ConsentStatus,
  requested: string,
): ConsentStatus {
  if (requested === current) return current;
  const event = eventForStatus(family, requested);
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

/** Statuses from which a consent of this family expires (lazily, and by the expiry job). */
export function expirableStatuses(family: ConsentFamily): ConsentStatus[] {
  return (Object.entries(TRANSITIONS[family]) as [ConsentStatus, Partial<Record<ConsentEvent, string>>][])
    .filter(([, events]) => events.expire !== undefined)
    .map(([status]) => status);
}

/** The status a consent of this family expires to, if it expires at all. */
export function expiredStatusOf(family: ConsentFamily): ConsentStatus | undefined {
  const [from] = expirableStatuses(family);
  return from === undefined ? undefined : movesFrom(family, from)?.expire;
}

/** The authorisation status that goes with a consent status once a PSU is bound; any other is Created. */
const AUTHORISATION_STATUS: Partial<Record<ConsentStatus, string>> = {
  Authorised: 'Authorised',
  Rejected: 'Rejected',
  Revoked: 'Revoked',
};

export function authorisationStatusFor(consentStatus: ConsentStatus): string {
  return AUTHORISATION_STATUS[consentStatus] ?? 'Created';
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
const ACTIVE_MAPPING_STATUSES: ReadonlySet<ConsentStatus> = new Set<ObieStatus>([
  'AwaitingAuthorisation',
  'Authorised',
]);

export function mappingStatusFor(consentStatus: ConsentStatus): 'active' | 'inactive' {
  return ACTIVE_MAPPING_STATUSES.has(consentStatus) ? 'active' : 'inactive';
}

/** The one status per family under which a consent may be used (by the gateway, by an OBP call). */
const USABLE_STATUS: { [F in ConsentFamily]: StatusOf<F> } = {
  accounts: 'Authorised',
  payments: 'Authorised',
  'file-payments': 'Authorised',
  'funds-confirmation': 'Authorised',
  vrp: 'Authorised',
  obp: 'ACCEPTED',
};

export function isUsableStatus(family: ConsentFamily, status: ConsentStatus): boolean {
  return status === USABLE_STATUS[family];
}

export interface UsabilityProblem {
  code: 'consent.expired' | 'consent.invalid_status';
  message: string;
}

/**
 * Why a consent may not be used now, or undefined when it may: past its expiry instant (whatever its
 * stored status), else not in its family's usable status.
 */
export function usabilityProblem(
  family: ConsentFamily,
  consent: { status: ConsentStatus; expiresAt: number | null },
  now: number,
): UsabilityProblem | undefined {
  if (consent.expiresAt !== null && consent.expiresAt <= now)
    return { code: 'consent.expired', message: 'The consent has expired' };
  if (!isUsableStatus(family, consent.status))
    return {
      code: 'consent.invalid_status',
      message: `The consent is ${consent.status}, not ${USABLE_STATUS[family]}`,
    };
  return undefined;
}

/** The consent as a reader sees it at `now`: lazy expiry applied to its status and status time. */
export function asSeenAt<
  C extends { status: ConsentStatus; expiresAt: number | null; statusUpdatedAt: number },
>(family: ConsentFamily, consent: C, now: number): C {
  const seen = effectiveStatus(family, consent, now);
  return seen.status === consent.status ? consent : { ...consent, ...seen };
}

/**
 * Lazy expiry: the status a reader must see now. A consent past its expiry instant that the lifecycle
 * allows to expire reads as expired (the transition step stores it on the next change, the job sooner).
 */
export function effectiveStatus(
  family: ConsentFamily,
  consent: { status: ConsentStatus; expiresAt: number | null; statusUpdatedAt: number },
  now: number,
): { status: ConsentStatus; statusUpdatedAt: number } {
  if (consent.expiresAt !== null && consent.expiresAt <= now) {
    const to = movesFrom(family, consent.status)?.expire;
    if (to !== undefined) return { status: to, statusUpdatedAt: consent.expiresAt };
  }
  return { status: consent.status, statusUpdatedAt: consent.statusUpdatedAt };
}

/** Stored rows that read as a status now: `live` = not past expiry, `lapsed` = past it, `any` = either. */
export interface StoredStatusMatch {
  status: ConsentStatus;
  expiry: 'any' | 'live' | 'lapsed';
}

/**
 * Lazy expiry for searches: which stored rows of this family read as `status` now. Asking for Authorised
 * excludes consents past their expiry; asking for Expired includes every expirable status past it.
 */
export function storedStatusesReadingAs(family: ConsentFamily, status: ConsentStatus): StoredStatusMatch[] {
  const expirable = expirableStatuses(family);
  if (status === expiredStatusOf(family))
    return [
      { status, expiry: 'any' },
      ...expirable.map((from) => ({ status: from, expiry: 'lapsed' as const })),
    ];
  return [{ status, expiry: expirable.includes(status) ? 'live' : 'any' }];
}
