import type { AppContext } from '../../context.js';
import { type CustomerProfile } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import { profilesOf, memoisedPartners } from './profiles-of.js';

export async function getCustomer(ctx: AppContext, customerId: string): Promise<CustomerProfile> {
  const repos = ctx.storage.repos;
  const record = await repos.customers.findById(customerId);
  if (!record) throw new DomainError('customer.not_found', 'No such customer');
  const [profile] = await profilesOf(repos, [record], memoisedPartners(repos));
  return profile!;
}
