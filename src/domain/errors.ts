// Every failure a use case can report, named 'area.reason', with its default meaning (its kind: what sort
// of failure it is, whatever API shows it) and message. Each API's error map (http/<api>/errors.ts) shows
// every kind in its own wire format and lists only the codes it shows differently, so a new code needs a
// kind here (the type check fails without one) and is then shown by every API as that kind.

/** What a failure means, independent of any wire format; http/ turns a kind into a status. */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'method_not_allowed'
  | 'not_acceptable'
  | 'conflict'
  | 'too_large'
  | 'unsupported_media_type'
  | 'rate_limited'
  | 'unexpected';

export interface ErrorCodeMeaning {
  readonly kind: ErrorKind;
  readonly message: string;
}

export type ErrorRegistry = Readonly<Record<string, ErrorCodeMeaning>>;

export const ERROR_CODES = {
  'request.invalid': { kind: 'invalid', message: 'The request is not valid' },
  'request.malformed': { kind: 'invalid', message: 'The request body could not be parsed' },
  'request.field_missing': { kind: 'invalid', message: 'A required field is missing' },
  'request.field_invalid': { kind: 'invalid', message: 'A field has an invalid value' },
  'request.field_unexpected': { kind: 'invalid', message: 'A field is not allowed here' },
  'request.limit_invalid': { kind: 'invalid', message: 'The limit parameter is not a whole number >= 1' },
  'request.offset_invalid': { kind: 'invalid', message: 'The offset parameter is not a whole number >= 0' },
  'request.date_invalid': { kind: 'invalid', message: 'A date-time field is invalid' },
  'request.header_missing': { kind: 'invalid', message: 'A required header is missing' },
  'request.header_invalid': { kind: 'invalid', message: 'A header has an invalid value' },
  'request.too_large': { kind: 'too_large', message: 'The request body is too large' },
  'request.unsupported_media_type': {
    kind: 'unsupported_media_type',
    message: 'The Content-Type is not supported',
  },
  'request.not_acceptable': { kind: 'not_acceptable', message: 'The Accept header cannot be satisfied' },
  'request.method_not_allowed': {
    kind: 'method_not_allowed',
    message: 'The method is not allowed on this resource',
  },
  'request.not_found': { kind: 'not_found', message: 'No such endpoint' },
  'request.rate_limited': { kind: 'rate_limited', message: 'Too many requests' },
  'auth.missing': { kind: 'unauthenticated', message: 'Authentication is required' },
  'auth.invalid': { kind: 'unauthenticated', message: 'The credentials are not valid' },
  'auth.locked': { kind: 'unauthenticated', message: 'The account is locked after too many failed attempts' },
  'auth.forbidden': { kind: 'forbidden', message: 'The caller is not allowed to do this' },
  'auth.csrf_failed': {
    kind: 'forbidden',
    message: 'The request did not come from the portal (CSRF token or origin check failed)',
  },
  'client.missing': { kind: 'invalid', message: 'The client id is missing' },
  'client.unknown': { kind: 'not_found', message: 'The client id is not valid' },
  'client.exists': { kind: 'conflict', message: 'A client with that id already exists' },
  'operator.unknown': { kind: 'not_found', message: 'No such operator' },
  'operator.exists': { kind: 'conflict', message: 'An operator with that username already exists' },
  'consent.not_found': { kind: 'not_found', message: 'The consent was not found' },
  'consent.invalid_transition': {
    kind: 'conflict',
    message: 'The consent status does not allow this change',
  },
  'consent.not_revocable': { kind: 'conflict', message: 'Payment consents cannot be revoked' },
  'consent.invalid_status': { kind: 'conflict', message: 'The consent is not in a status that allows this' },
  'consent.expired': { kind: 'conflict', message: 'The consent has expired' },
  'consent.file_hash_mismatch': {
    kind: 'invalid',
    message: 'The uploaded file does not match the consent FileHash',
  },
  'consent.file_exists': { kind: 'conflict', message: 'A file was already uploaded for this consent' },
  'consent.file_not_found': { kind: 'not_found', message: 'No file was uploaded for this consent' },
  'consent.not_file_payment': { kind: 'invalid', message: 'The consent does not accept files' },
  'idempotency.key_missing': { kind: 'invalid', message: 'The x-idempotency-key header is required' },
  'idempotency.key_invalid': { kind: 'invalid', message: 'The x-idempotency-key header is invalid' },
  'idempotency.key_reused': {
    kind: 'conflict',
    message: 'The idempotency key was already used with a different request',
  },
  'customer.not_found': { kind: 'not_found', message: 'No such customer for this partner' },
  'customer.exists': { kind: 'conflict', message: 'A customer with that username already exists' },
  'customer.criteria_missing': { kind: 'invalid', message: 'At least one search criterion is required' },
  'customer.unavailable': { kind: 'forbidden', message: 'The customer account is locked or inactive' },
  'partner.unknown': { kind: 'invalid', message: 'No such issuing partner' },
  'device.not_found': { kind: 'not_found', message: 'No such device for this customer' },
  'token.invalid_client': { kind: 'unauthenticated', message: 'Client authentication failed' },
  'token.unsupported_grant_type': { kind: 'invalid', message: 'The grant type is not supported' },
  'token.invalid_scope': {
    kind: 'invalid',
    message: 'The requested scope is unknown or not allowed for this client',
  },
  'token.invalid': { kind: 'unauthenticated', message: 'The access token is unknown, expired or revoked' },
  'token.insufficient_scope': {
    kind: 'forbidden',
    message: 'The access token does not carry the scope this API requires',
  },
  'account.not_found': { kind: 'not_found', message: 'No such bank account' },
  'account.exists': {
    kind: 'conflict',
    message: 'A bank account with that id or identification already exists',
  },
  'account.customer_unknown': { kind: 'invalid', message: 'No such customer' },
  'account.not_owned': { kind: 'invalid', message: 'The account does not belong to the user' },
  'psu.unknown': {
    kind: 'invalid',
    message: 'The user id is not a known customer (a PSU user id is the customer username)',
  },
  'funds.user_mismatch': { kind: 'invalid', message: 'The consent is bound to another user' },
  'funds.debtor_account_mismatch': {
    kind: 'invalid',
    message: 'The accounts do not include the consent DebtorAccount',
  },
  'funds.currency_mismatch': {
    kind: 'invalid',
    message: 'The currency is not the currency of the debtor account',
  },
  'customer.email_not_pending': {
    kind: 'conflict',
    message: 'The customer has no e-mail address waiting for verification',
  },
  'customer.email_mismatch': {
    kind: 'conflict',
    message: 'The e-mail address is not the one waiting for verification',
  },
  'bank.not_found': { kind: 'not_found', message: 'No such bank' },
  'consumer.unknown': { kind: 'unauthenticated', message: 'No consumer with that key or id' },
  'consumer.disabled': { kind: 'unauthenticated', message: 'The consumer is disabled' },
  'entitlement.missing': { kind: 'forbidden', message: 'The user is missing one or more roles' },
  'entitlement.exists': { kind: 'conflict', message: 'The customer already holds that role at that bank' },
  'entitlement.not_found': { kind: 'not_found', message: 'No such entitlement for this customer' },
  'entitlement.role_unknown': { kind: 'invalid', message: 'The role name is not known' },
  'user.not_found': { kind: 'not_found', message: 'No user with that user id' },
  'certificate.missing': { kind: 'invalid', message: 'No client certificate was presented' },
  'certificate.invalid': { kind: 'invalid', message: 'The client certificate cannot be parsed' },
  'consent_jwt.invalid': {
    kind: 'unauthenticated',
    message: 'The Consent-JWT signature or claims could not be verified',
  },
  'consent_jwt.not_yet_valid': {
    kind: 'unauthenticated',
    message: 'The Consent-JWT is not valid yet (nbf is in the future)',
  },
  'consent_jwt.expired': { kind: 'unauthenticated', message: 'The Consent-JWT has expired' },
  'otp.send_failed': { kind: 'invalid', message: 'The one-time code could not be sent' },
  'consent.header_missing': { kind: 'unauthenticated', message: 'No Consent-JWT or Consent-Id header' },
  'consent.header_invalid': { kind: 'invalid', message: 'The consent header is neither a UUID nor a JWT' },
  'consent.sca_method_unsupported': {
    kind: 'invalid',
    message: 'Only SMS, EMAIL and IMPLICIT are supported as SCA methods',
  },
  'consent.already_revoked': { kind: 'invalid', message: 'The consent is already revoked' },
  'consent.roles_not_held': { kind: 'invalid', message: 'A consent can only contain roles the user holds' },
  'consent.views_not_held': { kind: 'invalid', message: 'A consent can only contain views the user holds' },
  'consent.roles_forbidden': {
    kind: 'invalid',
    message: 'A consent cannot contain the entitlement-creating roles',
  },
  'consent.ttl_too_long': { kind: 'invalid', message: 'time_to_live exceeds the maximum' },
  'consent.consumer_mismatch': {
    kind: 'unauthenticated',
    message: 'The consent does not match the calling consumer',
  },
  'consent.consumer_key_missing': { kind: 'unauthenticated', message: 'The Consumer-Key header is missing' },
  'consent.consumer_disabled': {
    kind: 'unauthenticated',
    message: 'The consumer of the consent is disabled',
  },
  'consent.consumer_unknown': {
    kind: 'unauthenticated',
    message: 'The consumer of the consent cannot be found',
  },
  'consent.user_mismatch': { kind: 'unauthenticated', message: 'The consent does not match the user' },
  'consent.user_already_added': { kind: 'invalid', message: 'The consent already has a user' },
  'consent_request.not_found': { kind: 'not_found', message: 'No such consent request' },
  'consent_request.invalid': { kind: 'invalid', message: 'The consent request is invalid or already used' },
  'internal.unexpected': { kind: 'unexpected', message: 'An unexpected error occurred' },
} as const satisfies ErrorRegistry;

export type ErrorCode = keyof typeof ERROR_CODES;

export function kindOf(code: ErrorCode): ErrorKind {
  return ERROR_CODES[code].kind;
}

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
    super(message ?? ERROR_CODES[code].message);
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
