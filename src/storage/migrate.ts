import { Migrator, sql, type MigrationProvider } from 'kysely';
import type { Database } from './database.js';
import { allMigrations } from './migrations/migrations.js';

export interface MigrationOutcome {
  applied: string[];
}

/** Brings the schema up to date; throws with the failing migration's name on error. */
export async function migrateToLatest(database: Database): Promise<MigrationOutcome> {
  const provider: MigrationProvider = { getMigrations: async () => allMigrations(database.dialect) };
  // Kysely looks for its migration tables in every schema unless told which one; with several schemas in
  // one PostgreSQL database (parallel test files) it would find another schema's and skip creating its own.
  const schema =
    database.dialect === 'postgres'
      ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(database.db)).rows[0]
          ?.schema
      : undefined;
  const migrator = new Migrator({
    db: database.db,
    provider,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error.message : String(error ?? 'unknown error');
    throw new Error(`Migration ${failed?.migrationName ?? ''} failed: ${cause}`, { cause: error });
  }
  return { applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName) };
}
