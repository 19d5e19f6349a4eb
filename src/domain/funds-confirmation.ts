// Funds-confirmation facts beyond the shared consent model: the PSU binding of seed 004 and the checks made.

/** Statuses a funds-confirmation-user-consent body may ask for. */
export const USER_CONSENT_STATUSES = ['AwaitingAuthorisation', 'Authorised', 'Rejected', 'Revoked'] as const;

/** Consent attributes that keep the binding details the search answers with. */
export const COLLECTION_METHOD_ATTRIBUTE = 'collectionMethod';
export const CONSENT_GIVEN_ATTRIBUTE = 'consentGivenTimestamp';

/** The permission recorded on an account mapping of a funds-confirmation consent. */
export const FUNDS_PERMISSION = 'ReadFundsConfirmation';

/** The account a CBPII named in its consent request (OB DebtorAccount), as far as it identified one. */
export interface DebtorAccount {
  SchemeName?: string;
  Identification?: string;
}

/** The DebtorAccount of a funds-confirmation consent's stored request, if it named one. */
export function debtorAccountOf(receipt: string): DebtorAccount | undefined {
  const body = JSON.parse(receipt) as { Data?: { DebtorAccount?: DebtorAccount } };
  return body.Data?.DebtorAccount;
}

export interface FundsConfirmation {
  fundsConfirmationId: string;
  consentId: string;
  clientId: string;
  accountId: string;
  reference: string;
  amount: string;
  currency: string;
  fundsAvailable: boolean;
  createdAt: number;
}
