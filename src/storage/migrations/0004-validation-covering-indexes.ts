// FROZEN: never edit a migration that has shipped; add a new one.
// The gateway's validation call joins a consent to its active authorisations and their active account
// mappings. Covering indexes answer the two joins from index pages alone (no table row visits), and
// replace the plain single-column indexes on the same leading keys. (A covering index on consents is not
// added: SQLite keeps using the primary-key index for consent_id = ?.)
import type { Kysely, Migration } from 'kysely';
import type { Dialect } from '../database.js';

export function validationCoveringIndexes(_dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createIndex('authorisations_consent_cover')
        .on('authorisations')
        .columns(['consent_id', 'status', 'authorisation_id', 'user_id'])
        .execute();
      await db.schema.dropIndex('authorisations_consent').execute();
      await db.schema
        .createIndex('mappings_authorisation_cover')
        .on('consent_account_mappings')
        .columns(['authorisation_id', 'mapping_status', 'account_id', 'permission'])
        .execute();
      await db.schema.dropIndex('mappings_authorisation').execute();
    },
  };
}
