// FROZEN: never edit a migration that has shipped; add a new one.
// Consents record what they grant (their kind), not the manage API's URL segment: the column is renamed
// and its values mapped (OBP consents, which have no URL segment, use kind 'obp'). Indexes for the one
// consent search (DESIGN.md §2: every search filter has an index): kind and status, each with the
// creation time it sorts by; client, user, creation time and id already have theirs.
import { sql, type Kysely, type Migration } from 'kysely';
import type { Dialect } from '../database.js';

const KIND_OF_SEGMENT: [string, string][] = [
  ['account-access-consents', 'accounts'],
  ['domestic-payment-consents', 'domestic-payment'],
  ['domestic-scheduled-payment-consents', 'domestic-scheduled-payment'],
  ['domestic-standing-order-consents', 'domestic-standing-order'],
  ['international-payment-consents', 'international-payment'],
  ['file-payment-consents', 'file-payment'],
  ['funds-confirmation-consents', 'funds-confirmation'],
  ['domestic-vrp-consents', 'domestic-vrp'],
];

export function consentKinds(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const [segment, kind] of KIND_OF_SEGMENT)
        await sql`update consents set resource = ${kind} where resource = ${segment}`.execute(db);
      await db.schema.alterTable('consents').renameColumn('resource', 'kind').execute();
      await db.schema
        .createIndex('consents_kind_created')
        .on('consents')
        .columns(['kind', 'created_at'])
        .execute();
      await db.schema
        .createIndex('consents_status_created')
        .on('consents')
        .columns(['status', 'created_at'])
        .execute();
    },
  };
}
