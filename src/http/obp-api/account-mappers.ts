// A core-bank account as OBP's ModeratedAccountJSON (getAccountById) shows it.
import type { BankAccount } from '../../domain/bank-account.js';
import { OBP_PROVIDER } from './mappers.js';

export function accountJson(bankId: string, account: BankAccount, viewId: string) {
  return {
    id: account.accountId,
    bank_id: bankId,
    label: account.name,
    number: account.identification,
    owners: [{ id: account.customerId, provider: OBP_PROVIDER, display_name: account.name }],
    product_code: account.schemeName,
    balance: { currency: account.currency, amount: account.balance },
    views_available: [{ id: viewId, short_name: viewId, is_public: false }],
    account_routings: [{ scheme: account.schemeName, address: account.identification }],
    account_attributes: [],
    tags: [],
  };
}
