import type { AppContext } from '../../context.js';
import type { CustomerProfile, IssuingPartner } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { CustomerRecord } from '../../storage/repositories/customer-repository.js';
import type { Repositories } from '../../storage/storage.js';
import type { Caller } from './caller.js';
import { getCustomer } from './get-customer.js';
import type { Officer } from './officer.js';

export type OfficerStep = (
  repos: Repositories,
  caller: Caller,
  partner: IssuingPartner,
  customer: CustomerRecord,
  now: number,
) => Promise<unknown>;

/**
 * Runs an officer's action on a customer (by id, any partner) in one transaction, with the same steps the
 * B2B API uses: the officer acts for the customer's issuing partner, so audit rows name both. Returns the
 * customer as left.
 */
export async function runOfficerAction(
  ctx: AppContext,
  officer: Officer,
  customerId: string,
  step: OfficerStep,
): Promise<CustomerProfile> {
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const customer = await repos.customers.findById(customerId);
    const partner = customer && (await repos.issuingPartners.findByClientId(customer.partnerClientId));
    if (!customer || !partner) throw new DomainError('customer.not_found', 'No such customer');
    const caller: Caller = {
      partnerClientId: customer.partnerClientId,
      actor: officer.actor,
      interactionId: officer.interactionId,
    };
    await step(repos, caller, partner, customer, now);
  });
  return getCustomer(ctx, customerId);
}
