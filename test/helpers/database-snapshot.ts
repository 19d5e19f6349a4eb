// Every row of every table, serialised in a stable order: proof that a refused request changed nothing.
import type { TestContext } from './test-context.js';

export async function databaseSnapshot(t: TestContext): Promise<string> {
  const tables = (await t.database.db.introspection.getTables())
    .map((table) => table.name)
    .filter((name) => !name.startsWith('kysely_'))
    .sort();
  return snapshotTables(t, tables);
}

/** Every row of `tables`, serialised in a stable order. */
export async function snapshotTables(t: TestContext, tables: readonly string[]): Promise<string> {
  const loose = t.database.db as unknown as {
    selectFrom(table: string): { selectAll(): { execute(): Promise<Record<string, unknown>[]> } };
  };
  const parts: Record<string, string[]> = {};
  for (const table of tables) {
    const rows = await loose.selectFrom(table).selectAll().execute();
    parts[table] = rows
      .map((row) =>
        JSON.stringify(
          Object.fromEntries(
            Object.entries(row)
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([k, v]) => [k, Buffer.isBuffer(v) ? v.toString('base64') : v]),
          ),
        ),
      )
      .sort();
  }
  return JSON.stringify(parts);
}
