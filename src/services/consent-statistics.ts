import type { AppContext } from '../context.js';

export function countConsentsByTypeAndStatus(ctx: AppContext) {
  return ctx.storage.repos.consents.countByTypeAndStatus();
}

export async function checkDatabase(ctx: AppContext): Promise<void> {
  await ctx.storage.ping();
}
