// Every failure a use case can report, named 'area.reason'. Each API's errors.ts maps every code to its
// own wire format with `satisfies Record<ErrorCode, ...>`, so adding a code here fails the type check
// until every API has decided how to show it.

export const ERROR_CODES = {
  'request.invalid': 'The request is not valid',
  'request.malformed': 'The request body could not be parsed',
  'request.field_missing': 'A required field is missing',
  'request.field_invalid': 'A field has an invalid value',
  'request.date_invalid': 'A date-time field is invalid',
  'request.header_missing': 'A required header is missing',
  'request.header_invalid': 'A header has an invalid value',
  'request.too_large': 'The request body is too large',
  'request.unsupported_media_type': 'The Content-Type is not supported',
  'request.not_acceptable': 'The Accept header cannot be satisfied',
  'request.method_not_allowed': 'The method is not allowed on this resource',
  'request.not_found': 'No such endpoint',
  'request.rate_limited': 'Too many requests',
  'auth.missing': 'Authentication is required',
  'auth.invalid': 'The credentials are not valid',
  'auth.locked': 'The account is locked after too many failed attempts',
  'auth.forbidden': 'The caller is not allowed to do this',
  'auth.csrf_failed': 'The request did not come from the portal (CSRF token or origin check failed)',
  'client.missing': 'The client id is missing',
  'client.unknown': 'The client id is not valid',
  'client.exists': 'A client with that id already exists',
  'operator.unknown': 'No such operator',
  'operator.exists': 'An operator with that username already exists',
  'consent.not_found': 'The consent was not found',
  'consent.invalid_transition': 'The consent status does not allow this change',
  'consent.not_revocable': 'Payment consents cannot be revoked',
  'consent.invalid_status': 'The consent is not in a status that allows this',
  'consent.expired': 'The consent has expired',
  'consent.file_hash_mismatch': 'The uploaded file does not match the consent FileHash',
  'consent.file_exists': 'A file was already uploaded for this consent',
  'consent.file_not_found': 'No file was uploaded for this consent',
  'consent.not_file_payment': 'The consent does not accept files',
  'idempotency.key_missing': 'The x-idempotency-key header is required',
  'idempotency.key_invalid': 'The x-idempotency-key header is invalid',
  'idempotency.key_reused': 'The idempotency key was already used with a different request',
  'customer.not_found': 'No such customer for this partner',
  'customer.exists': 'A customer with that username already exists',
  'customer.criteria_missing': 'At least one search criterion is required',
  'customer.unavailable': 'The customer account is locked or inactive',
  'partner.unknown': 'No such issuing partner',
  'device.not_found': 'No such device for this customer',
  'token.invalid_client': 'Client authentication failed',
  'token.unsupported_grant_type': 'The grant type is not supported',
  'token.invalid_scope': 'The requested scope is unknown or not allowed for this client',
  'token.invalid': 'The access token is unknown, expired or revoked',
  'token.insufficient_scope': 'The access token does not carry the scope this API requires',
  'account.not_found': 'No such bank account',
  'account.exists': 'A bank account with that id or identification already exists',
  'account.customer_unknown': 'No such customer',
  'account.not_owned': 'The account does not belong to the user',
  'psu.unknown': 'The user id is not a known customer (a PSU user id is the customer username)',
  'funds.user_mismatch': 'The consent is bound to another user',
  'funds.debtor_account_mismatch': 'The accounts do not include the consent DebtorAccount',
  'funds.currency_mismatch': 'The currency is not the currency of the debtor account',
  'customer.email_not_pending': 'The customer has no e-mail address waiting for verification',
  'customer.email_mismatch': 'The e-mail address is not the one waiting for verification',
  'bank.not_found': 'No such bank',
  'consumer.unknown': 'No consumer with that key or id',
  'consumer.disabled': 'The consumer is disabled',
  'entitlement.missing': 'The user is missing one or more roles',
  'entitlement.exists': 'The customer already holds that role at that bank',
  'entitlement.not_found': 'No such entitlement for this customer',
  'entitlement.role_unknown': 'The role name is not known',
  'user.not_found': 'No user with that user id',
  'certificate.missing': 'No client certificate was presented',
  'certificate.invalid': 'The client certificate cannot be parsed',
  'consent_jwt.invalid': 'The Consent-JWT signature or claims could not be verified',
  'consent_jwt.not_yet_valid': 'The Consent-JWT is not valid yet (nbf is in the future)',
  'consent_jwt.expired': 'The Consent-JWT has expired',
  'otp.send_failed': 'The one-time code could not be sent',
  'consent.header_missing': 'No Consent-JWT or Consent-Id header',
  'consent.header_invalid': 'The consent header is neither a UUID nor a JWT',
  'consent.sca_method_unsupported': 'Only SMS, EMAIL and IMPLICIT are supported as SCA methods',
  'consent.already_revoked': 'The consent is already revoked',
  'consent.roles_not_held': 'A consent can only contain roles the user holds',
  'consent.views_not_held': 'A consent can only contain views the user holds',
  'consent.roles_forbidden': 'A consent cannot contain the entitlement-creating roles',
  'consent.ttl_too_long': 'time_to_live exceeds the maximum',
  'consent.consumer_mismatch': 'The consent does not match the calling consumer',
  'consent.consumer_key_missing': 'The Consumer-Key header is missing',
  'consent.consumer_disabled': 'The consumer of the consent is disabled',
  'consent.consumer_unknown': 'The consumer of the consent cannot be found',
  'consent.user_mismatch': 'The consent does not match the user',
  'consent.user_already_added': 'The consent already has a user',
  'consent_request.not_found': 'No such consent request',
  'consent_request.invalid': 'The consent request is invalid or already used',
  'internal.unexpected': 'An unexpected error occurred',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ErrorDetail {
  /** JSON path of the offending field, e.g. Data.Permissions */
  path?: string;
  message?: string;
}

export class DomainError extends Error {
  readonly details: readonly ErrorDetail[];
  constructor(
    readonly code: ErrorCode,
    message?: string,
    details: ErrorDetail[] = [],
  ) {
    super(message ?? ERROR_CODES[code]);
    this.name = 'DomainError';
    this.details = details;
  }
}

export function ensure(
  condition: unknown,
  code: ErrorCode,
  message?: string,
  details?: ErrorDetail[],
): asserts condition {
  if (!condition) throw new DomainError(code, message, details);
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}
