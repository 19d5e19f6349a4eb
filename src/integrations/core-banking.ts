// The bank's core system as ConsentHub sees it: who owns an account, and its currency and balance. The
// built-in sample bank reads the bank_accounts table; a real deployment plugs in a connector instead.
import type { BankAccount } from '../domain/bank-account.js';

export interface CoreBanking {
  findAccount(accountId: string): Promise<BankAccount | undefined>;
  /** The account an OB DebtorAccount (SchemeName + Identification) names, if this bank holds it. */
  findAccountByIdentification(schemeName: string, identification: string): Promise<BankAccount | undefined>;
  accountsOfCustomer(customerId: string): Promise<BankAccount[]>;
}

/** What the sample bank reads (the bank_accounts repository, handed in by the composition root). */
export interface BankAccountSource {
  findById(accountId: string): Promise<BankAccount | undefined>;
  findByIdentification(schemeName: string, identification: string): Promise<BankAccount | undefined>;
  list(customerId?: string): Promise<BankAccount[]>;
}

export class SampleCoreBanking implements CoreBanking {
  constructor(private readonly accounts: BankAccountSource) {}

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
