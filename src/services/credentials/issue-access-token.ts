// OAuth2 client credentials grant (RFC 6749 §4.4) for TPPs.
import { createHash, randomBytes } from 'node:crypto';
import type { AppContext } from '../../context.js';
import { DomainError, isDomainError } from '../../domain/errors.js';
import { grantedScopes } from '../../domain/oauth-scope.js';
import { authenticateClient } from './authenticate-client.js';

export interface TokenRequest {
  clientId: string;
  clientSecret: string;
  grantType: string | undefined;
  scope: string | undefined;
}

export interface IssuedToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  scope: string;
}

/** Tokens are stored only as this hash: whoever reads the table cannot use what is in it. */
export function hashAccessToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** What the caller checks around client authentication (the HTTP layer's rate limits). */
export interface ClientAuthenticationGate {
  /** Before the secret is checked: throws to refuse (a source with too many failures). */
  before(): Promise<void>;
  /** The client_id/secret was wrong. */
  failed(): Promise<void>;
  /** The client is known: throws to refuse before a token is issued (the client's own limit). */
  authenticated(clientId: string): Promise<void>;
}

const OPEN_GATE: ClientAuthenticationGate = {
  before: async () => undefined,
  failed: async () => undefined,
  authenticated: async () => undefined,
};

export async function issueAccessToken(
  ctx: AppContext,
  request: TokenRequest,
  gate: ClientAuthenticationGate = OPEN_GATE,
): Promise<IssuedToken> {
  if (request.grantType === undefined || request.grantType === '')
    throw new DomainError('request.field_missing', 'grant_type is required', [{ path: 'grant_type' }]);
  if (request.grantType !== 'client_credentials')
    throw new DomainError(
      'token.unsupported_grant_type',
      `The grant type ${request.grantType} is not supported; use client_credentials`,
    );
  await gate.before();
  const client = await authenticateClient(ctx, request.clientId, request.clientSecret).catch(
    async (error: unknown) => {
      if (isDomainError(error) && error.code === 'token.invalid_client') await gate.failed();
      throw error;
    },
  );
  await gate.authenticated(client.clientId);
  const scopes = grantedScopes(request.scope, client.roles);
  // 256 bits from the CSPRNG: unguessable, so a lookup by hash is the whole check.
  const accessToken = randomBytes(32).toString('base64url');
  const now = ctx.clock.now();
  const ttl = ctx.config.tokenTtlSeconds;
  await ctx.storage.repos.oauthTokens.insert(hashAccessToken(accessToken), {
    clientId: client.clientId,
    scopes,
    issuedAt: now,
    expiresAt: now + ttl * 1000,
  });
  return { accessToken, tokenType: 'Bearer', expiresIn: ttl, scope: scopes.join(' ') };
}
