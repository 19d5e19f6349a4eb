// The Customer Care portal's consent statuses (seed 000) and how they map onto each family's wire statuses.
// A revoked consent is "Revoked by PSU" or "Terminated by TPP" depending on who revoked it, which only the
// status history's actor type tells.
import type { ActorType, ConsentStatus } from './consent.js';

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

const WIRE: Record<PortalStatus, readonly ConsentStatus[]> = {
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
 * A portal status as a filter of the one consent search: the wire statuses it names (as readers see them),
 * and for a revoked one who revoked it (the actor type of its revocation history row).
 */
export function portalStatusFilter(status: PortalStatus): {
  statuses: readonly ConsentStatus[];
  revokedBy?: readonly ActorType[];
} {
  const statuses = WIRE[status];
  if (status === 'RevokedByPSU') return { statuses, revokedBy: PSU_SIDE };
  if (status === 'TerminatedByTPP') return { statuses, revokedBy: TPP_SIDE };
  return { statuses };
}

/**
 * The portal status of a consent whose wire status (lazy expiry already applied) is `wireStatus`;
 * `revokedBy` is the actor type of its revocation history row, when revoked.
 */
export function portalStatusOf(wireStatus: string, revokedBy: string | null): PortalStatus {
  if ((WIRE.RevokedByPSU as readonly string[]).includes(wireStatus))
    return revokedBy !== null && TPP_SIDE.includes(revokedBy as ActorType)
      ? 'TerminatedByTPP'
      : 'RevokedByPSU';
  const found = PORTAL_STATUSES.find((s) => (WIRE[s] as readonly string[]).includes(wireStatus));
  // Every wire status of every family is in WIRE; an unknown one is shown as received rather than hidden.
  return found ?? 'Received';
}
