// The account a funds-confirmation consent's DebtorAccount names, asked of the core bank.
import type { BankAccount } from '../../domain/bank-account.js';
import { debtorAccountOf } from '../../domain/funds-confirmation.js';
import type { CoreBanking } from '../../integrations/core-banking.js';

/** The bank account the consent request's DebtorAccount names, if it named one this bank holds. */
export async function findDebtorAccount(
  bank: CoreBanking,
  receipt: string,
): Promise<BankAccount | undefined> {
  const debtor = debtorAccountOf(receipt);
  return debtor?.SchemeName && debtor.Identification
    ? bank.findAccountByIdentification(debtor.SchemeName, debtor.Identification)
    : undefined;
}
