// The benchmark machinery behind `npm run bench` (DESIGN.md §8): generate a data set, start the real
// server and the bare ceiling route in a child process, drive both with autocannon from this process,
// and report requests/s, p50/p99 and the ratio to the bare route, measured pairwise in one run.
// On a machine with two or more CPUs and taskset, the server process runs on CPU 0 and the load generator
// (this process) on CPU 1, so neither steals the other's CPU time (--no-pin turns it off).
import { execFileSync, fork, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { OBP_GENERATION_ENV } from './generate-obp.js';
import { createContext } from '../src/context.js';
import { randomIds } from '../src/ids.js';
import { createLogger } from '../src/logger.js';
import { createScratchSchema, openDatabase } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { ACCESS_PATTERNS, picker, type Access } from './access.js';
import { generateConsents, type GeneratedSet } from './generate.js';
import type { RequestSpec, Scenario } from './scenario.js';
import { ENDPOINTS, SCENARIOS } from './scenarios.js';
import type { FromServer, ServerOptions, ServerStats, ToServer } from './server.js';

export { ENDPOINTS };
export type Endpoint = string;

/** Distinct targets asked once each by a read path's first pass (fewer when the data set is smaller). */
export const FIRST_PASS = 20_000;

/** Alternating bare/server slices per measurement, unless told (at most one per second measured). */
export const DEFAULT_ROUNDS = 10;

export interface BenchOptions {
  consents: number;
  /** postgres://... to run on PostgreSQL (a fresh schema, dropped afterwards); SQLite temp file otherwise. */
  db?: string;
  /** Seconds per measurement (each endpoint and each bare run). */
  duration: number;
  /** The measurement is split into this many alternating bare/server slices (default 10). */
  rounds?: number;
  /** Seconds of unmeasured warm-up before each measurement. */
  warmup: number;
  connections: number;
  /** Also measure validate on a data set of this size (cost must not grow with the consent count). */
  scalingConsents?: number;
  endpoints?: readonly Endpoint[];
  /** Access patterns the read paths (validate, retrieve) are measured under (default: uniform and zipf). */
  access?: readonly Access[];
  /** Write V8 CPU profiles of the server process to this directory. */
  profileDir?: string;
  /** Pin the server process to CPU 0 and the load generator to CPU 1 when possible (default true). */
  pin?: boolean;
  log?: (line: string) => void;
}

export interface Pinning {
  enabled: boolean;
  /** CPU list of the server process (real server and bare route alike) and of the load generator. */
  serverCpus?: string;
  loadGeneratorCpus?: string;
  /** Why pinning is off. */
  reason?: string;
}

export interface Measurement {
  requestsPerSecond: number;
  requests: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
  timeouts: number;
}

export interface EndpointResult {
  endpoint: Endpoint;
  consents: number;
  /** How targets were drawn: `uniform` over the whole data set, or `zipf` (s = 1). Writes: uniform. */
  access: Access;
  /**
   * The server's consent read cache during the measured slices (hits and misses counted by the server
   * itself); null when the server has no cache (PostgreSQL without one, or CONSENT_CACHE_SIZE=0).
   */
  cache: { hits: number; misses: number; hitRate: number } | null;
  /** The server process's resident set size after the measurement, MiB. */
  serverRssMiB: number;
  server: Measurement;
  bare: Measurement;
  /** server requests/s divided by bare requests/s, both measured back to back. */
  ratio: number;
  /**
   * Validate and retrieve (the cached read paths): every target of the sample asked once, in random order,
   * before the warm-up and the measurement. Each request is a first touch (database pages, cache fill).
   */
  firstPass?: { requests: number; seconds: number; requestsPerSecond: number; ratio: number };
}

export interface DatasetInfo {
  consents: number;
  authorisations: number;
  mappings: number;
  generationSeconds: number;
  statusCounts: Record<string, number>;
  /** Authorised funds-confirmation consents bound to a customer's account (beside `consents`). */
  fundsConsents: number;
  /** ACCEPTED OBP consents with Consent-JWTs (the obp-consent-jwt scenario's targets). */
  obpConsents: number;
  customers: number;
  /** The server process's RSS right after it started on this data set (before any request), MiB. */
  serverRssAtStartMiB?: number;
}

export interface BenchReport {
  startedAt: string;
  dialect: 'sqlite' | 'postgres';
  machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; platform: string };
  options: Omit<BenchOptions, 'log' | 'db' | 'profileDir' | 'pin'> & { db: string };
  pinning: Pinning;
  datasets: DatasetInfo[];
  results: EndpointResult[];
}

const SERVER_CPUS = '0';
const LOAD_GENERATOR_CPUS = '1';

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** Whether this run pins, and on which CPUs. */
function pinningFor(options: BenchOptions): Pinning {
  if (options.pin === false) return { enabled: false, reason: '--no-pin' };
  if (os.availableParallelism() < 2) return { enabled: false, reason: 'fewer than 2 CPUs' };
  if (process.platform !== 'linux' || !hasTaskset()) return { enabled: false, reason: 'no taskset' };
  return { enabled: true, serverCpus: SERVER_CPUS, loadGeneratorCpus: LOAD_GENERATOR_CPUS };
}

/** Sets the CPU affinity of every thread of process `pid`. */
function setAffinity(pid: number, cpus: string): void {
  execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)], { stdio: 'ignore' });
}

/** The CPU affinity list of process `pid` (e.g. "0,1" or "0-3"). */
function affinityOf(pid: number): string {
  const output = execFileSync('taskset', ['-p', '-c', String(pid)], { encoding: 'utf8' });
  return output.slice(output.lastIndexOf(':') + 1).trim();
}

/** Temporary databases not yet removed: an interrupted run removes them through `cleanUp`. */
const undisposed = new Set<() => Promise<void>>();

/** Removes every temporary database (temp SQLite file, PostgreSQL schema) of runs still in progress. */
export async function cleanUp(): Promise<void> {
  await Promise.allSettled([...undisposed].map((dispose) => dispose()));
}

/** A temporary database holding a generated data set; `dispose` removes it. */
interface PreparedDatabase {
  serverOptions: ServerOptions;
  set: GeneratedSet;
  dispose(): Promise<void>;
}

/** "generated 1,200,000 / 10,000,000 consents (12.0 %), 4,000/s, ETA 36m40s". */
export function progressLine(done: number, total: number, seconds: number): string {
  const rate = done / Math.max(0.001, seconds);
  const left = rate > 0 ? Math.round((total - done) / rate) : Infinity;
  const eta = Number.isFinite(left) ? `${Math.floor(left / 60)}m${String(left % 60).padStart(2, '0')}s` : '?';
  return (
    `generated ${done.toLocaleString('en')} / ${total.toLocaleString('en')} consents ` +
    `(${((100 * done) / total).toFixed(1)} %), ${Math.round(rate).toLocaleString('en')}/s, ETA ${eta}`
  );
}

async function prepareDatabase(
  options: BenchOptions,
  consents: number,
  log: (line: string) => void,
): Promise<PreparedDatabase> {
  let url: string;
  let schema: string | undefined;
  let remove: () => Promise<void>;
  if (options.db) {
    url = options.db;
    ({ schema, drop: remove } = await createScratchSchema(url, 'bench'));
  } else {
    const dir = await mkdtemp(join(os.tmpdir(), 'consenthub-bench-'));
    url = `sqlite:${join(dir, 'bench.db')}`;
    remove = () => rm(dir, { recursive: true, force: true });
  }
  const dispose = async () => {
    if (undisposed.delete(dispose)) await remove();
  };
  undisposed.add(dispose);
  try {
    // A large page cache while loading: the random-key indexes are then written once per commit.
    const database = openDatabase(url, schema === undefined ? { sqliteCacheMiB: 2048 } : { schema });
    try {
      await migrateToLatest(database);
      const config = loadConfig({
        DATABASE_URL: url,
        LOG_LEVEL: 'silent',
        DEMO_DATA: 'false',
        ...OBP_GENERATION_ENV,
      });
      const ctx = createContext({
        config,
        database,
        clock: systemClock,
        ids: randomIds,
        logger: createLogger('silent'),
      });
      const started = performance.now();
      let lastReport = started;
      const set = await generateConsents(ctx, {
        consents,
        onProgress: (done) => {
          const now = performance.now();
          if (now - lastReport > 10_000 || done === consents) {
            lastReport = now;
            log(`  ${progressLine(done, consents, (now - started) / 1000)}`);
          }
        },
      });
      await database.maintain();
      return { serverOptions: { databaseUrl: url, ...(schema ? { schema } : {}) }, set, dispose };
    } finally {
      await database.close();
    }
  } catch (error) {
    await dispose();
    throw error;
  }
}

/** The server child process and a way to talk to it. */
export class ServerProcess {
  private constructor(
    private readonly child: ChildProcess,
    readonly appPort: number,
    readonly barePort: number,
  ) {}

  static async start(
    options: ServerOptions,
    profileDir?: string,
    serverCpus?: string,
  ): Promise<ServerProcess> {
    const child = fork(fileURLToPath(new URL('./server.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx', ...(profileDir ? ['--cpu-prof', '--cpu-prof-dir', profileDir] : [])],
      env: { ...process.env, BENCH_SERVER_OPTIONS: JSON.stringify(options) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    // Every thread of the child (threads started later inherit it), before it serves anything: the real
    // server and the bare route share the process, so both run on the same CPU.
    if (serverCpus !== undefined && child.pid !== undefined) {
      try {
        setAffinity(child.pid, serverCpus);
      } catch (error) {
        child.kill('SIGKILL');
        throw error;
      }
    }
    const ready = await ServerProcess.next(child, 'ready', 60_000);
    return new ServerProcess(child, ready.appPort, ready.barePort);
  }

  private static next<T extends FromServer['type']>(
    child: ChildProcess,
    type: T,
    timeoutMs: number,
  ): Promise<Extract<FromServer, { type: T }>> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => done(new Error(`bench server: no "${type}" in ${timeoutMs} ms`)),
        timeoutMs,
      );
      const onMessage = (message: FromServer) => {
        if (message.type === type) done(undefined, message as Extract<FromServer, { type: T }>);
      };
      const onExit = (code: number | null) =>
        done(new Error(`bench server exited (${code}) before "${type}"`));
      const done = (error?: Error, message?: Extract<FromServer, { type: T }>) => {
        clearTimeout(timer);
        child.off('message', onMessage);
        child.off('exit', onExit);
        if (error) reject(error);
        else resolve(message!);
      };
      child.on('message', onMessage);
      child.on('exit', onExit);
    });
  }

  /** Sends `message` and waits for the server's `reply`. */
  private async ask<T extends FromServer['type']>(
    message: ToServer,
    reply: T,
    timeoutMs: number,
  ): Promise<Extract<FromServer, { type: T }>> {
    const acked = ServerProcess.next(this.child, reply, timeoutMs);
    this.child.send(message);
    return acked;
  }

  async setBareBodies(bodies: Record<string, { status: number; body: unknown }>): Promise<void> {
    await this.ask({ type: 'bare-bodies', bodies }, 'bare-bodies-set', 10_000);
  }

  /** The server's consent-cache counters and RSS, read by the server process itself. */
  async stats(): Promise<ServerStats> {
    const { stats } = await this.ask({ type: 'stats' }, 'stats', 10_000);
    return stats;
  }

  /** Holds the app's background jobs back (while the bare route is measured); waits for a run in flight. */
  async pauseJobs(): Promise<void> {
    await this.ask({ type: 'pause-jobs' }, 'jobs-paused', 60_000);
  }

  async resumeJobs(): Promise<void> {
    await this.ask({ type: 'resume-jobs' }, 'jobs-resumed', 10_000);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    const stopped = ServerProcess.next(this.child, 'stopped', 30_000).catch(() => undefined);
    this.child.send({ type: 'stop' } satisfies ToServer);
    await stopped;
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await exited;
    clearTimeout(timer);
  }
}

function shuffled<T>(items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}

/** Up to `count` distinct indexes in [0, size), in random order. */
function distinctSample(size: number, count: number): number[] {
  if (count >= size) return shuffled(Array.from({ length: size }, (_, i) => i));
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(Math.floor(Math.random() * size));
  return shuffled([...chosen]);
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)]!;
}

/** One autocannon run: its request count, duration and every latency (ms). */
interface Run {
  requests: number;
  seconds: number;
  latencies: Float64Array;
  non2xx: number;
  errors: number;
  timeouts: number;
}

async function load(
  port: number,
  next: () => RequestSpec,
  seconds: number,
  connections: number,
  /** Stop after this many requests instead of after `seconds`. */
  amount?: number,
): Promise<Run> {
  const first = next();
  let latencies = new Float64Array(1 << 16);
  let count = 0;
  let instance: autocannon.Instance | undefined;
  const finished = new Promise<autocannon.Result>((resolve, reject) => {
    instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections,
        ...(amount === undefined ? { duration: seconds } : { amount }),
        // Pipelining would hide per-request latency: one request in flight per connection.
        pipelining: 1,
        timeout: 10,
        requests: [{ ...first, setupRequest: (request) => ({ ...request, ...next() }) }],
      },
      (error: unknown, result: autocannon.Result) => (error ? reject(error) : resolve(result)),
    );
  });
  // Sub-millisecond latencies: autocannon's own histogram rounds to whole milliseconds.
  instance!.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    if (count === latencies.length) {
      const grown = new Float64Array(latencies.length * 2);
      grown.set(latencies);
      latencies = grown;
    }
    latencies[count++] = responseTime;
  });
  const result = await finished;
  return {
    requests: result.requests.total,
    seconds: result.duration,
    latencies: latencies.subarray(0, count),
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

function summarise(runs: readonly Run[]): Measurement {
  const sorted = new Float64Array(runs.reduce((n, r) => n + r.latencies.length, 0));
  let offset = 0;
  for (const run of runs) {
    sorted.set(run.latencies, offset);
    offset += run.latencies.length;
  }
  sorted.sort();
  const sum = (pick: (run: Run) => number) => runs.reduce((n, r) => n + pick(r), 0);
  return {
    requestsPerSecond:
      sum((r) => r.requests) /
      Math.max(
        0.001,
        sum((r) => r.seconds),
      ),
    requests: sum((r) => r.requests),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
  };
}

async function fetchJson(port: number, spec: RequestSpec): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`http://127.0.0.1:${port}${spec.path}`, {
    method: spec.method,
    headers: spec.headers,
    ...(spec.body !== undefined ? { body: spec.body } : {}),
  });
  return { status: response.status, body: await response.json() };
}

/** Cache hits and misses the server counted between two readings of its stats. */
function cacheDelta(before: ServerStats, after: ServerStats): { hits: number; misses: number } | null {
  if (!before.cache || !after.cache) return null;
  return { hits: after.cache.hits - before.cache.hits, misses: after.cache.misses - before.cache.misses };
}

function scenariosNamed(endpoints: readonly Endpoint[]): Scenario[] {
  return endpoints.map((name) => {
    const scenario = SCENARIOS.find((s) => s.name === name);
    if (!scenario) throw new Error(`unknown endpoint "${name}" (known: ${ENDPOINTS.join(', ')})`);
    return scenario;
  });
}

export async function measureEndpoints(
  server: ServerProcess,
  set: GeneratedSet,
  endpoints: readonly Endpoint[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<EndpointResult[]> {
  const scenarios = scenariosNamed(endpoints);
  const prepared = [];
  for (const scenario of scenarios)
    prepared.push({ scenario, requests: await scenario.prepare({ appPort: server.appPort, set }) });
  // The bare routes answer exactly what the real endpoints answer (one sample of each).
  const bodies: Record<string, { status: number; body: unknown }> = {};
  for (const { scenario, requests } of prepared) {
    if (requests.size === 0) throw new Error(`${scenario.name}: no targets in the data set`);
    const sample = await fetchJson(server.appPort, requests.request(0, false));
    if (sample.status !== scenario.expectedStatus)
      throw new Error(
        `${scenario.name}: expected ${scenario.expectedStatus}, got ${sample.status}: ${JSON.stringify(sample.body)}`,
      );
    bodies[scenario.name] = sample;
  }
  await server.setBareBodies(bodies);

  const results: EndpointResult[] = [];
  const rounds = Math.max(1, Math.min(options.rounds ?? DEFAULT_ROUNDS, Math.floor(options.duration)));
  // The bare route runs while the app's background jobs are held back (they run in the server's slices).
  const onSide = async <T>(side: 'bare' | 'server', work: () => Promise<T>): Promise<T> => {
    if (side === 'server') return work();
    await server.pauseJobs();
    try {
      return await work();
    } finally {
      await server.resumeJobs();
    }
  };
  for (const { scenario, requests } of prepared) {
    let first: Run | undefined;
    if (scenario.read) {
      // A first pass: distinct targets once each, in random order, each a first touch (pages, cache fill).
      const sample = distinctSample(requests.size, FIRST_PASS);
      const specs = sample.map((index) => requests.request(index, false));
      let index = 0;
      first = await load(
        server.appPort,
        () => specs[index++ % specs.length]!,
        0,
        options.connections,
        specs.length,
      );
    }
    const patterns: readonly Access[] = scenario.read ? (options.access ?? ACCESS_PATTERNS) : ['uniform'];
    for (const access of patterns) {
      const draw = picker(access, requests.size);
      const targets = {
        bare: { port: server.barePort, next: () => requests.request(draw(), true) },
        server: { port: server.appPort, next: () => requests.request(draw(), false) },
      };
      for (const side of ['bare', 'server'] as const) {
        const { port, next } = targets[side];
        if (options.warmup > 0)
          await onSide(side, () => load(port, next, options.warmup, options.connections));
      }
      // Bare and server alternate in short slices, so both see the same background load on a shared
      // machine: the ratio is what we compare. The server's cache counters are read around its slices.
      const runs = { bare: [] as Run[], server: [] as Run[] };
      let hits = 0;
      let misses = 0;
      let cached = true;
      let stats = await server.stats();
      for (let round = 0; round < rounds; round++) {
        for (const side of ['bare', 'server'] as const) {
          const { port, next } = targets[side];
          if (side === 'server') stats = await server.stats();
          runs[side].push(
            await onSide(side, () => load(port, next, options.duration / rounds, options.connections)),
          );
          if (side === 'server') {
            const after = await server.stats();
            const delta = cacheDelta(stats, after);
            if (delta) {
              hits += delta.hits;
              misses += delta.misses;
            } else cached = false;
            stats = after;
          }
        }
      }
      const bare = summarise(runs.bare);
      const measured = summarise(runs.server);
      const result: EndpointResult = {
        endpoint: scenario.name,
        consents: set.consents,
        access,
        cache: cached ? { hits, misses, hitRate: hits + misses === 0 ? 0 : hits / (hits + misses) } : null,
        serverRssMiB: stats.rssMiB,
        server: measured,
        bare,
        ratio: measured.requestsPerSecond / bare.requestsPerSecond,
      };
      if (first) {
        const rate = first.requests / Math.max(0.001, first.seconds);
        result.firstPass = {
          requests: first.requests,
          seconds: first.seconds,
          requestsPerSecond: rate,
          ratio: rate / bare.requestsPerSecond,
        };
        log(
          `  ${scenario.name} first pass (${first.requests.toLocaleString('en')} distinct targets once each): ` +
            `${rate.toFixed(0)} req/s, ratio ${result.firstPass.ratio.toFixed(2)}`,
        );
        first = undefined;
      }
      log(
        `  ${scenario.name} ${access} @ ${set.consents.toLocaleString('en')}: ${measured.requestsPerSecond.toFixed(0)} req/s` +
          ` (bare ${bare.requestsPerSecond.toFixed(0)}), ratio ${result.ratio.toFixed(2)}, p99 ${measured.p99.toFixed(2)} ms` +
          (result.cache ? `, cache hit rate ${(result.cache.hitRate * 100).toFixed(1)} %` : '') +
          `, server RSS ${stats.rssMiB.toFixed(0)} MiB`,
      );
      results.push(result);
    }
  }
  return results;
}

async function runOn(
  options: BenchOptions,
  consents: number,
  endpoints: readonly Endpoint[],
  pinning: Pinning,
  log: (line: string) => void,
): Promise<{ dataset: DatasetInfo; results: EndpointResult[] }> {
  log(`generating ${consents.toLocaleString('en')} consents on ${options.db ? 'PostgreSQL' : 'SQLite'}...`);
  const prepared = await prepareDatabase(options, consents, log);
  const { set } = prepared;
  const dataset: DatasetInfo = {
    consents: set.consents,
    authorisations: set.authorisations,
    mappings: set.mappings,
    generationSeconds: set.seconds,
    statusCounts: set.statusCounts,
    fundsConsents: set.fundsTargets.length,
    obpConsents: set.obpTargets.length,
    customers: set.customers,
  };
  log(
    `  ${set.consents.toLocaleString('en')} consents, ${set.authorisations.toLocaleString('en')} authorisations,` +
      ` ${set.mappings.toLocaleString('en')} account mappings, ${set.fundsTargets.length.toLocaleString('en')}` +
      ` bound funds-confirmation consents, ${set.obpTargets.length.toLocaleString('en')} OBP consents` +
      ` in ${set.seconds.toFixed(1)} s`,
  );
  try {
    const server = await ServerProcess.start(prepared.serverOptions, options.profileDir, pinning.serverCpus);
    // The load generator (autocannon, in this process) on its own CPU while measuring only.
    const ownCpus = pinning.enabled ? affinityOf(process.pid) : undefined;
    try {
      dataset.serverRssAtStartMiB = (await server.stats()).rssMiB;
      if (pinning.loadGeneratorCpus !== undefined) setAffinity(process.pid, pinning.loadGeneratorCpus);
      return { dataset, results: await measureEndpoints(server, set, endpoints, options, log) };
    } finally {
      if (ownCpus !== undefined) setAffinity(process.pid, ownCpus);
      await server.stop();
    }
  } finally {
    await prepared.dispose();
  }
}

export async function runBenchmark(options: BenchOptions): Promise<BenchReport> {
  const log = options.log ?? (() => {});
  const startedAt = new Date().toISOString();
  const endpoints = options.endpoints ?? ENDPOINTS;
  const datasets: DatasetInfo[] = [];
  const results: EndpointResult[] = [];
  const pinning = pinningFor(options);
  log(
    pinning.enabled
      ? `pinning: server on CPU ${pinning.serverCpus}, load generator on CPU ${pinning.loadGeneratorCpus}`
      : `pinning: off (${pinning.reason})`,
  );
  const main = await runOn(options, options.consents, endpoints, pinning, log);
  datasets.push(main.dataset);
  results.push(...main.results);
  if (options.scalingConsents !== undefined && options.scalingConsents !== options.consents) {
    const small = await runOn(options, options.scalingConsents, ['validate'], pinning, log);
    datasets.push(small.dataset);
    results.push(...small.results);
  }
  const cpus = os.cpus();
  return {
    startedAt,
    dialect: options.db ? 'postgres' : 'sqlite',
    machine: {
      cpus: cpus.length,
      cpuModel: cpus[0]?.model ?? 'unknown',
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
    },
    options: {
      consents: options.consents,
      db: options.db ? options.db.replace(/\/\/[^@/]*@/, '//***@') : 'sqlite (temp file)',
      duration: options.duration,
      warmup: options.warmup,
      connections: options.connections,
      rounds: options.rounds ?? DEFAULT_ROUNDS,
      ...(options.scalingConsents !== undefined ? { scalingConsents: options.scalingConsents } : {}),
      endpoints,
      access: options.access ?? ACCESS_PATTERNS,
    },
    pinning,
    datasets,
    results,
  };
}

/** The report as a plain-text table. */
export function formatReport(report: BenchReport): string {
  const header = [
    'endpoint',
    'access',
    'consents',
    'req/s',
    'p50 ms',
    'p99 ms',
    'bare req/s',
    'bare p50',
    'bare p99',
    'ratio',
    '1st pass',
    '1st ratio',
    'cache hit',
    'RSS MiB',
    'non-2xx/err',
  ];
  const rows = report.results.map((r) => [
    r.endpoint,
    r.access,
    r.consents.toLocaleString('en'),
    r.server.requestsPerSecond.toFixed(0),
    r.server.p50.toFixed(2),
    r.server.p99.toFixed(2),
    r.bare.requestsPerSecond.toFixed(0),
    r.bare.p50.toFixed(2),
    r.bare.p99.toFixed(2),
    r.ratio.toFixed(2),
    r.firstPass ? r.firstPass.requestsPerSecond.toFixed(0) : '-',
    r.firstPass ? r.firstPass.ratio.toFixed(2) : '-',
    r.cache ? `${(r.cache.hitRate * 100).toFixed(1)} %` : '-',
    r.serverRssMiB.toFixed(0),
    `${r.server.non2xx}/${r.server.errors + r.server.timeouts}`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  const m = report.machine;
  return [
    `ConsentHub benchmark, ${report.dialect}, ${m.cpus} CPUs (${m.cpuModel}), Node ${m.node}, ` +
      `${report.options.connections} connections, ${report.options.duration} s per run, ` +
      (report.pinning.enabled
        ? `server on CPU ${report.pinning.serverCpus}, load generator on CPU ${report.pinning.loadGeneratorCpus}`
        : `not pinned (${report.pinning.reason})`),
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...rows.map(line),
  ].join('\n');
}
