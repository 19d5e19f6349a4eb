import type { AppContext } from '../context.js';
import { CONSENT_RESOURCES, RESOURCE_INFO, type ConsentFamily } from '../domain/consent.js';
import { expirableStatuses, nextStatus } from '../domain/consent-lifecycle.js';

const BATCH = 1000;

/** Moves every consent past its expiry to its expired status, in bounded set-based batches. */
export async function expireConsents(ctx: AppContext): Promise<number> {
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
          repos.consents.expireDue(resources, from, to, now, BATCH, { type: 'system', id: 'expiry-job' }),
        );
        total += moved.length;
        if (moved.length < BATCH) break;
      }
    }
  }
  return total;
}
