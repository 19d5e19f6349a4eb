// FROZEN: never edit a migration that has shipped; add a new one.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.js';

export function foundation(dialect: Dialect): Migration {
  const bytes = dialect === 'postgres' ? 'bytea' : 'blob';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('operators')
        .addColumn('operator_id', 'text', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('failed_logins', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('locked_until', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('clients')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('short_name', 'text', (c) => c.unique())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('roles', 'text', (c) => c.notNull())
        .addColumn('consumer_key', 'text', (c) => c.notNull().unique())
        .addColumn('cert_thumbprint', 'text')
        .addColumn('cert_subject_dn', 'text')
        .addColumn('active', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('consents')
        .addColumn('consent_id', 'text', (c) => c.primaryKey())
        .addColumn('resource', 'text', (c) => c.notNull())
        .addColumn('consent_type', 'text', (c) => c.notNull())
        .addColumn('api_family', 'text', (c) => c.notNull())
        .addColumn('client_id', 'text', (c) => c.notNull().references('clients.client_id'))
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('receipt', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('status_updated_at', 'bigint', (c) => c.notNull())
        .addColumn('valid_from', 'bigint')
        .addColumn('expires_at', 'bigint')
        .addColumn('recurring_indicator', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('frequency', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('user_id', 'text')
        .addColumn('consent_request_id', 'text')
        .addColumn('last_usage_at', 'bigint')
        .execute();
      // Search and job indexes: by client (TPP listings), by status+expiry (expiry job), by user and by
      // type/status/time (portal search).
      await db.schema
        .createIndex('consents_client_created')
        .on('consents')
        .columns(['client_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('consents_status_expires')
        .on('consents')
        .columns(['status', 'expires_at'])
        .execute();
      await db.schema
        .createIndex('consents_user_created')
        .on('consents')
        .columns(['user_id', 'created_at'])
        .execute();
      await db.schema
        .createIndex('consents_type_status_created')
        .on('consents')
        .columns(['consent_type', 'status', 'created_at'])
        .execute();
      await db.schema.createIndex('consents_created').on('consents').column('created_at').execute();

      await db.schema
        .createTable('consent_attributes')
        .addColumn('consent_id', 'text', (c) =>
          c.notNull().references('consents.consent_id').onDelete('cascade'),
        )
        .addColumn('attr_key', 'text', (c) => c.notNull())
        .addColumn('attr_value', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('consent_attributes_pk', ['consent_id', 'attr_key'])
        .execute();

      await db.schema
        .createTable('authorisations')
        .addColumn('authorisation_id', 'text', (c) => c.primaryKey())
        .addColumn('consent_id', 'text', (c) =>
          c.notNull().references('consents.consent_id').onDelete('cascade'),
        )
        .addColumn('user_id', 'text')
        .addColumn('authorisation_type', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('authorisations_consent')
        .on('authorisations')
        .column('consent_id')
        .execute();
      await db.schema.createIndex('authorisations_user').on('authorisations').column('user_id').execute();

      await db.schema
        .createTable('consent_account_mappings')
        .addColumn('mapping_id', 'text', (c) => c.primaryKey())
        .addColumn('authorisation_id', 'text', (c) =>
          c.notNull().references('authorisations.authorisation_id').onDelete('cascade'),
        )
        .addColumn('account_id', 'text', (c) => c.notNull())
        .addColumn('permission', 'text', (c) => c.notNull())
        .addColumn('mapping_status', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('mappings_authorisation')
        .on('consent_account_mappings')
        .column('authorisation_id')
        .execute();
      await db.schema
        .createIndex('mappings_account')
        .on('consent_account_mappings')
        .column('account_id')
        .execute();

      await db.schema
        .createTable('consent_status_history')
        .addColumn('history_id', 'text', (c) => c.primaryKey())
        .addColumn('consent_id', 'text', (c) =>
          c.notNull().references('consents.consent_id').onDelete('cascade'),
        )
        .addColumn('from_status', 'text')
        .addColumn('to_status', 'text', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('history_consent_at')
        .on('consent_status_history')
        .columns(['consent_id', 'at'])
        .execute();

      await db.schema
        .createTable('consent_files')
        .addColumn('consent_id', 'text', (c) =>
          c.primaryKey().references('consents.consent_id').onDelete('cascade'),
        )
        .addColumn('content_type', 'text', (c) => c.notNull())
        .addColumn('content', bytes, (c) => c.notNull())
        .addColumn('sha256', 'text', (c) => c.notNull())
        .addColumn('size', 'integer', (c) => c.notNull())
        .addColumn('uploaded_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('idempotency_keys')
        .addColumn('client_id', 'text', (c) => c.notNull())
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('idempotency_key', 'text', (c) => c.notNull())
        .addColumn('request_hash', 'text', (c) => c.notNull())
        .addColumn('resource_id', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('idempotency_keys_pk', ['client_id', 'scope', 'idempotency_key'])
        .execute();
      await db.schema
        .createIndex('idempotency_expires')
        .on('idempotency_keys')
        .column('expires_at')
        .execute();

      await db.schema
        .createTable('audit_events')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('actor_type', 'text', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target_type', 'text', (c) => c.notNull())
        .addColumn('target_id', 'text', (c) => c.notNull())
        .addColumn('details', 'text', (c) => c.notNull())
        .addColumn('interaction_id', 'text')
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('audit_target')
        .on('audit_events')
        .columns(['target_type', 'target_id', 'at'])
        .execute();
      await db.schema
        .createIndex('audit_actor')
        .on('audit_events')
        .columns(['actor_type', 'actor_id', 'at'])
        .execute();

      await db.schema
        .createTable('outbox')
        .addColumn('event_id', 'text', (c) => c.primaryKey())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .addColumn('delivered_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('outbox_pending')
        .on('outbox')
        .columns(['delivered_at', 'next_attempt_at'])
        .execute();
    },
  };
}
