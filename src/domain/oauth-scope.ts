// OAuth2 scopes a TPP may ask for, and which client roles allow each (UK OB: AISP accounts, PISP payments,
// CBPII fundsconfirmations).
import type { ClientRole } from './client.js';
import { DomainError } from './errors.js';

export const OAUTH_SCOPES = ['accounts', 'payments', 'fundsconfirmations'] as const;
export type OauthScope = (typeof OAUTH_SCOPES)[number];

const SCOPE_ROLE: Record<OauthScope, ClientRole> = {
  accounts: 'AISP',
  payments: 'PISP',
  fundsconfirmations: 'CBPII',
};

export function scopesAllowedFor(roles: readonly ClientRole[]): OauthScope[] {
  return OAUTH_SCOPES.filter((scope) => roles.includes(SCOPE_ROLE[scope]));
}

/**
 * The scopes to grant for a `scope` request parameter (space separated, RFC 6749 §3.3). Without one the
 * client gets every scope its roles allow; asking for an unknown or disallowed scope is `invalid_scope`.
 */
export function grantedScopes(requested: string | undefined, roles: readonly ClientRole[]): OauthScope[] {
  const allowed = scopesAllowedFor(roles);
  const asked = (requested ?? '').split(' ').filter(Boolean);
  if (asked.length === 0) {
    if (allowed.length === 0)
      throw new DomainError('token.invalid_scope', 'The client holds no role that allows a scope');
    return allowed;
  }
  for (const scope of asked) {
    if (!(OAUTH_SCOPES as readonly string[]).includes(scope))
      throw new DomainError('token.invalid_scope', `Unknown scope: ${scope}`);
    if (!allowed.includes(scope as OauthScope))
      throw new DomainError('token.invalid_scope', `The client is not allowed the scope ${scope}`);
  }
  return OAUTH_SCOPES.filter((scope) => asked.includes(scope));
}

/** An issued access token as stored (the token itself is never stored, only its hash). */
export interface OauthToken {
  clientId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
}
