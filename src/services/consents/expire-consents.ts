import type { AppContext } from '../../context.js';
import { CONSENT_RESOURCES, RESOURCE_INFO, type ConsentFamily } from '../../domain/consent.js';
import { expirableStatuses, nextStatus } from '../../domain/consent-lifecycle.js';

const BATCH = 1000;
const EXPIRY_JOB = { type: 'system', id: 'expiry-job' } as const;

/** Moves every consent past its expiry to its expired status, in bounded set-based batches. */
export async function expireConsents(ctx: AppContext, options: { batchSize?: number } = {}): Promise<number> {
  const batch = options.batchSize ?? BATCH;
  const now = ctx.clock.now();
  const byFamily = new Map<ConsentFamily, string[]>();
  for (const resource of CONSENT_RESOURCES) {
    const family = RESOURCE_INFO[resource].family;
    byFamily.set(family, [...(byFamily.get(family) ?? []), resource]);
  }
  let total = 0;
  for (const [family, resources] of byFamily) {
    for (const from of expirableStatuses(family)) {
      const to = nextStatus(family, from, 'expire');
      for (;;) {
        const moved = await ctx.storage.transaction((repos) =>
          repos.consents.expireDue(resources, from, to, now, batch, EXPIRY_JOB),
        );
        total += moved.length;
        if (moved.length < batch) break;
      }
    }
  }
  return total;
}
