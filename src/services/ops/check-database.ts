import type { AppContext } from '../../context.js';

export async function checkDatabase(ctx: AppContext): Promise<void> {
  await ctx.storage.ping();
}
