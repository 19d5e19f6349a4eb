import type { AppContext } from '../../context.js';
import {
  CONSENT_KINDS,
  familyOf,
  type Actor,
  type ConsentFamily,
  type ConsentKind,
} from '../../domain/consent.js';
import { expirableStatuses } from '../../domain/consent-lifecycle.js';
import { transitionConsent } from './transition-consent.js';

const BATCH = 1000;
const EXPIRY_JOB: Actor = { type: 'system', id: 'expiry-job' };

/**
 * Stores the expiry of every consent past its expiry instant, in bounded batches (one transaction each),
 * each through the transition step, as lazy expiry already showed it.
 */
export async function expireConsents(ctx: AppContext, options: { batchSize?: number } = {}): Promise<number> {
  const batch = options.batchSize ?? BATCH;
  const now = ctx.clock.now();
  const byFamily = new Map<ConsentFamily, ConsentKind[]>();
  for (const kind of CONSENT_KINDS)
    byFamily.set(familyOf(kind), [...(byFamily.get(familyOf(kind)) ?? []), kind]);
  let total = 0;
  for (const [family, kinds] of byFamily) {
    for (const from of expirableStatuses(family)) {
      for (;;) {
        const due = await ctx.storage.repos.consentMaintenance.dueForExpiry(kinds, from, now, batch);
        const moved = await ctx.storage.transaction(async (repos) => {
          let count = 0;
          for (const consentId of due) {
            const outcome = await transitionConsent(repos, {
              consentId,
              binding: {},
              change: null,
              actor: EXPIRY_JOB,
              expiryActor: EXPIRY_JOB,
              reason: 'Consent expired',
              at: now,
            });
            if (outcome.changed) count += 1;
          }
          return count;
        });
        total += moved;
        // A short batch was the last; a batch of which nothing moved (all moved meanwhile) would repeat.
        if (due.length < batch || moved === 0) break;
      }
    }
  }
  return total;
}
