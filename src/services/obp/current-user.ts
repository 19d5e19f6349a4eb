// The OBP user record of a customer: who they are, their entitlements and their views.
import type { AppContext } from '../../context.js';
import type { Customer } from '../../domain/customer.js';
import type { Entitlement } from '../../domain/entitlement.js';
import { DomainError } from '../../domain/errors.js';
import { publicCustomer } from '../customers/profiles-of.js';
import { viewsOf, type AccountView } from './account-views.js';

export interface ObpUserRecord {
  customer: Customer;
  entitlements: Entitlement[];
  views: AccountView[];
}

export async function getObpUser(ctx: AppContext, customerId: string): Promise<ObpUserRecord> {
  const customer = await ctx.storage.repos.customers.findById(customerId);
  if (!customer) throw new DomainError('user.not_found');
  const [entitlements, views] = await Promise.all([
    ctx.storage.repos.entitlements.listForCustomer(customerId),
    viewsOf(ctx, customerId),
  ]);
  return { customer: publicCustomer(customer), entitlements, views };
}
