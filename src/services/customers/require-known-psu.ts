import { DomainError } from '../../domain/errors.js';
import type { CustomerRecord } from '../../storage/repositories/customer-repository.js';
import type { Repositories } from '../../storage/storage.js';

/** The customer a PSU user id (a username) names; `psu.unknown` at `path` when the bank has none. */
export async function requireKnownPsu(
  repos: Repositories,
  username: string,
  path: string,
): Promise<CustomerRecord> {
  const customer = await repos.customers.findByUsername(username);
  if (!customer)
    throw new DomainError('psu.unknown', `No customer with the username ${username}`, [{ path }]);
  return customer;
}
