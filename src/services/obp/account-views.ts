// OBP views: a customer holds the view `owner` on each of their core-bank accounts.
import type { AppContext } from '../../context.js';

export interface AccountView {
  bankId: string;
  accountId: string;
  viewId: string;
}

export const OWNER_VIEW = 'owner';

export async function viewsOf(ctx: AppContext, customerId: string): Promise<AccountView[]> {
  const accounts = await ctx.storage.repos.bankAccounts.list(customerId);
  return accounts.map((account) => ({
    bankId: ctx.config.obpBankId,
    accountId: account.accountId,
    viewId: OWNER_VIEW,
  }));
}

/** Does the customer hold this view on this account at this bank? */
export async function holdsView(ctx: AppContext, customerId: string, view: AccountView): Promise<boolean> {
  if (view.bankId !== ctx.config.obpBankId || view.viewId !== OWNER_VIEW) return false;
  const account = await ctx.storage.repos.bankAccounts.findById(view.accountId);
  return account !== undefined && account.customerId === customerId;
}
