import { DomainError } from '../../domain/errors.js';
import type { Repositories } from '../../storage/storage.js';

export async function ensureCustomerExists(repos: Repositories, customerId: string): Promise<void> {
  if (!(await repos.customers.findById(customerId)))
    throw new DomainError('account.customer_unknown', `No customer with id ${customerId}`, [
      { path: 'customerId' },
    ]);
}
