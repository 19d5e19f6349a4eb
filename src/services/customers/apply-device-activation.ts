import type { Customer, IssuingPartner } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { Repositories } from '../../storage/storage.js';
import { auditCustomerChange } from './audit-customer-change.js';
import type { Caller } from './caller.js';

/** The device step of every caller (partner, officer), inside the caller's transaction. */
export async function applyDeviceActivation(
  repos: Repositories,
  caller: Caller,
  partner: IssuingPartner,
  customer: Customer,
  deviceId: string,
  activate: boolean,
  now: number,
): Promise<void> {
  const device = await repos.customerDevices.findById(deviceId);
  if (!device || device.customerId !== customer.customerId) throw new DomainError('device.not_found');
  await repos.customerDevices.update(device.deviceId, { active: activate }, now);
  await auditCustomerChange(
    repos,
    caller,
    activate ? 'device.activated' : 'device.deactivated',
    customer,
    partner,
    { deviceId: device.deviceId, before: { active: device.active }, after: { active: activate } },
    now,
  );
}
