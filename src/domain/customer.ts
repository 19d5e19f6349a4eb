// PSUs / wallet holders (seed 001): each belongs to one issuing partner (a B2B_PARTNER client with a short
// name) and is addressed on the B2B wire by URIs built from the partner's short name and stored uuids.
import { DomainError, type ErrorDetail } from './errors.js';

/** A key/value the issuing partner keeps about a customer, e.g. birthday. */
export interface CustomerAttribute {
  key: string;
  value: string;
}

export interface Customer {
  customerId: string;
  /** The uuid inside customerUri (`<shortName>:entity:customer#<uuid>`). */
  customerUuid: string;
  partnerClientId: string;
  username: string;
  email: string;
  /** A new address waiting for verification; `email` keeps the verified one meanwhile. */
  emailPending: string | null;
  emailVerified: boolean;
  emailVerifiedAt: number | null;
  firstName: string;
  lastName: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  phone: string;
  active: boolean;
  locked: boolean;
  failedLogins: number;
  createdAt: number;
  updatedAt: number;
  passwordChangedAt: number | null;
  passcodeChangedAt: number | null;
  securityQuestionsChangedAt: number | null;
  lastLoginAt: number | null;
  additionalInfo: CustomerAttribute[];
}

export interface CustomerDevice {
  deviceId: string;
  customerId: string;
  deviceName: string;
  deviceType: string;
  active: boolean;
  createdAt: number;
  updatedAt: number;
  lastSeenAt: number | null;
}

/**
 * The B2B identity of an issuing partner. The uuids live here (one row per partner client) rather than on
 * `clients`, so the foundation table stays untouched and the URIs never change once handed out.
 */
export interface IssuingPartner {
  clientId: string;
  shortName: string;
  issuingPartnerUuid: string;
  partnerUuid: string;
  /** Consecutive wrong customer passwords before the wallet locks; null = the server default. */
  maxFailedLogins: number | null;
  /** The partner's own credential failures (B2B Basic auth lockout). */
  failedLogins: number;
  lockedUntil: number | null;
  createdAt: number;
  updatedAt: number;
}

/** What an officer needs to tell look-alike wallets apart: the customer, its partner and its devices. */
export interface CustomerProfile {
  customer: Customer;
  partner: IssuingPartner;
  devices: CustomerDevice[];
}

/** The platform namespace of `partnerUri` in the seed (`paydiant:entity:partner#<uuid>`). */
export const PLATFORM_NAMESPACE = 'paydiant';

type EntityKind = 'customer' | 'issuingpartner' | 'partner';

export function entityUri(namespace: string, kind: EntityKind, uuid: string): string {
  return `${namespace}:entity:${kind}#${uuid}`;
}

/** `certnew:entity:customer#<uuid>` -> parts, or undefined when it is not such a URI. */
export function parseEntityUri(
  uri: string,
): { namespace: string; kind: EntityKind; uuid: string } | undefined {
  const match = /^([A-Za-z0-9-]+):entity:(customer|issuingpartner|partner)#([0-9A-Fa-f-]{36})$/.exec(uri);
  if (!match) return undefined;
  return { namespace: match[1]!, kind: match[2] as EntityKind, uuid: match[3]!.toLowerCase() };
}

export function customerUriOf(partner: Pick<IssuingPartner, 'shortName'>, customer: Customer): string {
  return entityUri(partner.shortName, 'customer', customer.customerUuid);
}

export function issuingPartnerUriOf(partner: IssuingPartner): string {
  return entityUri(partner.shortName, 'issuingpartner', partner.issuingPartnerUuid);
}

export function partnerUriOf(partner: IssuingPartner): string {
  return entityUri(PLATFORM_NAMESPACE, 'partner', partner.partnerUuid);
}

/**
 * Phones are compared as digits only, so "(999) 123-4444", "999.123.4444" and "+1 999 123 4444" all find
 * the same wallet. A leading North American country code 1 on an 11-digit number is dropped.
 */
export function normalisePhone(phone: string): string {
  const digits = phone.replace(/\D/g, '');
  return digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
}

/** Case-insensitive keys for e-mail, username and names. */
export function normaliseText(value: string): string {
  return value.trim().toLowerCase();
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function isValidEmail(value: string): boolean {
  return value.length <= 254 && EMAIL_PATTERN.test(value);
}

/** 7 to 15 digits once punctuation is removed (E.164 allows at most 15). */
export function isValidPhone(value: string): boolean {
  if (!/^[+0-9 ().-]{7,25}$/.test(value)) return false;
  const digits = value.replace(/\D/g, '');
  return digits.length >= 7 && digits.length <= 15;
}

/** Contact and address fields a customer record carries; everything but address2 must be non-blank. */
export const CONTACT_FIELDS = [
  'email',
  'phone',
  'firstName',
  'lastName',
  'address1',
  'address2',
  'city',
  'state',
  'zip',
  'country',
] as const;

export type ContactFields = Partial<Record<(typeof CONTACT_FIELDS)[number], string>>;

const REQUIRED_TEXT = ['firstName', 'lastName', 'address1', 'city', 'state', 'zip', 'country'] as const;

/** Every problem with the given fields (absent fields are not checked), as error details with paths. */
export function contactFieldProblems(fields: ContactFields, pathPrefix = ''): ErrorDetail[] {
  const problems: ErrorDetail[] = [];
  const at = (name: string) => `${pathPrefix}${name}`;
  if (fields.email !== undefined && !isValidEmail(fields.email))
    problems.push({ path: at('email'), message: `${at('email')} is not a valid e-mail address` });
  if (fields.phone !== undefined && !isValidPhone(fields.phone))
    problems.push({ path: at('phone'), message: `${at('phone')} must be a phone number of 7 to 15 digits` });
  for (const name of REQUIRED_TEXT) {
    const value = fields[name];
    if (value !== undefined && value.trim() === '')
      problems.push({ path: at(name), message: `${at(name)} must not be blank` });
  }
  return problems;
}

/** The fields whose values differ, before and after: the body of an audit row. */
export function changedValues<T extends object>(
  before: T,
  after: T,
  keys: readonly (keyof T)[],
): { before: Partial<T>; after: Partial<T> } {
  const was: Partial<T> = {};
  const now: Partial<T> = {};
  for (const key of keys) {
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      was[key] = before[key];
      now[key] = after[key];
    }
  }
  return { before: was, after: now };
}

/** Activating a deactivated wallet also clears the lock and the failure count (seed 001). */
export function activationChanges(
  customer: Pick<Customer, 'active' | 'locked' | 'failedLogins'>,
  activate: boolean,
): { active: boolean; locked?: boolean; failedLogins?: number } {
  if (!activate) return { active: false };
  return customer.active ? { active: true } : { active: true, locked: false, failedLogins: 0 };
}

/**
 * What an update asking for `requested` leaves in `emailPending`. A new address replaces any address still
 * waiting (only the latest one can be verified); asking for the current address cancels the pending change.
 */
export function pendingEmailAfterUpdate(current: Pick<Customer, 'email'>, requested: string): string | null {
  const address = requested.trim();
  return normaliseText(address) === normaliseText(current.email) ? null : address;
}

/**
 * Confirms the pending address once its owner proved they receive mail there. The caller names the address
 * that was verified (case-insensitively), so a verification of an address that has since been replaced by
 * a newer update can never confirm the newer one.
 */
export function emailVerificationChanges(
  customer: Pick<Customer, 'emailPending'>,
  verified: string,
  now: number,
): { email: string; emailPending: null; emailVerified: true; emailVerifiedAt: number } {
  const pending = customer.emailPending;
  if (pending === null) throw new DomainError('customer.email_not_pending');
  if (normaliseText(verified) !== normaliseText(pending)) {
    throw new DomainError('customer.email_mismatch', undefined, [
      { path: 'email', message: 'email is not the address waiting for verification' },
    ]);
  }
  return { email: pending, emailPending: null, emailVerified: true, emailVerifiedAt: now };
}
