// What an OBP consent holds beyond the consent row (seed 003, ref/README.md §8): the Consent-JWT, the views
// and entitlements it grants, who created it, how SCA is done; consent requests and VRP limits.
import { DomainError } from './errors.js';

export const OBP_SCA_METHODS = ['EMAIL', 'SMS', 'IMPLICIT'] as const;
export type ObpScaMethod = (typeof OBP_SCA_METHODS)[number];

export function isObpScaMethod(value: string): value is ObpScaMethod {
  return (OBP_SCA_METHODS as readonly string[]).includes(value);
}

/** A view on an account, as OBP writes it (JWT claim `views`). */
export interface ObpView {
  bank_id: string;
  account_id: string;
  view_id: string;
  /** VRP consents: the counterparty the consent pays. */
  helper_info?: { counterparty_ids: string[] };
}

/** A role at a bank, as OBP writes it (JWT claim `entitlements`); '' = at every bank. */
export interface ObpRoleGrant {
  bank_id: string;
  role_name: string;
}

/** The OBP data of one consent (table obp_consents). */
export interface ObpConsentRecord {
  consentId: string;
  jwt: string;
  scaMethod: ObpScaMethod;
  /** The customer (PSU) who created the consent. */
  createdByUserId: string;
  everything: boolean;
  views: ObpView[];
  entitlements: ObpRoleGrant[];
  /** The OBP version of the endpoint that created it ("v5.1.0"). */
  apiVersion: string;
  consentRequestId: string | null;
  counterpartyId: string | null;
}

/** One SCA challenge: the code only as a salted hash. */
export interface ObpScaChallenge {
  consentId: string;
  channel: 'EMAIL' | 'SMS';
  recipient: string;
  codeSalt: string;
  codeHash: string;
  createdAt: number;
  expiresAt: number;
  answeredAt: number | null;
  outcome: 'ACCEPTED' | 'REJECTED' | null;
}

export interface ObpRouting {
  scheme: string;
  address: string;
}

export interface ObpVrpAccount {
  bank_routing: ObpRouting;
  account_routing: ObpRouting;
  branch_routing: ObpRouting;
}

/** VRP counterparty limits: amounts as exact decimal text, counts as integers; null = not given. */
export interface ObpVrpLimits {
  currency: string;
  max_single_amount: string | null;
  max_monthly_amount: string | null;
  max_number_of_monthly_transactions: number | null;
  max_yearly_amount: string | null;
  max_number_of_yearly_transactions: number | null;
  max_total_amount: string | null;
  max_number_of_transactions: number | null;
}

export const VRP_AMOUNT_LIMITS = [
  'max_single_amount',
  'max_monthly_amount',
  'max_yearly_amount',
  'max_total_amount',
] as const;
export const VRP_COUNT_LIMITS = [
  'max_number_of_monthly_transactions',
  'max_number_of_yearly_transactions',
  'max_number_of_transactions',
] as const;

export interface ObpVrpTerms {
  from_account: ObpVrpAccount;
  to_account: ObpVrpAccount & { counterparty_name: string | null; limit: ObpVrpLimits };
}

export type ObpConsentRequestType = 'standard' | 'vrp';

/** A consent request of a consumer (table obp_consent_requests, with obp_vrp_limits for VRP ones). */
export interface ObpConsentRequest {
  consentRequestId: string;
  consumerId: string;
  type: ObpConsentRequestType;
  /** The payload as stored (normalised); VRP limits read back from their own columns. */
  payload: Record<string, unknown>;
  createdAt: number;
  usedAt: number | null;
  consentId: string | null;
  vrp: ObpVrpTerms | null;
}

/** A decimal amount written as OBP does: non-negative, at most 15 significant digits (so exact as a JSON number). */
const AMOUNT = /^(\d{1,15})(?:\.(\d{1,15}))?$/;

/** The canonical decimal text of an amount (number or string), or undefined when it is none. */
export function canonicalAmount(value: unknown): string | undefined {
  const text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  if (typeof text !== 'string') return undefined;
  const match = AMOUNT.exec(text);
  if (!match) return undefined;
  const whole = match[1]!.replace(/^0+(?=\d)/, '');
  const fraction = (match[2] ?? '').replace(/0+$/, '');
  if (whole.replace(/^0+/, '').length + fraction.length > 15) return undefined;
  return fraction === '' ? whole : `${whole}.${fraction}`;
}

/** An amount on the wire: a JSON number, as the seed shows (exact: at most 15 significant digits). */
export function amountOnWire(amount: string | null): number | null {
  return amount === null ? null : Number(amount);
}

/** An OBP consent takes a user only while it has none (OBP's ConsentUserAlreadyAdded, OBP-35024). */
export function assertConsentHasNoUser(userId: string | null): void {
  if (userId !== null) throw new DomainError('consent.user_already_added');
}
