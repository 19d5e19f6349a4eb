import type { AppContext } from '../../context.js';
import type { CustomerProfile } from '../../domain/customer.js';
import { applyCustomerActivation } from './apply-customer-activation.js';
import type { Officer } from './officer.js';
import { runOfficerAction } from './run-officer-action.js';

/**
 * Seed 001's unlock: deactivate, then activate (which clears the lock), as one action in one transaction.
 * A customer already active and unlocked is left alone.
 */
export function unlockCustomer(
  ctx: AppContext,
  officer: Officer,
  customerId: string,
): Promise<CustomerProfile> {
  return runOfficerAction(ctx, officer, customerId, async (repos, caller, partner, customer, now) => {
    if (customer.active && !customer.locked) return;
    const deactivated = await applyCustomerActivation(repos, caller, partner, customer, false, now);
    await applyCustomerActivation(repos, caller, partner, deactivated, true, now);
  });
}
