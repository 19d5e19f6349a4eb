// A real ConsentHub server for the browser tests: a fresh SQLite database with the demo data, the built
// portal, listening on 127.0.0.1 on a free port, with the system clock (sessions and times are real).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { systemClock } from '../../src/clock.js';
import { loadConfig } from '../../src/config.js';
import { createContext, type AppContext } from '../../src/context.js';
import { portalBundleExists } from '../../src/http/portal-web/routes.js';
import { randomIds } from '../../src/ids.js';
import { createLogger } from '../../src/logger.js';
import { seedDemoData } from '../../src/services/demo/seed-demo.js';
import { openDatabase } from '../../src/storage/database.js';
import { migrateToLatest } from '../../src/storage/migrate.js';

export interface PortalServer {
  url: string;
  ctx: AppContext;
  close(): Promise<void>;
}

export async function startPortalServer(): Promise<PortalServer> {
  if (!portalBundleExists()) throw new Error('web/dist is missing: run npm run build:portal');
  const dir = mkdtempSync(join(tmpdir(), 'consenthub-browser-'));
  const config = loadConfig({ DATABASE_URL: `sqlite:${join(dir, 'consenthub.db')}`, LOG_LEVEL: 'warn' });
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database);
  const ctx = createContext({
    config,
    database,
    clock: systemClock,
    ids: randomIds,
    logger: createLogger(config.logLevel),
  });
  await seedDemoData(ctx);
  const app: FastifyInstance = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    ctx,
    async close() {
      await app.close();
      await database.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
