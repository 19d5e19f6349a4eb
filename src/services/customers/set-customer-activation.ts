import type { AppContext } from '../../context.js';
import { applyCustomerActivation } from './apply-customer-activation.js';
import { type CustomerReference, resolveCustomer } from './resolve-customer.js';
import { type Caller } from './caller.js';
import { partnerFor } from './partner-for.js';

/**
 * Deactivates or activates a wallet. Activating a deactivated wallet also unlocks it and clears the
 * failure count: the only B2B way to unlock (seed 001).
 */
export async function setCustomerActivation(
  ctx: AppContext,
  caller: Caller,
  input: CustomerReference & { activate: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const partner = await partnerFor(ctx, repos, caller.partnerClientId);
    const before = await resolveCustomer(repos, partner, input);
    await applyCustomerActivation(repos, caller, partner, before, input.activate, now);
  });
}
