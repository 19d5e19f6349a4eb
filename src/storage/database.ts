// Opens the database named by DATABASE_URL: better-sqlite3 (WAL, busy timeout, foreign keys) or pg.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type SqliteDatabase } from 'kysely';
import pg from 'pg';
import { setBounded } from '../bounded-map.js';
import { listenForInstances, syncChannel, type InstanceSync } from './instance-sync.js';
import { preparedStatementName } from './precompiled.js';
import type { DatabaseSchema } from './tables/database-schema.js';

export type Dialect = 'sqlite' | 'postgres';

export interface Database {
  readonly db: Kysely<DatabaseSchema>;
  readonly dialect: Dialect;
  /** Cheap round trip used by /health/ready. */
  ping(): Promise<void>;
  /**
   * After bulk loads: refreshes PostgreSQL's planner statistics (autovacuum would, a little later). A
   * no-op on SQLite: its default plans suit these queries, whereas after ANALYZE (better-sqlite3 is built
   * with STAT4) it re-prepares statements whenever a bound value changes (8x slower validation) and
   * picks skip-scans over the client-prefixed indexes for the expiry job.
   */
  maintain(): Promise<void>;
  /**
   * SQLite only: PRAGMA data_version, which changes whenever another connection (another process, the CLI)
   * commits. Undefined on PostgreSQL, which offers no such cheap signal.
   */
  readonly dataVersion?: () => number;
  /**
   * PostgreSQL only: the signals between instances sharing the database (LISTEN/NOTIFY, one connection of
   * its own, opened on first call and closed with the database). Undefined on SQLite.
   */
  readonly instanceSync?: () => InstanceSync;
  close(): Promise<void>;
}

// int8 columns hold epoch milliseconds, well inside Number's safe range.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export interface OpenOptions {
  /** PostgreSQL only: run every session with this search_path (tests use one schema per file). */
  schema?: string;
  poolSize?: number;
  /** SQLite only: page cache size (default 64 MiB); bulk loads into big files want more. */
  sqliteCacheMiB?: number;
  /**
   * SQLite only: NORMAL (default) survives a process crash, not a power loss; FULL syncs the WAL on
   * every commit and survives both (docs/security.md).
   */
  sqliteSynchronous?: 'NORMAL' | 'FULL';
}

export function openDatabase(url: string, options: OpenOptions = {}): Database {
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url, options);
  return openSqlite(url === ':memory:' ? ':memory:' : url.replace(/^sqlite:(\/\/)?/, ''), options);
}

/**
 * Kysely prepares a better-sqlite3 statement for every query; parsing and planning then cost more than
 * running a primary-key lookup. Keep the most recently used statements (SQLite re-prepares a statement
 * by itself after a schema change).
 */
function withStatementCache(connection: SQLite.Database, max = 200): SqliteDatabase {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => connection.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      // A statement still being iterated (a stream) cannot run twice at once: use a fresh one.
      if (cached !== undefined && !cached.busy) return cached;
      const statement = connection.prepare(text);
      if (cached === undefined) setBounded(cache, text, statement, max);
      return statement;
    },
  };
}

/**
 * mkdir -p, one level at a time: Node's recursive mkdirSync never returns under a pseudo file system such
 * as /proc (it retries forever); a single mkdir there fails at once, and start-up can say so.
 */
function makeDirectories(path: string): void {
  if (existsSync(path)) return;
  const parent = dirname(path);
  if (parent !== path) makeDirectories(parent);
  mkdirSync(path);
}

function openSqlite(file: string, options: OpenOptions): Database {
  if (file !== ':memory:') makeDirectories(dirname(file));
  const connection = new SQLite(file);
  connection.pragma('journal_mode = WAL');
  connection.pragma(`synchronous = ${options.sqliteSynchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
  connection.pragma('busy_timeout = 5000');
  connection.pragma('foreign_keys = ON');
  // Hot reads come from the page cache or, past it, straight from the memory-mapped file.
  connection.pragma(`cache_size = ${-1024 * (options.sqliteCacheMiB ?? 64)}`);
  connection.pragma('temp_store = MEMORY');
  if (file !== ':memory:') connection.pragma(`mmap_size = ${4 * 2 ** 30}`);
  const db = new Kysely<DatabaseSchema>({
    dialect: new SqliteDialect({ database: withStatementCache(connection) }),
  });
  const dataVersion = connection.prepare<[], number>('PRAGMA data_version').pluck();
  return {
    db,
    dialect: 'sqlite',
    dataVersion: () => dataVersion.get()!,
    async ping() {
      await sql`select 1`.execute(db);
    },
    async maintain() {},
    async close() {
      await db.destroy();
    },
  };
}

/**
 * A throwaway PostgreSQL schema (tests, benchmarks): created now; open it with `{ schema }`, and call `drop`
 * once the database is closed.
 */
export async function createScratchSchema(
  url: string,
  prefix: string,
): Promise<{ schema: string; drop: () => Promise<void> }> {
  const schema = `${prefix}_${randomBytes(8).toString('hex')}`;
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await run(`CREATE SCHEMA ${schema}`);
  return { schema, drop: () => run(`DROP SCHEMA IF EXISTS ${schema} CASCADE`) };
}

function openPostgres(url: string, options: OpenOptions): Database {
  const settings = {
    connectionString: url,
    ...(options.schema ? { options: `-c search_path=${options.schema}` } : {}),
  };
  const pool = new pg.Pool({ ...settings, max: options.poolSize ?? 10 });
  const db = new Kysely<DatabaseSchema>({
    dialect: new PostgresDialect({
      pool: { connect: async () => withPreparedStatements(await pool.connect()), end: () => pool.end() },
    }),
  });
  let sync: InstanceSync | undefined;
  return {
    db,
    dialect: 'postgres',
    instanceSync: () =>
      (sync ??= listenForInstances(db, () => new pg.Client(settings), syncChannel(options.schema))),
    async ping() {
      await sql`select 1`.execute(db);
    },
    async maintain() {
      await sql`analyze`.execute(db);
    },
    async close() {
      await sync?.close();
      await db.destroy();
    },
  };
}

const preparedClients = new WeakSet<pg.PoolClient>();

/**
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it each time: for a primary-key lookup
 * planning costs several times the execution. Precompiled hot-path queries go as named prepared
 * statements instead (pg prepares each once per connection); everything else is unchanged.
 */
function withPreparedStatements(client: pg.PoolClient): pg.PoolClient {
  if (preparedClients.has(client)) return client;
  preparedClients.add(client);
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && args.length <= 2 && (values === undefined || Array.isArray(values))) {
      const name = preparedStatementName(text);
      if (name !== undefined) return query({ name, text, values });
    }
    return query(...args);
  }) as typeof client.query;
  return client;
}
