import type { AppContext } from '../../context.js';

/** Expired access tokens (OAuth2 and OBP DirectLogin) are useless; the tables keep only live ones. */
export async function purgeExpiredTokens(ctx: AppContext): Promise<number> {
  const now = ctx.clock.now();
  const oauth = await ctx.storage.repos.oauthTokens.deleteExpired(now);
  return oauth + (await ctx.storage.repos.directLoginTokens.deleteExpired(now));
}
