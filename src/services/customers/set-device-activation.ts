import type { AppContext } from '../../context.js';
import { applyDeviceActivation } from './apply-device-activation.js';
import { type CustomerReference, resolveCustomer } from './resolve-customer.js';
import { type Caller } from './caller.js';
import { partnerFor } from './partner-for.js';

/** Switches one device of a customer on or off; the device stays linked to the wallet either way. */
export async function setDeviceActivation(
  ctx: AppContext,
  caller: Caller,
  input: CustomerReference & { deviceId: string; activate: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const partner = await partnerFor(ctx, repos, caller.partnerClientId);
    const customer = await resolveCustomer(repos, partner, input);
    await applyDeviceActivation(repos, caller, partner, customer, input.deviceId, input.activate, now);
  });
}
