import {
  activationChanges,
  changedValues,
  type Customer,
  type IssuingPartner,
} from '../../domain/customer.js';
import type { CustomerRecord } from '../../storage/repositories/customer-repository.js';
import type { Repositories } from '../../storage/storage.js';
import { auditCustomerChange } from './audit-customer-change.js';
import type { Caller } from './caller.js';

/**
 * The activation step of every caller (partner, officer), inside the caller's transaction. Activating a
 * deactivated wallet also unlocks it and clears the failure count (seed 001). Returns the customer as left.
 */
export async function applyCustomerActivation(
  repos: Repositories,
  caller: Caller,
  partner: IssuingPartner,
  before: CustomerRecord,
  activate: boolean,
  now: number,
): Promise<CustomerRecord> {
  const changes = activationChanges(before, activate);
  await repos.customers.update(before.customerId, changes, now);
  const after = { ...before, ...changes };
  await auditCustomerChange(
    repos,
    caller,
    activate ? 'customer.activated' : 'customer.deactivated',
    before,
    partner,
    changedValues<Customer>(before, after, ['active', 'locked', 'failedLogins']),
    now,
  );
  return after;
}
