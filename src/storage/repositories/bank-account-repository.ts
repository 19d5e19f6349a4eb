import type { Kysely, Selectable } from 'kysely';
import type { BankAccount } from '../../domain/bank-account.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { BankAccountsTable } from '../tables/funds-tables.js';

export type BankAccountChanges = Partial<
  Pick<BankAccount, 'name' | 'secondaryIdentification' | 'currency' | 'balance' | 'customerId'>
>;

function toAccount(row: Selectable<BankAccountsTable>): BankAccount {
  return {
    accountId: row.account_id,
    customerId: row.customer_id,
    schemeName: row.scheme_name,
    identification: row.identification,
    secondaryIdentification: row.secondary_identification,
    name: row.name,
    currency: row.currency,
    balance: row.balance,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class BankAccountRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(account: BankAccount): Promise<void> {
    await this.db
      .insertInto('bank_accounts')
      .values({
        account_id: account.accountId,
        customer_id: account.customerId,
        scheme_name: account.schemeName,
        identification: account.identification,
        secondary_identification: account.secondaryIdentification,
        name: account.name,
        currency: account.currency,
        balance: account.balance,
        created_at: account.createdAt,
        updated_at: account.updatedAt,
      })
      .execute();
  }

  async findById(accountId: string): Promise<BankAccount | undefined> {
    const row = await this.db
      .selectFrom('bank_accounts')
      .selectAll()
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row && toAccount(row);
  }

  async findByIdentification(schemeName: string, identification: string): Promise<BankAccount | undefined> {
    const row = await this.db
      .selectFrom('bank_accounts')
      .selectAll()
      .where('scheme_name', '=', schemeName)
      .where('identification', '=', identification)
      .executeTakeFirst();
    return row && toAccount(row);
  }

  /** Every account, or one customer's, in account id order. */
  async list(customerId?: string): Promise<BankAccount[]> {
    let query = this.db.selectFrom('bank_accounts').selectAll();
    if (customerId !== undefined) query = query.where('customer_id', '=', customerId);
    return (await query.orderBy('account_id').execute()).map(toAccount);
  }

  async update(accountId: string, changes: BankAccountChanges, at: number): Promise<void> {
    await this.db
      .updateTable('bank_accounts')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.secondaryIdentification !== undefined
          ? { secondary_identification: changes.secondaryIdentification }
          : {}),
        ...(changes.currency !== undefined ? { currency: changes.currency } : {}),
        ...(changes.balance !== undefined ? { balance: changes.balance } : {}),
        ...(changes.customerId !== undefined ? { customer_id: changes.customerId } : {}),
        updated_at: at,
      })
      .where('account_id', '=', accountId)
      .execute();
  }
}
