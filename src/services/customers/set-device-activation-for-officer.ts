import type { AppContext } from '../../context.js';
import type { CustomerProfile } from '../../domain/customer.js';
import { applyDeviceActivation } from './apply-device-activation.js';
import type { Officer } from './officer.js';
import { runOfficerAction } from './run-officer-action.js';

/** An officer switches one of a customer's devices on or off. */
export function setDeviceActivationForOfficer(
  ctx: AppContext,
  officer: Officer,
  customerId: string,
  deviceId: string,
  activate: boolean,
): Promise<CustomerProfile> {
  return runOfficerAction(ctx, officer, customerId, (repos, caller, partner, customer, now) =>
    applyDeviceActivation(repos, caller, partner, customer, deviceId, activate, now),
  );
}
