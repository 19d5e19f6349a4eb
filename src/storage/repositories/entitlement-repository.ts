import type { Kysely, Selectable } from 'kysely';
import type { Entitlement } from '../../domain/entitlement.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { EntitlementsTable } from '../tables/obp-tables.js';

function toEntitlement(row: Selectable<EntitlementsTable>): Entitlement {
  return {
    entitlementId: row.entitlement_id,
    customerId: row.customer_id,
    bankId: row.bank_id,
    roleName: row.role_name,
    createdAt: row.created_at,
  };
}

export class EntitlementRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(entitlement: Entitlement): Promise<void> {
    await this.db
      .insertInto('entitlements')
      .values({
        entitlement_id: entitlement.entitlementId,
        customer_id: entitlement.customerId,
        bank_id: entitlement.bankId,
        role_name: entitlement.roleName,
        created_at: entitlement.createdAt,
      })
      .execute();
  }

  async listForCustomer(customerId: string): Promise<Entitlement[]> {
    const rows = await this.db
      .selectFrom('entitlements')
      .selectAll()
      .where('customer_id', '=', customerId)
      .orderBy('created_at')
      .orderBy('entitlement_id')
      .execute();
    return rows.map(toEntitlement);
  }

  async findById(entitlementId: string): Promise<Entitlement | undefined> {
    const row = await this.db
      .selectFrom('entitlements')
      .selectAll()
      .where('entitlement_id', '=', entitlementId)
      .executeTakeFirst();
    return row && toEntitlement(row);
  }

  async delete(entitlementId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('entitlements')
      .where('entitlement_id', '=', entitlementId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
