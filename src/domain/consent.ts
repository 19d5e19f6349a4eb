// Consent model shared by every consent family.

export const OBIE_STATUSES = [
  'AwaitingUpload',
  'AwaitingAuthorisation',
  'Authorised',
  'Rejected',
  'Revoked',
  'Expired',
  'Consumed',
] as const;
export type ObieStatus = (typeof OBIE_STATUSES)[number];

export const OBP_STATUSES = ['INITIATED', 'ACCEPTED', 'REJECTED', 'REVOKED', 'EXPIRED'] as const;
export type ObpStatus = (typeof OBP_STATUSES)[number];

/** Every status a stored consent can have, whatever its family. */
export type ConsentStatus = ObieStatus | ObpStatus;

/**
 * What a consent grants, independent of the API that created it. The manage API's URL segments map onto
 * these in http/ (a new API family adds its kinds here, never a URL).
 */
export const CONSENT_KINDS = [
  'accounts',
  'domestic-payment',
  'domestic-scheduled-payment',
  'domestic-standing-order',
  'international-payment',
  'file-payment',
  'funds-confirmation',
  'domestic-vrp',
  'obp',
] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** The lifecycle family a kind follows (DESIGN.md §2): one transition table each. */
export const CONSENT_FAMILIES = [
  'accounts',
  'payments',
  'file-payments',
  'funds-confirmation',
  'vrp',
  'obp',
] as const;
export type ConsentFamily = (typeof CONSENT_FAMILIES)[number];

/** The statuses of each family: a family's table, its expiry and its API use only these. */
export interface FamilyStatuses {
  accounts: Exclude<ObieStatus, 'AwaitingUpload' | 'Consumed'>;
  payments: Exclude<ObieStatus, 'AwaitingUpload' | 'Revoked'>;
  'file-payments': Exclude<ObieStatus, 'Revoked'>;
  'funds-confirmation': Exclude<ObieStatus, 'AwaitingUpload' | 'Consumed'>;
  vrp: Exclude<ObieStatus, 'AwaitingUpload' | 'Consumed'>;
  obp: ObpStatus;
}
export type StatusOf<F extends ConsentFamily> = FamilyStatuses[F];

export interface KindInfo {
  family: ConsentFamily;
  /** Which API standard the consent belongs to (stored as api_family). */
  apiFamily: 'obie' | 'obp';
  /** WSO2 `consentType` (stored; shown by the manage API's internal detail view). */
  consentType: string;
  /** Creation and file upload need an idempotency key (OB rw profile: payment, file and VRP consents). */
  idempotent: boolean;
  initialStatus: ConsentStatus;
}

const obie = (
  family: ConsentFamily,
  consentType: string,
  idempotent: boolean,
  initialStatus: ObieStatus = 'AwaitingAuthorisation',
): KindInfo => ({ family, apiFamily: 'obie', consentType, idempotent, initialStatus });

export const KIND_INFO: Record<ConsentKind, KindInfo> = {
  accounts: obie('accounts', 'accounts', false),
  'domestic-payment': obie('payments', 'payments', true),
  'domestic-scheduled-payment': obie('payments', 'payments', true),
  'domestic-standing-order': obie('payments', 'payments', true),
  'international-payment': obie('payments', 'payments', true),
  'file-payment': obie('file-payments', 'payments', true, 'AwaitingUpload'),
  'funds-confirmation': obie('funds-confirmation', 'fundsconfirmations', false),
  'domestic-vrp': obie('vrp', 'vrp', true),
  obp: { family: 'obp', apiFamily: 'obp', consentType: 'obp', idempotent: false, initialStatus: 'INITIATED' },
};

export function familyOf(kind: ConsentKind): ConsentFamily {
  return KIND_INFO[kind].family;
}

export type ActorType = 'tpp' | 'psu' | 'officer' | 'bank' | 'system' | 'admin' | 'partner';

export interface Actor {
  type: ActorType;
  id: string;
}

export interface Consent {
  consentId: string;
  kind: ConsentKind;
  consentType: string;
  apiFamily: 'obie' | 'obp';
  clientId: string;
  status: ConsentStatus;
  /** The original request as received (JSON text). */
  receipt: string;
  createdAt: number;
  updatedAt: number;
  statusUpdatedAt: number;
  validFrom: number | null;
  /** Epoch ms; null = open ended. */
  expiresAt: number | null;
  recurringIndicator: boolean;
  frequency: number;
  userId: string | null;
  lastUsageAt: number | null;
}

export interface AccountMapping {
  mappingId: string;
  accountId: string;
  permission: string;
  mappingStatus: string;
}

export interface Authorisation {
  authorisationId: string;
  consentId: string;
  userId: string | null;
  type: string;
  status: string;
  updatedAt: number;
  mappings: AccountMapping[];
}

export interface ConsentDetail {
  consent: Consent;
  attributes: Record<string, string>;
  authorisations: Authorisation[];
}

export interface StatusChange {
  consentId: string;
  fromStatus: ConsentStatus | null;
  toStatus: ConsentStatus;
  reason: string;
  actor: Actor;
  /** When the status changed (a stored expiry: the expiry instant). */
  at: number;
  /** When the change was written, if later than `at` (a stored expiry); defaults to `at`. */
  recordedAt?: number;
}

export function isObieStatus(value: string): value is ObieStatus {
  return (OBIE_STATUSES as readonly string[]).includes(value);
}
