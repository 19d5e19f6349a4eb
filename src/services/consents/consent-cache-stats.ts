import type { AppContext } from '../../context.js';

/** The consent read cache's hits, misses and size (zeros when it is off). */
export function consentCacheStats(ctx: AppContext) {
  return ctx.storage.consentCacheStats() ?? { hits: 0, misses: 0, size: 0 };
}
