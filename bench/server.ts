// The benchmark's server process: the real ConsentHub app (buildApp, background jobs, as src/main.ts
// runs it) and, in the same process, a bare Fastify app that answers the same JSON with no work (the
// ceiling). Both listen on free ports of 127.0.0.1; the parent drives them over IPC.
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { randomIds } from '../src/ids.js';
import { startBackgroundJobs } from '../src/jobs/background-jobs.js';
import { createLogger } from '../src/logger.js';
import { openDatabase } from '../src/storage/database.js';

export interface ServerOptions {
  databaseUrl: string;
  /** PostgreSQL: the schema the data set was generated in. */
  schema?: string;
}

/** What the server process reports about itself (read around every measured slice). */
export interface ServerStats {
  /** The consent read cache's counters since start, or null when it is off. */
  cache: { hits: number; misses: number } | null;
  rssMiB: number;
}

export type ToServer =
  | { type: 'bare-bodies'; bodies: Record<string, { status: number; body: unknown }> }
  | { type: 'stats' }
  | { type: 'pause-jobs' }
  | { type: 'resume-jobs' }
  | { type: 'stop' };

export type FromServer =
  | { type: 'ready'; appPort: number; barePort: number }
  | { type: 'bare-bodies-set' }
  | { type: 'stats'; stats: ServerStats }
  | { type: 'jobs-paused' }
  | { type: 'jobs-resumed' }
  | { type: 'stopped' };

async function serve(options: ServerOptions): Promise<void> {
  const config = loadConfig({
    DATABASE_URL: options.databaseUrl,
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    PORT: '0',
    // The highest limits config allows: the benchmark must never be answered 429.
    RATE_LIMIT_PER_SECOND: '100000',
    RATE_LIMIT_BURST: '100000',
  });
  const logger = createLogger(config.logLevel);
  const database = openDatabase(
    config.databaseUrl,
    options.schema === undefined ? {} : { schema: options.schema },
  );
  const ctx = createContext({
    config,
    database,
    clock: systemClock,
    ids: randomIds,
    logger,
  });
  const app = await buildApp(ctx);
  const jobs = startBackgroundJobs(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });

  // The ceiling: same process, same requests, same JSON and status, nothing else (one route per scenario
  // shape: `/bare/<name>` for POST, `/bare/<name>/<id>` for GET).
  let bodies: Record<string, { status: number; body: unknown }> = {};
  const bare = Fastify({ logger: false });
  const answer = async (
    request: { params: { scenario: string } },
    reply: { status(code: number): { send(body: unknown): unknown } },
  ) => {
    const sample = bodies[request.params.scenario];
    return sample ? reply.status(sample.status).send(sample.body) : reply.status(404).send({});
  };
  bare.post<{ Params: { scenario: string } }>('/bare/:scenario', answer);
  bare.get<{ Params: { scenario: string; id: string } }>('/bare/:scenario/:id', answer);
  await bare.listen({ host: '127.0.0.1', port: 0 });

  const portOf = (server: { server: { address(): unknown } }) =>
    (server.server.address() as { port: number }).port;
  const send = (message: FromServer) => process.send?.(message);
  process.on('message', (message: ToServer) => {
    if (message.type === 'bare-bodies') {
      bodies = message.bodies;
      send({ type: 'bare-bodies-set' });
    } else if (message.type === 'stats') {
      const cache = ctx.storage.consentCacheStats();
      send({
        type: 'stats',
        stats: {
          cache: cache ? { hits: cache.hits, misses: cache.misses } : null,
          rssMiB: process.memoryUsage.rss() / 2 ** 20,
        },
      });
    } else if (message.type === 'pause-jobs') {
      // While the bare route is measured: the app's background work (the usage flush, expiry) waits for
      // the server's own slice, so it is counted in the server's time, never in the bare route's.
      void jobs.pause().then(() => send({ type: 'jobs-paused' }));
    } else if (message.type === 'resume-jobs') {
      jobs.resume();
      send({ type: 'jobs-resumed' });
    } else if (message.type === 'stop') {
      void (async () => {
        await bare.close();
        await app.close();
        await jobs.stop();
        await database.close();
        send({ type: 'stopped' });
        process.disconnect?.();
      })();
    }
  });
  // If the parent dies, do not linger.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', appPort: portOf(app), barePort: portOf(bare) });
}

const raw = process.env.BENCH_SERVER_OPTIONS;
if (!raw) {
  console.error('bench/server.ts is started by bench/run.ts');
  process.exit(2);
}
serve(JSON.parse(raw) as ServerOptions).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
