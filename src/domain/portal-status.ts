// The Customer Care portal's consent statuses (seed 000) and how they map onto each family's wire statuses.
// A revoked consent is "Revoked by PSU" or "Terminated by TPP" depending on who revoked it, which only the
// status history's actor type tells.
import type { ActorType } from './consent.js';
import { expirableStatuses, TRANSITIONS } from './consent-lifecycle.js';
import type { ConsentFamily } from './consent.js';

export const PORTAL_STATUSES = [
  'Received',
  'Rejected',
  'PartiallyAuthorised',
  'Valid',
  'RevokedByPSU',
  'Expired',
  'TerminatedByTPP',
  'Consumed',
] as const;
export type PortalStatus = (typeof PORTAL_STATUSES)[number];

export const PORTAL_STATUS_LABELS: Record<PortalStatus, string> = {
  Received: 'Received',
  Rejected: 'Rejected',
  PartiallyAuthorised: 'Partially Authorised',
  Valid: 'Valid',
  RevokedByPSU: 'Revoked by PSU',
  Expired: 'Expired',
  TerminatedByTPP: 'Terminated by TPP',
  Consumed: 'Consumed',
};

export function isPortalStatus(value: string): value is PortalStatus {
  return (PORTAL_STATUSES as readonly string[]).includes(value);
}

/** The portal's consent types and the stored consent_type values each covers. */
export const PORTAL_CONSENT_TYPES = {
  accounts: { label: 'Accounts', consentTypes: ['accounts'] },
  payments: { label: 'Payments', consentTypes: ['payments'] },
  'funds-confirmation': { label: 'Funds confirmation', consentTypes: ['fundsconfirmations'] },
  vrp: { label: 'VRP', consentTypes: ['vrp'] },
  obp: { label: 'OBP', consentTypes: ['obp'] },
} as const satisfies Record<string, { label: string; consentTypes: readonly string[] }>;
export type PortalConsentType = keyof typeof PORTAL_CONSENT_TYPES;

export function isPortalConsentType(value: string): value is PortalConsentType {
  return Object.hasOwn(PORTAL_CONSENT_TYPES, value);
}

/** Who revoked: the customer's side (the PSU, an officer for them, the bank's consent page) or the TPP. */
const TPP_SIDE: readonly ActorType[] = ['tpp'];
const PSU_SIDE: readonly ActorType[] = ['psu', 'officer', 'bank', 'admin'];

const OBIE_FAMILIES = Object.keys(TRANSITIONS) as ConsentFamily[];
/** Statuses that read as Expired once their expiry instant has passed (lazy expiry), in every family. */
const LAPSING = [
  ...new Set([...OBIE_FAMILIES.flatMap((f) => expirableStatuses(f)), 'INITIATED', 'ACCEPTED']),
];

const WIRE: Record<PortalStatus, readonly string[]> = {
  Received: ['AwaitingAuthorisation', 'AwaitingUpload', 'INITIATED'],
  Rejected: ['Rejected', 'REJECTED'],
  PartiallyAuthorised: [],
  Valid: ['Authorised', 'ACCEPTED'],
  RevokedByPSU: ['Revoked', 'REVOKED'],
  Expired: ['Expired', 'EXPIRED'],
  TerminatedByTPP: ['Revoked', 'REVOKED'],
  Consumed: ['Consumed'],
};

/**
 * How stored rows must look to match a status: `live` rows have not passed their expiry, `lapsed` rows
 * have (they read as expired), `any` ignores expiry; `revokedBy` limits to consents whose revocation
 * history row has one of these actor types.
 */
export interface StoredStatusCondition {
  statuses: readonly string[];
  expiry: 'any' | 'live' | 'lapsed';
  revokedBy?: readonly ActorType[];
}

function lapsing(statuses: readonly string[]): string[] {
  return statuses.filter((s) => LAPSING.includes(s));
}

/** The stored-row conditions (OR-ed) of a wire status as a reader sees it now. */
export function wireStatusConditions(status: string): StoredStatusCondition[] {
  if (WIRE.Expired.includes(status))
    return [
      { statuses: [status], expiry: 'any' },
      { statuses: LAPSING, expiry: 'lapsed' },
    ];
  return [{ statuses: [status], expiry: LAPSING.includes(status) ? 'live' : 'any' }];
}

/** The stored-row conditions (OR-ed) of a portal status; none at all matches nothing. */
export function portalStatusConditions(status: PortalStatus): StoredStatusCondition[] {
  const statuses = WIRE[status];
  if (statuses.length === 0) return [];
  if (status === 'Expired')
    return [
      { statuses, expiry: 'any' },
      { statuses: LAPSING, expiry: 'lapsed' },
    ];
  if (status === 'RevokedByPSU') return [{ statuses, expiry: 'any', revokedBy: PSU_SIDE }];
  if (status === 'TerminatedByTPP') return [{ statuses, expiry: 'any', revokedBy: TPP_SIDE }];
  const live = lapsing(statuses);
  const rest = statuses.filter((s) => !live.includes(s));
  return [
    ...(live.length > 0 ? [{ statuses: live, expiry: 'live' as const }] : []),
    ...(rest.length > 0 ? [{ statuses: rest, expiry: 'any' as const }] : []),
  ];
}

/**
 * The portal status of a consent whose wire status (lazy expiry already applied) is `wireStatus`;
 * `revokedBy` is the actor type of its revocation history row, when revoked.
 */
export function portalStatusOf(wireStatus: string, revokedBy: string | null): PortalStatus {
  if (WIRE.RevokedByPSU.includes(wireStatus))
    return revokedBy !== null && TPP_SIDE.includes(revokedBy as ActorType)
      ? 'TerminatedByTPP'
      : 'RevokedByPSU';
  const found = PORTAL_STATUSES.find((s) => WIRE[s].includes(wireStatus));
  // Every wire status of every family is in WIRE; an unknown one is shown as received rather than hidden.
  return found ?? 'Received';
}
