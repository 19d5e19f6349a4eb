import type { AppContext } from '../../context.js';

export async function purgeExpiredIdempotencyKeys(ctx: AppContext): Promise<number> {
  return ctx.storage.repos.idempotency.purgeExpired(ctx.clock.now());
}
