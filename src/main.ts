// Process entry: config -> port and database checks (nothing written yet) -> migrate -> bootstrap -> listen
// + jobs; SIGTERM/SIGINT close all. A problem the operator can fix is one line on stderr and exit code 2.
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig } from './config.js';
import { createContext } from './context.js';
import { randomIds } from './ids.js';
import { startBackgroundJobs } from './jobs/background-jobs.js';
import { createLogger } from './logger.js';
import { ensureBootstrapAdmin } from './services/admin/ensure-bootstrap-admin.js';
import { seedDemoData } from './services/demo/seed-demo.js';
import { ensurePortFree, portProblem } from './startup/ensure-port-free.js';
import { StartupError } from './startup/startup-error.js';
import { openCheckedDatabase } from './storage/check-database.js';
import { migrateToLatest } from './storage/migrate.js';

async function main(): Promise<void> {
  const config = loadConfig();
  await ensurePortFree('PORT', config.host, config.port);
  const database = await openCheckedDatabase(config.databaseUrl);
  const logger = createLogger(config.logLevel);
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
    for (const line of demo.others) logger.warn(`demo account without its demo login: ${line}`);
  }
  const app = await buildApp(ctx);
  const jobs = startBackgroundJobs(ctx);
  // The port was free a moment ago; another process may have taken it since.
  await app.listen({ port: config.port, host: config.host }).catch((error: NodeJS.ErrnoException) => {
    throw portProblem('PORT', config.host, config.port, error);
  });

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
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error);
  process.exit(1);
});
