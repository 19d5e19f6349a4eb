// How the OAuth2 endpoints show every domain error: RFC 6749 §5.2 / RFC 7662 {error, error_description}.
import type { ErrorCode } from '../../domain/errors.js';
import { DEFAULT_STATUS } from '../kit/simple-errors.js';

export interface OauthErrorMapping {
  status: number;
  error: string;
}

export type OauthErrorMap = Record<ErrorCode, OauthErrorMapping>;

/** RFC 6749 has no code for most of our failures: by status, they are request or server errors. */
function byStatus(status: number): OauthErrorMapping {
  if (status >= 500) return { status, error: 'server_error' };
  if (status === 401) return { status, error: 'invalid_client' };
  if (status === 403) return { status, error: 'access_denied' };
  return { status, error: 'invalid_request' };
}

const defaults = Object.fromEntries(
  Object.entries(DEFAULT_STATUS).map(([code, status]) => [code, byStatus(status)]),
) as OauthErrorMap;

export const OAUTH2_ERRORS = {
  ...defaults,
  'request.rate_limited': { status: 429, error: 'slow_down' },
  'token.unsupported_grant_type': { status: 400, error: 'unsupported_grant_type' },
  'token.invalid_scope': { status: 400, error: 'invalid_scope' },
} satisfies OauthErrorMap;
