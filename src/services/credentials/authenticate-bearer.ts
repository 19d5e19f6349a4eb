import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { OauthScope } from '../../domain/oauth-scope.js';
import { introspectToken } from './introspect-token.js';

export interface BearerIdentity {
  clientId: string;
  scopes: string[];
}

/**
 * The client behind a bearer token, if the token is known, unexpired, its client still active, and it
 * carries `scope`. Scopes the client's current roles no longer allow do not count, so a role change takes
 * effect at once.
 */
export async function authenticateBearer(
  ctx: AppContext,
  token: string | undefined,
  scope: OauthScope,
): Promise<BearerIdentity> {
  if (token === undefined || token === '')
    throw new DomainError('auth.missing', 'A bearer access token is required');
  const introspection = await introspectToken(ctx, token);
  if (!introspection.active) throw new DomainError('token.invalid');
  const { clientId, scopes } = introspection;
  if (!scopes.includes(scope))
    throw new DomainError(
      'token.insufficient_scope',
      `This API needs an access token with the ${scope} scope`,
    );
  return { clientId, scopes };
}
