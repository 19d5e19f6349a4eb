import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { type CustomerReference, resolveCustomer } from './resolve-customer.js';
import { type Caller } from './caller.js';
import { partnerFor } from './partner-for.js';
import { auditCustomerChange } from './audit-customer-change.js';

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
    const device = await repos.customerDevices.findById(input.deviceId);
    if (!device || device.customerId !== customer.customerId) throw new DomainError('device.not_found');
    await repos.customerDevices.update(device.deviceId, { active: input.activate }, now);
    await auditCustomerChange(
      repos,
      caller,
      input.activate ? 'device.activated' : 'device.deactivated',
      customer,
      partner,
      { deviceId: device.deviceId, before: { active: device.active }, after: { active: input.activate } },
      now,
    );
  });
}
