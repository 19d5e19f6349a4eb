// How the OAuth2 endpoints show every domain error: RFC 6749 §5.2 / RFC 7662 {error, error_description}.
import type { ErrorMap } from '../kit/error-map.js';

export interface OauthErrorMapping {
  status: number;
  error: string;
}

/** RFC 6749 has no code for most of our failures: by kind, they are request, client or server errors. */
export const OAUTH2_ERRORS: ErrorMap<OauthErrorMapping> = {
  kinds: {
    invalid: { status: 400, error: 'invalid_request' },
    unauthenticated: { status: 401, error: 'invalid_client' },
    forbidden: { status: 403, error: 'access_denied' },
    not_found: { status: 404, error: 'invalid_request' },
    method_not_allowed: { status: 405, error: 'invalid_request' },
    not_acceptable: { status: 406, error: 'invalid_request' },
    conflict: { status: 409, error: 'invalid_request' },
    too_large: { status: 413, error: 'invalid_request' },
    unsupported_media_type: { status: 415, error: 'invalid_request' },
    rate_limited: { status: 429, error: 'slow_down' },
    unexpected: { status: 500, error: 'server_error' },
  },
  codes: {
    'token.unsupported_grant_type': { status: 400, error: 'unsupported_grant_type' },
    'token.invalid_scope': { status: 400, error: 'invalid_scope' },
  },
};
