import type { Kysely, Selectable } from 'kysely';
import type { CustomerDevice } from '../../domain/customer.js';
import { fromDbBool, toDbBool } from '../codecs.js';
import type { CustomerDevicesTable } from '../tables/customer-tables.js';
import type { DatabaseSchema } from '../tables/database-schema.js';

function toDevice(row: Selectable<CustomerDevicesTable>): CustomerDevice {
  return {
    deviceId: row.device_id,
    customerId: row.customer_id,
    deviceName: row.device_name,
    deviceType: row.device_type,
    active: fromDbBool(row.active),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    lastSeenAt: row.last_seen_at,
  };
}

export class CustomerDeviceRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async findById(deviceId: string): Promise<CustomerDevice | undefined> {
    const row = await this.db
      .selectFrom('customer_devices')
      .selectAll()
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
    return row && toDevice(row);
  }

  /** The devices of several customers in one query (a lookup answer), oldest link first per customer. */
  async listForCustomers(customerIds: readonly string[]): Promise<Map<string, CustomerDevice[]>> {
    const byCustomer = new Map<string, CustomerDevice[]>(customerIds.map((id) => [id, []]));
    if (customerIds.length === 0) return byCustomer;
    const rows = await this.db
      .selectFrom('customer_devices')
      .selectAll()
      .where('customer_id', 'in', [...customerIds])
      .orderBy('created_at')
      .orderBy('device_id')
      .execute();
    for (const row of rows) byCustomer.get(row.customer_id)?.push(toDevice(row));
    return byCustomer;
  }

  async insert(device: CustomerDevice): Promise<void> {
    await this.db
      .insertInto('customer_devices')
      .values({
        device_id: device.deviceId,
        customer_id: device.customerId,
        device_name: device.deviceName,
        device_type: device.deviceType,
        active: toDbBool(device.active),
        created_at: device.createdAt,
        updated_at: device.updatedAt,
        last_seen_at: device.lastSeenAt,
      })
      .execute();
  }

  async update(
    deviceId: string,
    changes: { active?: boolean; deviceName?: string; lastSeenAt?: number },
    at: number,
  ): Promise<void> {
    await this.db
      .updateTable('customer_devices')
      .set({
        ...(changes.active !== undefined ? { active: toDbBool(changes.active) } : {}),
        ...(changes.deviceName !== undefined ? { device_name: changes.deviceName } : {}),
        ...(changes.lastSeenAt !== undefined ? { last_seen_at: changes.lastSeenAt } : {}),
        updated_at: at,
      })
      .where('device_id', '=', deviceId)
      .execute();
  }
}
