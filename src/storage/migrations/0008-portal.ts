// FROZEN: never edit a migration that has shipped; add a new one.
// The Customer Care portal (issue 11): server-side sessions, and the indexes its searches need (consents by
// type and client/user/date, customers bank-wide rather than per partner, audit events by actor, action,
// target and date).
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.js';

export function portal(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      // The cookie holds a random id; only its SHA-256 is stored, so a database read does not yield a
      // usable session. expires_at is the absolute end; the idle end is last_seen_at + the idle timeout.
      await db.schema
        .createTable('portal_sessions')
        .addColumn('session_hash', 'text', (c) => c.primaryKey())
        .addColumn('operator_id', 'text', (c) => c.notNull().references('operators.operator_id'))
        .addColumn('csrf_token', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_seen_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('portal_sessions_operator')
        .on('portal_sessions')
        .column('operator_id')
        .execute();
      await db.schema
        .createIndex('portal_sessions_expires')
        .on('portal_sessions')
        .column('expires_at')
        .execute();

      // The portal always filters on the consent type and sorts by creation date.
      for (const [name, columns] of [
        ['consents_type_created', ['consent_type', 'created_at']],
        ['consents_type_client_status_created', ['consent_type', 'client_id', 'status', 'created_at']],
        ['consents_type_user_created', ['consent_type', 'user_id', 'created_at']],
        ['customers_phone', ['phone_key', 'created_at']],
        ['customers_email', ['email_key', 'created_at']],
        ['customers_last_first', ['last_name_key', 'first_name_key']],
        ['customers_first', ['first_name_key']],
        ['audit_at', ['at']],
        ['audit_actor_id_at', ['actor_id', 'at']],
        ['audit_action_at', ['action', 'at']],
        ['audit_target_id_at', ['target_id', 'at']],
      ] as const) {
        const table = name.startsWith('consents')
          ? 'consents'
          : name.startsWith('customers')
            ? 'customers'
            : 'audit_events';
        await db.schema
          .createIndex(name)
          .on(table)
          .columns([...columns])
          .execute();
      }
    },
  };
}
