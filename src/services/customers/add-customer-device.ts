import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { type CustomerDevice } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';

export async function addCustomerDevice(
  ctx: AppContext,
  customerId: string,
  input: { deviceName: string; deviceType: string; active?: boolean },
  actor: Actor,
  interactionId: string | null,
): Promise<CustomerDevice> {
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const customer = await repos.customers.findById(customerId);
    if (!customer) throw new DomainError('customer.not_found', 'No such customer');
    const device: CustomerDevice = {
      deviceId: ctx.ids.uuid(),
      customerId,
      deviceName: input.deviceName,
      deviceType: input.deviceType,
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
      lastSeenAt: null,
    };
    await repos.customerDevices.insert(device);
    await repos.audit.append({
      actor,
      action: 'device.linked',
      targetType: 'customer',
      targetId: customerId,
      details: {
        partner: customer.partnerClientId,
        deviceId: device.deviceId,
        deviceName: device.deviceName,
        deviceType: device.deviceType,
        active: device.active,
      },
      interactionId,
      at: now,
    });
    return device;
  });
}
