import type { AppContext } from '../context.js';

export function countConsentsByTypeAndStatus(ctx: AppContext) {
  return ctx.storage.repos.consents.countByTypeAndStatus();
}

export async function checkDatabase(ctx: AppContext): Promise<void> {
  await ctx.storage.ping();
}

/** The consent read cache's hits, misses and size (zeros when it is off). */
export function consentCacheStats(ctx: AppContext) {
  return ctx.storage.consentCacheStats() ?? { hits: 0, misses: 0, size: 0 };
}
