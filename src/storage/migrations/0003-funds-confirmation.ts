// FROZEN: never edit a migration that has shipped; add a new one.
// Funds confirmation (seed 004): OAuth2 client-credentials tokens, the sample core bank's accounts, the
// funds checks made, and the indexes behind the CoF consent search.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.js';

export function fundsConfirmation(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Only a hash of each token is kept: a database leak must not hand out working tokens.
      await db.schema
        .createTable('oauth_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('client_id', 'text', (c) =>
          c.notNull().references('clients.client_id').onDelete('cascade'),
        )
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('issued_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('oauth_tokens_client').on('oauth_tokens').column('client_id').execute();
      await db.schema.createIndex('oauth_tokens_expires').on('oauth_tokens').column('expires_at').execute();

      // Balances are exact decimal text (OB amounts have up to 5 decimals; SQLite has no exact numeric).
      await db.schema
        .createTable('bank_accounts')
        .addColumn('account_id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) => c.notNull().references('customers.customer_id'))
        .addColumn('scheme_name', 'text', (c) => c.notNull())
        .addColumn('identification', 'text', (c) => c.notNull())
        .addColumn('secondary_identification', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('balance', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('bank_accounts_scheme_identification')
        .on('bank_accounts')
        .columns(['scheme_name', 'identification'])
        .unique()
        .execute();
      await db.schema
        .createIndex('bank_accounts_customer')
        .on('bank_accounts')
        .columns(['customer_id', 'account_id'])
        .execute();

      await db.schema
        .createTable('funds_confirmations')
        .addColumn('funds_confirmation_id', 'text', (c) => c.primaryKey())
        .addColumn('consent_id', 'text', (c) =>
          c.notNull().references('consents.consent_id').onDelete('cascade'),
        )
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('reference', 'text', (c) => c.notNull())
        .addColumn('amount', 'text', (c) => c.notNull())
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('funds_available', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('funds_confirmations_consent_created')
        .on('funds_confirmations')
        .columns(['consent_id', 'created_at'])
        .execute();

      // The CoF search always runs inside one client and one resource, newest first; status and user are
      // optional equality filters, the time range is on created_at.
      await db.schema
        .createIndex('consents_client_resource_created')
        .on('consents')
        .columns(['client_id', 'resource', 'created_at'])
        .execute();
      await db.schema
        .createIndex('consents_client_resource_status_created')
        .on('consents')
        .columns(['client_id', 'resource', 'status', 'created_at'])
        .execute();
      await db.schema
        .createIndex('consents_client_resource_user_created')
        .on('consents')
        .columns(['client_id', 'resource', 'user_id', 'created_at'])
        .execute();
    },
  };
}
