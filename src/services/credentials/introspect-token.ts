// RFC 7662 token introspection for the bank's gateways.
import type { AppContext } from '../../context.js';
import { scopesAllowedFor } from '../../domain/oauth-scope.js';
import { hashAccessToken } from './issue-access-token.js';

export type Introspection =
  | { active: false }
  | { active: true; clientId: string; scopes: string[]; issuedAt: number; expiresAt: number };

/** Unknown, expired, revoked and disabled-client tokens are all just inactive (RFC 7662 §2.2). */
export async function introspectToken(ctx: AppContext, token: string): Promise<Introspection> {
  if (token === '') return { active: false };
  const found = await ctx.storage.repos.oauthTokens.findUnexpired(hashAccessToken(token), ctx.clock.now());
  if (!found || !found.clientActive) return { active: false };
  const allowed: readonly string[] = scopesAllowedFor(found.clientRoles);
  return {
    active: true,
    clientId: found.clientId,
    scopes: found.scopes.filter((s) => allowed.includes(s)),
    issuedAt: found.issuedAt,
    expiresAt: found.expiresAt,
  };
}
