import type { AppContext } from '../../context.js';
import { type CustomerProfile } from '../../domain/customer.js';
import { profilesOf, memoisedPartners } from './profiles-of.js';

export async function listCustomers(
  ctx: AppContext,
  options: { partnerClientId?: string; limit: number; offset: number },
): Promise<CustomerProfile[]> {
  const repos = ctx.storage.repos;
  return profilesOf(repos, await repos.customers.list(options), memoisedPartners(repos));
}
