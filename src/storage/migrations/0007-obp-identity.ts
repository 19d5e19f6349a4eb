// FROZEN: never edit a migration that has shipped; add a new one.
// OBP identity (issue 10, part 1): DirectLogin tokens, customer entitlements (OBP roles), the Consent-JWT
// signing keys, and the dev outbox of one-time-code messages.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.js';

export function obpIdentity(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // Only the SHA-256 of a token is stored: a copy of the table logs nobody in.
      await db.schema
        .createTable('direct_login_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) =>
          c.notNull().references('customers.customer_id').onDelete('cascade'),
        )
        .addColumn('consumer_id', 'text', (c) =>
          c.notNull().references('clients.client_id').onDelete('cascade'),
        )
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('direct_login_tokens_expires')
        .on('direct_login_tokens')
        .column('expires_at')
        .execute();
      await db.schema
        .createIndex('direct_login_tokens_customer')
        .on('direct_login_tokens')
        .column('customer_id')
        .execute();

      await db.schema
        .createTable('entitlements')
        .addColumn('entitlement_id', 'text', (c) => c.primaryKey())
        .addColumn('customer_id', 'text', (c) =>
          c.notNull().references('customers.customer_id').onDelete('cascade'),
        )
        // '' for a role held at every bank (OBP's AtAnyBank roles).
        .addColumn('bank_id', 'text', (c) => c.notNull())
        .addColumn('role_name', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('entitlements_customer_role')
        .on('entitlements')
        .columns(['customer_id', 'bank_id', 'role_name'])
        .unique()
        .execute();

      // Private keys as JWK JSON. A retired key stays published while tokens it signed can still be valid.
      await db.schema
        .createTable('consent_jwt_keys')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        .addColumn('alg', 'text', (c) => c.notNull())
        .addColumn('private_jwk', 'text', (c) => c.notNull())
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('retired_at', 'bigint')
        .addColumn('last_token_expires_at', 'bigint')
        .execute();

      await db.schema
        .createTable('dev_outbox')
        .addColumn('message_id', 'text', (c) => c.primaryKey())
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('consent_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('dev_outbox_recipient')
        .on('dev_outbox')
        .columns(['recipient', 'created_at'])
        .execute();
      await db.schema.createIndex('dev_outbox_created').on('dev_outbox').column('created_at').execute();
    },
  };
}
