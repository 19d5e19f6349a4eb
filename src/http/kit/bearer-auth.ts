// Bearer access tokens (RFC 6750) on TPP-facing routes: the token only from the Authorization header.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { isDomainError } from '../../domain/errors.js';
import type { OauthScope } from '../../domain/oauth-scope.js';
import { authenticateBearer, type BearerIdentity } from '../../services/credentials/authenticate-bearer.js';

declare module 'fastify' {
  interface FastifyRequest {
    bearer?: BearerIdentity;
  }
}

const REALM = 'ConsentHub';

/** The token of an `Authorization: Bearer <token>` header (any case of "Bearer"), else undefined. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header ?? '');
  return match?.[1];
}

/** An onRequest/preHandler hook admitting a client whose token carries `scope`; 401/403 with WWW-Authenticate. */
export function requireBearer(ctx: AppContext, scope: OauthScope) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    try {
      request.bearer = await authenticateBearer(ctx, bearerToken(request.headers.authorization), scope);
    } catch (error) {
      if (isDomainError(error)) {
        const detail =
          error.code === 'token.invalid'
            ? ', error="invalid_token"'
            : error.code === 'token.insufficient_scope'
              ? `, error="insufficient_scope", scope="${scope}"`
              : '';
        reply.header('www-authenticate', `Bearer realm="${REALM}"${detail}`);
      }
      throw error;
    }
  };
}
