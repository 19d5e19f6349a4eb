// Process entry: config -> port and database checks (nothing written yet) -> migrate -> bootstrap -> listen
// + jobs; SIGTERM/SIGINT close all. A problem the operator can fix is one line on stderr and exit code 2.
import { buildApp } from './app.js';
import { systemClock } from './clock.js';
import { ConfigError, loadConfig, requirePublicBaseUrl } from './config.js';
import { createContext } from './context.js';
import { randomIds } from './ids.js';
import { startBackgroundJobs } from './jobs/background-jobs.js';
import { createLogger } from './logger.js';
import { buildOpsApp } from './http/ops/ops-app.js';
import { ensureBootstrapAdmin } from './services/admin/ensure-bootstrap-admin.js';
import { seedDemoData } from './services/demo/seed-demo.js';
import { ensureConsentJwtKey } from './services/obp/consent-jwt.js';
import { ensurePortFree, portProblem } from './startup/ensure-port-free.js';
import { StartupError } from './startup/startup-error.js';
import { openCheckedDatabase } from './storage/check-database.js';
import { migrateToLatest } from './storage/migrate.js';

async function main(): Promise<void> {
  const config = requirePublicBaseUrl(loadConfig());
  await ensurePortFree('PORT', config.host, config.port);
  if (config.opsPort !== undefined) await ensurePortFree('OPS_PORT', config.host, config.opsPort);
  const database = await openCheckedDatabase(config.databaseUrl);
  const logger = createLogger(config.logLevel);
  if (config.otpTransports.length === 0)
    logger.warn('OTP_TRANSPORT is not set: one-time codes cannot be sent (OBP consents answer OBP-35010)');
  else if (config.otpTransports.includes('outbox') && !config.demoData)
    logger.warn('OTP_TRANSPORT includes outbox: one-time codes are readable by admins at /admin/dev/outbox');
  const { applied } = await migrateToLatest(database);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  const ctx = createContext({
    config,
    database,
    clock: systemClock,
    ids: randomIds,
    logger,
  });
  const signingKey = await ensureConsentJwtKey(ctx);
  logger.info({ kid: signingKey.kid, alg: signingKey.alg }, 'Consent-JWT signing key ready');
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
  const opsPort = config.opsPort;
  const opsApp = opsPort === undefined ? undefined : await buildOpsApp(ctx, app.metricsRegistry);
  await opsApp?.listen({ port: opsPort, host: config.host }).catch((error: NodeJS.ErrnoException) => {
    throw portProblem('OPS_PORT', config.host, opsPort!, error);
  });
  logger.info(
    opsApp
      ? `health and metrics on OPS_PORT only${config.metricsToken ? ' (metrics need METRICS_TOKEN)' : ''}`
      : `health and metrics on PORT${config.metricsToken ? ' (metrics need METRICS_TOKEN)' : ': /metrics answers anyone (set OPS_PORT or METRICS_TOKEN to restrict it)'}`,
  );

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
      await opsApp?.close();
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
