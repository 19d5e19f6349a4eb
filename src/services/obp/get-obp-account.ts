// One account of the core bank as OBP shows it, through a view: a DirectLogin user's own view, or one of the
// views of the consent the call runs under (an account outside them is OBP-30018, as if it did not exist).
import type { AppContext } from '../../context.js';
import type { BankAccount } from '../../domain/bank-account.js';
import { DomainError } from '../../domain/errors.js';
import { holdsView, type AccountView } from './account-views.js';
import type { CallConsent } from './resolve-call-consent.js';

export type AccountAccess =
  { customerId: string; view: AccountView } | { consent: CallConsent; view: AccountView };

export async function getObpAccount(ctx: AppContext, access: AccountAccess): Promise<BankAccount> {
  const { view } = access;
  const customerId = 'consent' in access ? access.consent.customerId : access.customerId;
  const allowed =
    'consent' in access
      ? access.consent.obp.views.some(
          (v) => v.bank_id === view.bankId && v.account_id === view.accountId && v.view_id === view.viewId,
        ) && (await holdsView(ctx, customerId, view))
      : await holdsView(ctx, customerId, view);
  if (!allowed) throw new DomainError('account.not_found');
  const account = await ctx.storage.repos.bankAccounts.findById(view.accountId);
  if (!account) throw new DomainError('account.not_found');
  return account;
}
