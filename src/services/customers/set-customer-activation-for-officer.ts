import type { AppContext } from '../../context.js';
import type { CustomerProfile } from '../../domain/customer.js';
import { applyCustomerActivation } from './apply-customer-activation.js';
import type { Officer } from './officer.js';
import { runOfficerAction } from './run-officer-action.js';

/** An officer deactivates or activates a wallet (activating also unlocks it, seed 001). */
export function setCustomerActivationForOfficer(
  ctx: AppContext,
  officer: Officer,
  customerId: string,
  activate: boolean,
): Promise<CustomerProfile> {
  return runOfficerAction(ctx, officer, customerId, (repos, caller, partner, customer, now) =>
    applyCustomerActivation(repos, caller, partner, customer, activate, now),
  );
}
