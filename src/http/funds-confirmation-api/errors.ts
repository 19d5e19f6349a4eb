// How the funds-confirmation API (seed 004) shows every domain error: the OB error body of the manage API,
// with its own statuses where seed 004 lists them (404 for an unknown consent in the path, 401/403 for
// bearer tokens).
import type { ObErrorMap } from '../plugins/ob-errors.js';
import { MANAGE_API_ERRORS } from '../manage-api/errors.js';

export const COF_API_ERRORS = {
  ...MANAGE_API_ERRORS,
  'consent.not_found': { status: 404, errorCode: 'UK.OBIE.Resource.NotFound' },
  'auth.missing': { status: 401, errorCode: 'UK.OBIE.Header.Missing' },
  'auth.forbidden': { status: 403, errorCode: 'UK.OBIE.Header.Invalid' },
  'token.invalid': { status: 401, errorCode: 'UK.OBIE.Header.Invalid' },
  'token.insufficient_scope': { status: 403, errorCode: 'UK.OBIE.Header.Invalid' },
  'consent.invalid_transition': { status: 400, errorCode: 'UK.OBIE.Resource.InvalidConsentStatus' },
  'account.not_found': { status: 400, errorCode: 'UK.OBIE.Resource.NotFound' },
  'account.not_owned': { status: 400, errorCode: 'UK.OBIE.Field.Invalid' },
  'psu.unknown': { status: 400, errorCode: 'UK.OBIE.Field.Invalid' },
  'funds.user_mismatch': { status: 400, errorCode: 'UK.OBIE.Resource.ConsentMismatch' },
  'funds.currency_mismatch': { status: 400, errorCode: 'UK.OBIE.Unsupported.Currency' },
} satisfies ObErrorMap;

/**
 * Where the consent is named in the body (user consent, validation, funds check), an unknown one is a bad
 * request, not a missing resource: seed 004 lists no 404 for those endpoints.
 */
export const COF_BODY_REFERENCE_ERRORS = {
  ...COF_API_ERRORS,
  'consent.not_found': { status: 400, errorCode: 'UK.OBIE.Resource.NotFound' },
} satisfies ObErrorMap;
