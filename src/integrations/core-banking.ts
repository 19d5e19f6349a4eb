// The bank's core system as ConsentHub sees it: who owns an account, and its currency and balance. The
// built-in sample bank reads the bank_accounts table; a real deployment plugs in a connector instead.
import type { BankAccount } from '../domain/bank-account.js';
import type { BankAccountRepository } from '../storage/repositories/bank-account-repository.js';

export interface CoreBanking {
  findAccount(accountId: string): Promise<BankAccount | undefined>;
  /** The account an OB DebtorAccount (SchemeName + Identification) names, if this bank holds it. */
  findAccountByIdentification(schemeName: string, identification: string): Promise<BankAccount | undefined>;
  accountsOfCustomer(customerId: string): Promise<BankAccount[]>;
}

export class SampleCoreBanking implements CoreBanking {
  constructor(private readonly accounts: BankAccountRepository) {}

  findAccount(accountId: string): Promise<BankAccount | undefined> {
    return this.accounts.findById(accountId);
  }

  findAccountByIdentification(schemeName: string, identification: string): Promise<BankAccount | undefined> {
    return this.accounts.findByIdentification(schemeName, identification);
  }

  accountsOfCustomer(customerId: string): Promise<BankAccount[]> {
    return this.accounts.list(customerId);
  }
}
