// Process entry: config -> database -> migrate -> bootstrap -> listen + jobs; SIGTERM/SIGINT close all.
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { createContext } from './context.js';
import { randomIds } from './ids.js';
import { startBackgroundJobs } from './jobs/background-jobs.js';
import { createLogger } from './logger.js';
import { ensureBootstrapAdmin } from './services/admin/ensure-bootstrap-admin.js';
import { seedDemoData } from './services/demo/seed-demo.js';
import { openDatabase } from './storage/database.js';
import { migrateToLatest } from './storage/migrate.js';

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const database = openDatabase(config.databaseUrl);
  const { applied } = await migrateToLatest(database);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  const ctx = createContext({
    config,
    database,
    clock: systemClock,
    ids: randomIds,
    logger,
  });
  if (await ensureBootstrapAdmin(ctx))
    logger.info({ username: config.adminUsername }, 'bootstrap admin created');
  if (config.demoData) {
    const demo = await seedDemoData(ctx);
    logger.warn('DEMO MODE: demo logins exist; never use demo mode in production (DEMO_DATA=false)');
    for (const line of demo.logins) logger.warn(`demo login: ${line}`);
  }
  const app = await buildApp(ctx);
  const jobs = startBackgroundJobs(ctx);
  await app.listen({ port: config.port, host: config.host });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing in-flight work');
    const force = setTimeout(() => {
      logger.error('shutdown took too long, exiting');
      process.exit(1);
    }, 20_000);
    force.unref();
    try {
      await app.close();
      await jobs.stop();
      await database.close();
      logger.info('bye');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'error during shutdown');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
