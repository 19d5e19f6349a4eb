// Hot-path queries are built and compiled by Kysely once, then run many times with new values. Values
// stay bound parameters; only the query building and SQL generation are skipped.
import { createQueryId, type Compilable, type Kysely } from 'kysely';
import type { DatabaseSchema } from './tables/database-schema.js';

const PLACEHOLDER = '\u0000precompiled-parameter:';

export interface Precompiled<Params, Row> {
  /** Runs with these values, on `executor` (e.g. a transaction) or the database it was compiled for. */
  execute(params: Params, executor?: Kysely<DatabaseSchema>): Promise<Row[]>;
}

type Slot = { name: string } | { value: unknown };

const statementNames = new Map<string, string>();

/**
 * The server-side prepared-statement name of a precompiled query's SQL (PostgreSQL parses and plans it
 * once per connection instead of on every call), or undefined for any other SQL.
 */
export function preparedStatementName(sql: string): string | undefined {
  return statementNames.get(sql);
}

/**
 * Compiles `build(param)` once against `db`. Use `param('name')` wherever a per-call value goes; other
 * values in the query are constants of the compiled statement.
 */
export function precompile<Params extends Record<string, unknown>, Row>(
  db: Kysely<DatabaseSchema>,
  build: (param: <K extends keyof Params & string>(name: K) => Params[K]) => Compilable<Row>,
): Precompiled<Params, Row> {
  const compiled = build((name) => `${PLACEHOLDER}${name}` as never).compile();
  // A placeholder inlined into the SQL text (not bound) would silently break the query.
  if (compiled.sql.includes(PLACEHOLDER)) throw new Error('precompile: a parameter was inlined into the SQL');
  if (!statementNames.has(compiled.sql))
    statementNames.set(compiled.sql, `consenthub_${statementNames.size + 1}`);
  const slots: Slot[] = compiled.parameters.map((value) =>
    typeof value === 'string' && value.startsWith(PLACEHOLDER)
      ? { name: value.slice(PLACEHOLDER.length) }
      : { value },
  );
  return {
    async execute(params, executor = db) {
      const parameters = slots.map((slot) => ('name' in slot ? params[slot.name] : slot.value));
      const result = await executor.executeQuery<Row>({ ...compiled, parameters, queryId: createQueryId() });
      return result.rows;
    },
  };
}
