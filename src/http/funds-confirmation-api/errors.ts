// How the funds-confirmation API (seed 004) shows every domain error: the OB error body and statuses of
// the manage API, except that an unknown consent in the path is a 404 (seed 004). Where the consent is
// named in the body (user consent, validation, funds check) the manage API's map applies as is: an unknown
// one is a bad request, since seed 004 lists no 404 for those endpoints.
import type { ObErrorMap } from '../ob/ob-errors.js';
import { OB_ERRORS } from '../ob/ob-error-map.js';

export const COF_API_ERRORS: ObErrorMap = {
  base: OB_ERRORS,
  codes: { 'consent.not_found': { status: 404, errorCode: 'UK.OBIE.Resource.NotFound' } },
};
