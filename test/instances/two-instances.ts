// Two ConsentHub instances on one database, as two servers behind a load balancer run (issue 13 item 7):
// each with its own connections, caches, instance sync and background state; nothing shared in memory.
// PostgreSQL: one fresh schema of TEST_DATABASE_URL; SQLite: one temporary file.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createContext, type AppContext } from '../../src/context.js';
import { randomIds } from '../../src/ids.js';
import { createLogger } from '../../src/logger.js';
import { createScratchSchema, openDatabase, type Database } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';
import { testDialect } from '../helpers/test-context.js';

export interface Instance {
  ctx: AppContext;
  app: FastifyInstance;
  database: Database;
}

export interface TwoInstances {
  a: Instance;
  b: Instance;
  close(): Promise<void>;
}

export async function startTwoInstances(env: Record<string, string> = {}): Promise<TwoInstances> {
  let url: string;
  let schema: string | undefined;
  let drop: () => Promise<void>;
  if (testDialect() === 'postgres') {
    url = process.env.TEST_DATABASE_URL!;
    ({ schema, drop } = await createScratchSchema(url, 'two'));
  } else {
    const dir = await mkdtemp(join(os.tmpdir(), 'consenthub-two-'));
    url = `sqlite:${join(dir, 'shared.db')}`;
    drop = () => rm(dir, { recursive: true, force: true });
  }
  const config = loadConfig({
    DATABASE_URL: url,
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'false',
    RATE_LIMIT_BURST: '100000',
    ...env,
  });
  const start = async (): Promise<Instance> => {
    const database = openDatabase(url, schema ? { schema, poolSize: 4 } : {});
    await migrateToLatest(database);
    const ctx = createContext({
      config,
      database,
      clock: systemClock,
      ids: randomIds,
      logger: createLogger('silent'),
    });
    const app = await buildApp(ctx);
    await app.ready();
    return { ctx, app, database };
  };
  const a = await start();
  const b = await start();
  return {
    a,
    b,
    async close() {
      for (const instance of [a, b]) {
        await instance.app.close();
        await instance.database.close();
      }
      await drop();
    },
  };
}
