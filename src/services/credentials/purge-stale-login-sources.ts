import type { AppContext } from '../../context.js';

/** A source's run of failures nobody continued for a day is forgotten (locks that ended too): the table stays small. */
export const LOGIN_SOURCE_MEMORY_MS = 24 * 3_600_000;

export function purgeStaleLoginSources(ctx: AppContext): Promise<number> {
  return ctx.storage.repos.loginSources.purgeStale(ctx.clock.now() - LOGIN_SOURCE_MEMORY_MS);
}
