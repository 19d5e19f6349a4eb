// Domain <-> wire for the funds-confirmation API (seed 004 shapes).
import type { Consent } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { fieldAt, textAt } from '../../domain/json-fields.js';
import { formatDateTime, type UtcOffset } from '../../domain/date-time.js';
import {
  COLLECTION_METHOD_ATTRIBUTE,
  CONSENT_GIVEN_ATTRIBUTE,
  type FundsConfirmation,
} from '../../domain/funds-confirmation.js';
import type { ConfirmFundsInput } from '../../services/funds/confirm-funds.js';
import type { FundsConsentHit } from '../../services/funds/search-funds-consents.js';
import type { UserConsentResult } from '../../services/funds/bind-funds-consent-user.js';
import { COF_API_PREFIX } from '../ob/route-prefixes.js';
import { parseReceipt } from '../ob/receipt.js';

/**
 * An OBFundsConfirmation1 body (already checked against its OB schema) as the use case's input. A field
 * that is not text is refused all the same, so the input is parsed, never assumed.
 */
export function toConfirmFundsInput(body: unknown): Omit<ConfirmFundsInput, 'clientId'> {
  const data = fieldAt(body, 'Data');
  const amount = fieldAt(data, 'InstructedAmount');
  const field = (value: unknown, name: string, path: string): string => {
    const text = textAt(value, name);
    if (text === undefined)
      throw new DomainError('request.field_invalid', `${path} must be a string`, [{ path }]);
    return text;
  };
  return {
    consentId: field(data, 'ConsentId', 'Data.ConsentId'),
    reference: field(data, 'Reference', 'Data.Reference'),
    amount: field(amount, 'Amount', 'Data.InstructedAmount.Amount'),
    currency: field(amount, 'Currency', 'Data.InstructedAmount.Currency'),
  };
}

/** OBFundsConfirmationConsentResponse1: times in the offset the CBPII used in its request. */
export function toFundsConsentResponse(
  consent: Pick<Consent, 'consentId' | 'status' | 'receipt' | 'createdAt' | 'statusUpdatedAt'>,
  baseUrl: string,
) {
  const { data, dataOffset: offset } = parseReceipt(consent.receipt);
  return {
    Data: {
      ConsentId: consent.consentId,
      CreationDateTime: formatDateTime(consent.createdAt, offset),
      Status: consent.status,
      StatusUpdateDateTime: formatDateTime(consent.statusUpdatedAt, offset),
      ...(data.ExpirationDateTime !== undefined ? { ExpirationDateTime: data.ExpirationDateTime } : {}),
      DebtorAccount: data.DebtorAccount,
    },
    Links: { Self: `${baseUrl}${COF_API_PREFIX}/funds-confirmation-consents/${consent.consentId}` },
    Meta: { TotalPages: 1 },
  };
}

/** One entry of the search list (seed 004). */
export function toSearchItem(hit: FundsConsentHit, baseUrl: string) {
  const { consent } = hit;
  const debtor = textAt(parseReceipt(consent.receipt).data.DebtorAccount, 'Identification');
  return {
    ConsentId: consent.consentId,
    fundsConfirmationResponseData: toFundsConsentResponse(consent, baseUrl),
    initiationTimestamp: new Date(consent.createdAt).toISOString(),
    status: consent.status,
    clientId: consent.clientId,
    userId: consent.userId,
    // The account the PSU bound when there is one, else the one the CBPII named.
    debtorAccount: hit.accountIds[0] ?? debtor ?? null,
    consentGivenTimestamp: hit.attributes[CONSENT_GIVEN_ATTRIBUTE] ?? null,
    collectionMethod: hit.attributes[COLLECTION_METHOD_ATTRIBUTE] ?? null,
  };
}

export function toUserConsentResponse(result: UserConsentResult) {
  return {
    ConsentId: result.consentId,
    ...(result.collectionMethod !== null ? { collectionMethod: result.collectionMethod } : {}),
    userId: result.userId,
    accountIds: result.accountIds,
    status: result.status,
    givenTimeStamp: result.givenTimestamp,
  };
}

/** OBFundsConfirmationResponse1. */
export function toFundsConfirmationResponse(
  confirmation: FundsConfirmation,
  offset: UtcOffset,
  baseUrl: string,
) {
  return {
    Data: {
      FundsConfirmationId: confirmation.fundsConfirmationId,
      ConsentId: confirmation.consentId,
      CreationDateTime: formatDateTime(confirmation.createdAt, offset),
      FundsAvailable: confirmation.fundsAvailable,
      Reference: confirmation.reference,
      InstructedAmount: { Amount: confirmation.amount, Currency: confirmation.currency },
    },
    Links: { Self: `${baseUrl}${COF_API_PREFIX}/funds-confirmations/${confirmation.fundsConfirmationId}` },
    Meta: {},
  };
}
