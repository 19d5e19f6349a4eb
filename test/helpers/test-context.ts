// A real database per test file: in-memory SQLite, or a fresh PostgreSQL schema when the suite runs in
// the postgres project (TEST_DIALECT=postgres, TEST_DATABASE_URL).
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { buildApp } from '../../src/app.js';
import { ManualClock } from '../../src/clock.js';
import { loadConfig, type Config } from '../../src/config.js';
import { createContext, type AppContext } from '../../src/context.js';
import { randomIds } from '../../src/ids.js';
import { createLogger } from '../../src/logger.js';
import { createScratchSchema, openDatabase, type Database } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

export interface TestContext {
  ctx: AppContext;
  app: FastifyInstance;
  clock: ManualClock;
  database: Database;
  close(): Promise<void>;
}

export const TEST_NOW = Date.parse('2026-03-16T08:16:08Z');

export function testDialect(): 'sqlite' | 'postgres' {
  return process.env.TEST_DIALECT === 'postgres' ? 'postgres' : 'sqlite';
}

async function openTestDatabase(): Promise<{ database: Database; drop: () => Promise<void> }> {
  if (testDialect() === 'sqlite') return { database: openDatabase(':memory:'), drop: async () => {} };
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DIALECT=postgres needs TEST_DATABASE_URL');
  const { schema, drop } = await createScratchSchema(url, 't');
  return { database: openDatabase(url, { schema, poolSize: 4 }), drop };
}

export async function createTestContext(
  overrides: Partial<Config> = {},
  env: Record<string, string> = {},
  options: { logger?: Logger } = {},
): Promise<TestContext> {
  const { database, drop } = await openTestDatabase();
  await migrateToLatest(database);
  const config: Config = Object.freeze({
    ...loadConfig({ DATABASE_URL: ':memory:', LOG_LEVEL: 'silent', ...env }),
    ...overrides,
  });
  const clock = new ManualClock(TEST_NOW);
  const ctx = createContext({
    config,
    database,
    clock,
    ids: randomIds,
    logger: options.logger ?? createLogger(config.logLevel),
  });
  const app = await buildApp(ctx);
  await app.ready();
  return {
    ctx,
    app,
    clock,
    database,
    async close() {
      await app.close();
      await database.close();
      await drop();
    },
  };
}
