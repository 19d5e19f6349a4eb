// Demo accounts of the sample core bank for the demo customers (seed-demo-customers.ts), including the
// seeds' account 31820 of olivia_wallet_user@hotmail.com that the demo consents are bound to. Only adds
// what is missing, and only for demo customers that exist.
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { createBankAccount, type NewBankAccount } from '../admin/create-bank-account.js';

/** Owners: latYxDdNJhzm is olivia_wallet_user@hotmail.com, vmiTxZcaSEym is pauls_wallet@yahoo.com. */
export const DEMO_ACCOUNTS: (NewBankAccount & { accountId: string })[] = [
  {
    accountId: '31820',
    customerId: 'latYxDdNJhzm',
    schemeName: 'UK.OBIE.SortCodeAccountNumber',
    identification: '40400400031820',
    name: 'Olivia Smith',
    currency: 'GBP',
    balance: '2500.00',
  },
  {
    accountId: '31822',
    customerId: 'latYxDdNJhzm',
    schemeName: 'UK.OBIE.IBAN',
    identification: 'DE89370400440532013000',
    name: 'Olivia Smith',
    currency: 'EUR',
    balance: '120.50',
  },
  {
    accountId: '31821',
    customerId: 'vmiTxZcaSEym',
    schemeName: 'UK.OBIE.SortCodeAccountNumber',
    identification: '40400400031821',
    name: 'Paul Casey',
    currency: 'GBP',
    balance: '75.00',
  },
];

const SYSTEM: Actor = { type: 'system', id: 'demo-data' };

export async function seedDemoAccounts(ctx: AppContext): Promise<number> {
  let created = 0;
  for (const account of DEMO_ACCOUNTS) {
    if (await ctx.storage.repos.bankAccounts.findById(account.accountId)) continue;
    if (!(await ctx.storage.repos.customers.findById(account.customerId))) continue;
    await createBankAccount(ctx, account, SYSTEM, null);
    created += 1;
  }
  return created;
}
