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

/** The manage API resource paths, one per OBIE consent resource. */
export const CONSENT_RESOURCES = [
  'account-access-consents',
  'domestic-payment-consents',
  'domestic-scheduled-payment-consents',
  'domestic-standing-order-consents',
  'international-payment-consents',
  'file-payment-consents',
  'funds-confirmation-consents',
  'domestic-vrp-consents',
] as const;
export type ConsentResource = (typeof CONSENT_RESOURCES)[number];

/** The lifecycle family a resource follows (DESIGN.md §2). */
export type ConsentFamily = 'accounts' | 'payments' | 'file-payments' | 'funds-confirmation' | 'vrp';

export interface ResourceInfo {
  family: ConsentFamily;
  /** WSO2 `consentType` shown by the internal detail view. */
  consentType: string;
  /** Creation and file upload need an x-idempotency-key (OB rw profile: payment, file and VRP consents). */
  idempotent: boolean;
  initialStatus: ObieStatus;
}

export const RESOURCE_INFO: Record<ConsentResource, ResourceInfo> = {
  'account-access-consents': {
    family: 'accounts',
    consentType: 'accounts',
    idempotent: false,
    initialStatus: 'AwaitingAuthorisation',
  },
  'domestic-payment-consents': {
    family: 'payments',
    consentType: 'payments',
    idempotent: true,
    initialStatus: 'AwaitingAuthorisation',
  },
  'domestic-scheduled-payment-consents': {
    family: 'payments',
    consentType: 'payments',
    idempotent: true,
    initialStatus: 'AwaitingAuthorisation',
  },
  'domestic-standing-order-consents': {
    family: 'payments',
    consentType: 'payments',
    idempotent: true,
    initialStatus: 'AwaitingAuthorisation',
  },
  'international-payment-consents': {
    family: 'payments',
    consentType: 'payments',
    idempotent: true,
    initialStatus: 'AwaitingAuthorisation',
  },
  'file-payment-consents': {
    family: 'file-payments',
    consentType: 'payments',
    idempotent: true,
    initialStatus: 'AwaitingUpload',
  },
  'funds-confirmation-consents': {
    family: 'funds-confirmation',
    consentType: 'fundsconfirmations',
    idempotent: false,
    initialStatus: 'AwaitingAuthorisation',
  },
  'domestic-vrp-consents': {
    family: 'vrp',
    consentType: 'vrp',
    idempotent: true,
    initialStatus: 'AwaitingAuthorisation',
  },
};

export function isConsentResource(value: string): value is ConsentResource {
  return (CONSENT_RESOURCES as readonly string[]).includes(value);
}

export type ActorType = 'tpp' | 'psu' | 'officer' | 'bank' | 'system' | 'admin' | 'partner';

export interface Actor {
  type: ActorType;
  id: string;
}

export interface Consent {
  consentId: string;
  resource: ConsentResource;
  consentType: string;
  apiFamily: 'obie' | 'obp';
  clientId: string;
  status: string;
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
  fromStatus: string | null;
  toStatus: string;
  reason: string;
  actor: Actor;
  at: number;
}

/** Lazy expiry: a consent whose expiry instant has passed is never valid, whatever its stored status. */
export function isExpiredAt(consent: Pick<Consent, 'expiresAt'>, now: number): boolean {
  return consent.expiresAt !== null && consent.expiresAt <= now;
}
