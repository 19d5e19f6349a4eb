import { customerUriOf, type Customer, type IssuingPartner } from '../../domain/customer.js';
import type { Repositories } from '../../storage/storage.js';
import { type Caller } from './caller.js';

export function auditCustomerChange(
  repos: Repositories,
  caller: Caller,
  action: string,
  customer: Customer,
  partner: IssuingPartner,
  details: Record<string, unknown>,
  at: number,
) {
  return repos.audit.append({
    actor: caller.actor,
    action,
    targetType: 'customer',
    targetId: customer.customerId,
    details: { partner: caller.partnerClientId, customerUri: customerUriOf(partner, customer), ...details },
    interactionId: caller.interactionId,
    at,
  });
}
