// The client scheme: OAuth 2.0 bearer access tokens (RFC 6750) on TPP-facing routes, the token only from
// the Authorization header.
import type { FastifyReply } from 'fastify';
import type { AppContext } from '../../context.js';
import { isDomainError } from '../../domain/errors.js';
import type { OauthScope } from '../../domain/oauth-scope.js';
import { authenticateBearer } from '../../services/credentials/authenticate-bearer.js';
import type { AuthScheme } from './authenticate.js';
import type { PrincipalOf } from './principal.js';

const REALM = 'ConsentHub';

/** The token of an `Authorization: Bearer <token>` header (any case of "Bearer"), else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header ?? '');
  return match?.[1];
}

/** Whether the Authorization header names the Bearer scheme (well formed or not). */
export function offersBearer(header: string | undefined): boolean {
  return /^bearer\s/i.test(header ?? '');
}

function challenge(reply: FastifyReply, code: string, scope: OauthScope): void {
  const detail =
    code === 'token.invalid'
      ? ', error="invalid_token"'
      : code === 'token.insufficient_scope'
        ? `, error="insufficient_scope", scope="${scope}"`
        : '';
  reply.header('www-authenticate', `Bearer realm="${REALM}"${detail}`);
}

/** Clients whose token carries `scope`; a refusal carries WWW-Authenticate (RFC 6750 §3). */
export function clientScheme(ctx: AppContext, scope: OauthScope): AuthScheme<PrincipalOf<'client'>> {
  return {
    offered: (request) => offersBearer(request.headers.authorization),
    verify: async (request, reply) => {
      try {
        const identity = await authenticateBearer(ctx, bearerToken(request.headers.authorization), scope);
        return { kind: 'client', clientId: identity.clientId, scopes: identity.scopes };
      } catch (error) {
        if (isDomainError(error)) challenge(reply, error.code, scope);
        throw error;
      }
    },
  };
}
