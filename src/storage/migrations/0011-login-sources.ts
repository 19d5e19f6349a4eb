// FROZEN: never edit a migration that has shipped; add a new one.
// Lockout per account and source address (issue 13 item 2): failed logins are counted per (account,
// source); accounts can be marked as service accounts (never locked account-wide) and limited to source
// networks.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.js';

export function loginSources(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // account_type: 'operator' | 'partner' | 'customer'; source: the request's address (IPv6 by /64).
      await db.schema
        .createTable('login_sources')
        .addColumn('account_type', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('source', 'text', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'bigint')
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('login_sources_pk', ['account_type', 'account_id', 'source'])
        .execute();
      await db.schema.createIndex('login_sources_updated').on('login_sources').column('updated_at').execute();
      for (const table of ['operators', 'clients']) {
        await db.schema
          .alterTable(table)
          .addColumn('service_account', 'integer', (c) => c.notNull().defaultTo(sql`0`))
          .execute();
        // Comma-separated CIDR list; null: any source.
        await db.schema.alterTable(table).addColumn('allowed_sources', 'text').execute();
      }
    },
  };
}
