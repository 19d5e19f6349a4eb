// FROZEN: never edit a migration that has shipped; add a new one.
// OBP consents (issue 10, part 2). The consent itself is a `consents` row of kind 'obp' (status, history,
// outbox, expiry, search as every consent); these tables keep what only OBP has: the Consent-JWT, views and
// entitlements, who created it, the SCA challenge (the code only as a salted hash), consent requests and
// the limits of VRP consent requests as exact decimal text.
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.js';

export function obpConsents(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('obp_consent_requests')
        .addColumn('consent_request_id', 'text', (c) => c.primaryKey())
        .addColumn('consumer_id', 'text', (c) =>
          c.notNull().references('clients.client_id').onDelete('cascade'),
        )
        // 'standard' (POST /consumer/consent-requests) or 'vrp' (POST /consumer/vrp-consent-requests).
        .addColumn('request_type', 'text', (c) => c.notNull())
        // The payload as the consumer sent it, normalised (JSON text); VRP limits also below, as decimals.
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        // Set once, by the consent made from it (a request is used once: OBP-35029).
        .addColumn('used_at', 'bigint')
        .addColumn('consent_id', 'text')
        .execute();
      await db.schema
        .createIndex('obp_consent_requests_consumer')
        .on('obp_consent_requests')
        .columns(['consumer_id', 'created_at'])
        .execute();

      // Exact decimals as text (never floats: money); counts as integers; null = no limit given.
      await db.schema
        .createTable('obp_vrp_limits')
        .addColumn('consent_request_id', 'text', (c) =>
          c.primaryKey().references('obp_consent_requests.consent_request_id').onDelete('cascade'),
        )
        .addColumn('counterparty_name', 'text')
        .addColumn('currency', 'text', (c) => c.notNull())
        .addColumn('max_single_amount', 'text')
        .addColumn('max_monthly_amount', 'text')
        .addColumn('max_number_of_monthly_transactions', 'integer')
        .addColumn('max_yearly_amount', 'text')
        .addColumn('max_number_of_yearly_transactions', 'integer')
        .addColumn('max_total_amount', 'text')
        .addColumn('max_number_of_transactions', 'integer')
        .execute();

      await db.schema
        .createTable('obp_consents')
        .addColumn('consent_id', 'text', (c) =>
          c.primaryKey().references('consents.consent_id').onDelete('cascade'),
        )
        .addColumn('jwt', 'text', (c) => c.notNull())
        .addColumn('sca_method', 'text', (c) => c.notNull())
        .addColumn('created_by_user_id', 'text', (c) => c.notNull())
        .addColumn('everything', 'integer', (c) => c.notNull())
        // JSON text: [{bank_id, account_id, view_id, helper_info?}] and [{bank_id, role_name}].
        .addColumn('views', 'text', (c) => c.notNull())
        .addColumn('entitlements', 'text', (c) => c.notNull())
        .addColumn('api_version', 'text', (c) => c.notNull())
        .addColumn('consent_request_id', 'text', (c) =>
          c.references('obp_consent_requests.consent_request_id').onDelete('set null'),
        )
        // The counterparty a VRP consent pays (OBP helper_info.counterparty_id).
        .addColumn('counterparty_id', 'text')
        .execute();
      // A consent request makes one consent at most (several NULLs are allowed on both databases).
      await db.schema
        .createIndex('obp_consents_consent_request')
        .on('obp_consents')
        .column('consent_request_id')
        .unique()
        .execute();
      await db.schema
        .createIndex('obp_consents_created_by')
        .on('obp_consents')
        .column('created_by_user_id')
        .execute();

      // One challenge per consent; the first answer decides (answered_at set by a conditional update).
      await db.schema
        .createTable('obp_sca_challenges')
        .addColumn('consent_id', 'text', (c) =>
          c.primaryKey().references('consents.consent_id').onDelete('cascade'),
        )
        .addColumn('channel', 'text', (c) => c.notNull())
        .addColumn('recipient', 'text', (c) => c.notNull())
        .addColumn('code_salt', 'text', (c) => c.notNull())
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('answered_at', 'bigint')
        .addColumn('outcome', 'text')
        .execute();
    },
  };
}
