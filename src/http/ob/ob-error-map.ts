// How the OBIE-style APIs (manage, validate, funds confirmation) show domain errors by default (UK OB v3.1
// namespaced codes): each kind, then the codes this format shows differently. An API's own errors.ts builds
// on this map and lists only what it shows differently again.
import type { ErrorMap } from '../kit/error-map.js';
import type { ObErrorMapping } from './ob-errors.js';

const INVALID_CREDENTIALS = 'The credentials are not valid';

export const OB_ERRORS: ErrorMap<ObErrorMapping> = {
  kinds: {
    invalid: { status: 400, errorCode: 'UK.OBIE.Field.Invalid' },
    unauthenticated: { status: 401, errorCode: 'UK.OBIE.Header.Invalid' },
    forbidden: { status: 403, errorCode: 'UK.OBIE.Header.Invalid' },
    not_found: { status: 404, errorCode: 'UK.OBIE.Resource.NotFound' },
    method_not_allowed: { status: 405, errorCode: 'UK.OBIE.Resource.InvalidFormat' },
    not_acceptable: { status: 406, errorCode: 'UK.OBIE.Header.Invalid' },
    conflict: { status: 409, errorCode: 'UK.OBIE.Rules.ResourceAlreadyExists' },
    too_large: { status: 413, errorCode: 'UK.OBIE.Field.Invalid' },
    unsupported_media_type: { status: 415, errorCode: 'UK.OBIE.Header.Invalid' },
    rate_limited: { status: 429, errorCode: 'UK.OBIE.UnexpectedError' },
    unexpected: {
      status: 500,
      errorCode: 'UK.OBIE.UnexpectedError',
      message: 'An unexpected error occurred',
    },
  },
  codes: {
    'request.malformed': { status: 400, errorCode: 'UK.OBIE.Resource.InvalidFormat' },
    'request.field_missing': { status: 400, errorCode: 'UK.OBIE.Field.Missing' },
    'request.field_unexpected': { status: 400, errorCode: 'UK.OBIE.Field.Unexpected' },
    'request.date_invalid': { status: 400, errorCode: 'UK.OBIE.Field.InvalidDate' },
    'request.header_missing': { status: 400, errorCode: 'UK.OBIE.Header.Missing' },
    'request.header_invalid': { status: 400, errorCode: 'UK.OBIE.Header.Invalid' },
    'auth.missing': { status: 401, errorCode: 'UK.OBIE.Header.Missing' },
    'auth.invalid': { status: 401, errorCode: 'UK.OBIE.Header.Invalid', message: INVALID_CREDENTIALS },
    'auth.locked': { status: 401, errorCode: 'UK.OBIE.Header.Invalid', message: INVALID_CREDENTIALS },
    'client.missing': { status: 400, errorCode: 'UK.OBIE.Header.Missing' },
    'client.unknown': { status: 401, errorCode: 'UK.OBIE.Header.Invalid' },
    'consent.not_found': { status: 400, errorCode: 'UK.OBIE.Resource.NotFound' },
    'consent.invalid_transition': { status: 400, errorCode: 'UK.OBIE.Resource.InvalidConsentStatus' },
    'consent.not_revocable': { status: 400, errorCode: 'UK.OBIE.Resource.InvalidConsentStatus' },
    'consent.invalid_status': { status: 400, errorCode: 'UK.OBIE.Resource.InvalidConsentStatus' },
    'consent.expired': { status: 400, errorCode: 'UK.OBIE.Resource.InvalidConsentStatus' },
    'consent.file_exists': { status: 400, errorCode: 'UK.OBIE.Resource.InvalidConsentStatus' },
    'consent.file_not_found': { status: 400, errorCode: 'UK.OBIE.Resource.NotFound' },
    'consent.not_file_payment': { status: 400, errorCode: 'UK.OBIE.Resource.InvalidFormat' },
    'idempotency.key_missing': { status: 400, errorCode: 'UK.OBIE.Header.Missing' },
    'idempotency.key_invalid': { status: 400, errorCode: 'UK.OBIE.Header.Invalid' },
    'idempotency.key_reused': { status: 400, errorCode: 'UK.OBIE.Field.Invalid' },
    'customer.criteria_missing': { status: 400, errorCode: 'UK.OBIE.Field.Missing' },
    'account.not_found': { status: 400, errorCode: 'UK.OBIE.Resource.NotFound' },
    'funds.user_mismatch': { status: 400, errorCode: 'UK.OBIE.Resource.ConsentMismatch' },
    'funds.debtor_account_mismatch': { status: 400, errorCode: 'UK.OBIE.Resource.ConsentMismatch' },
    'funds.currency_mismatch': { status: 400, errorCode: 'UK.OBIE.Unsupported.Currency' },
    'customer.email_not_pending': { status: 409, errorCode: 'UK.OBIE.Field.Invalid' },
    'customer.email_mismatch': { status: 409, errorCode: 'UK.OBIE.Field.Invalid' },
    'certificate.missing': { status: 400, errorCode: 'UK.OBIE.Header.Missing' },
    'certificate.invalid': { status: 400, errorCode: 'UK.OBIE.Header.Invalid' },
    'otp.send_failed': { status: 400, errorCode: 'UK.OBIE.UnexpectedError' },
    'consent.header_missing': { status: 401, errorCode: 'UK.OBIE.Header.Missing' },
    'consent.header_invalid': { status: 400, errorCode: 'UK.OBIE.Header.Invalid' },
    'consent.already_revoked': { status: 400, errorCode: 'UK.OBIE.Resource.InvalidConsentStatus' },
    'consent.consumer_mismatch': { status: 401, errorCode: 'UK.OBIE.Resource.ConsentMismatch' },
    'consent.consumer_key_missing': { status: 401, errorCode: 'UK.OBIE.Header.Missing' },
    'consent.user_mismatch': { status: 401, errorCode: 'UK.OBIE.Resource.ConsentMismatch' },
    'consent.user_already_added': { status: 400, errorCode: 'UK.OBIE.Resource.InvalidConsentStatus' },
  },
};
