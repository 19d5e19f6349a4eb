import type { AppContext } from '../../context.js';

/** Expired access tokens are useless; the table keeps only live ones. */
export async function purgeExpiredTokens(ctx: AppContext): Promise<number> {
  return ctx.storage.repos.oauthTokens.deleteExpired(ctx.clock.now());
}
