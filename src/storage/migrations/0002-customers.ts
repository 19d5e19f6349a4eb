// FROZEN: never edit a migration that has shipped; add a new one.
// Customers (PSUs / wallet holders), their devices, and the B2B identity of issuing partners (seed 001).
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.js';

export function customers(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // One row per B2B_PARTNER client that has customers: the uuids of its issuingPartnerUri and
      // partnerUri, its own wallet lockout limit, and its credential lockout state.
      await db.schema
        .createTable('issuing_partners')
        .addColumn('client_id', 'text', (c) => c.primaryKey().references('clients.client_id'))
        .addColumn('issuing_partner_uuid', 'text', (c) => c.notNull().unique())
        .addColumn('partner_uuid', 'text', (c) => c.notNull())
        .addColumn('max_failed_logins', 'integer')
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      // The *_key columns hold the normalised search forms (lower case; phone digits only), so every
      // lookup is an index equality on both dialects without expression indexes.
      await db.schema
        .createTable('customers')
        .addColumn('customer_id', 'text', (c) => c.primaryKey())
        .addColumn('customer_uuid', 'text', (c) => c.notNull())
        .addColumn('partner_client_id', 'text', (c) => c.notNull().references('clients.client_id'))
        .addColumn('username', 'text', (c) => c.notNull())
        .addColumn('username_key', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('email_key', 'text', (c) => c.notNull())
        .addColumn('email_pending', 'text')
        .addColumn('email_verified', 'integer', (c) => c.notNull())
        .addColumn('email_verified_at', 'bigint')
        .addColumn('first_name', 'text', (c) => c.notNull())
        .addColumn('first_name_key', 'text', (c) => c.notNull())
        .addColumn('last_name', 'text', (c) => c.notNull())
        .addColumn('last_name_key', 'text', (c) => c.notNull())
        .addColumn('address1', 'text', (c) => c.notNull())
        .addColumn('address2', 'text', (c) => c.notNull())
        .addColumn('city', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('zip', 'text', (c) => c.notNull())
        .addColumn('country', 'text', (c) => c.notNull())
        .addColumn('phone', 'text', (c) => c.notNull())
        .addColumn('phone_key', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('locked', 'integer', (c) => c.notNull())
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('additional_info', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('password_changed_at', 'bigint')
        .addColumn('passcode_changed_at', 'bigint')
        .addColumn('security_questions_changed_at', 'bigint')
        .addColumn('last_login_at', 'bigint')
        .execute();
      // Usernames are login names (PSU logins of later issues find a customer by username alone), so they
      // are unique across partners.
      await db.schema
        .createIndex('customers_username_key')
        .on('customers')
        .column('username_key')
        .unique()
        .execute();
      await db.schema
        .createIndex('customers_partner_uuid')
        .on('customers')
        .columns(['partner_client_id', 'customer_uuid'])
        .unique()
        .execute();
      // B2B lookup filters, all partner-scoped, ending in created_at for the newest-first order.
      for (const [name, column] of [
        ['customers_partner_phone', 'phone_key'],
        ['customers_partner_email', 'email_key'],
        ['customers_partner_zip', 'zip'],
      ] as const) {
        await db.schema
          .createIndex(name)
          .on('customers')
          .columns(['partner_client_id', column, 'created_at'])
          .execute();
      }
      await db.schema
        .createIndex('customers_partner_names')
        .on('customers')
        .columns(['partner_client_id', 'last_name_key', 'first_name_key', 'created_at'])
        .execute();
      await db.schema
        .createIndex('customers_partner_created')
        .on('customers')
        .columns(['partner_client_id', 'created_at'])
        .execute();

      await db.schema
        .createTable('customer_devices')
        .addColumn('device_id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) =>
          c.notNull().references('customers.customer_id').onDelete('cascade'),
        )
        .addColumn('device_name', 'text', (c) => c.notNull())
        .addColumn('device_type', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint')
        .execute();
      await db.schema
        .createIndex('customer_devices_customer')
        .on('customer_devices')
        .columns(['customer_id', 'created_at'])
        .execute();
    },
  };
}
