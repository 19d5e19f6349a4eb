import type { AppContext } from '../../context.js';
import type { BankAccount } from '../../domain/bank-account.js';

export async function listBankAccounts(ctx: AppContext, customerId?: string): Promise<BankAccount[]> {
  return ctx.storage.repos.bankAccounts.list(customerId);
}
