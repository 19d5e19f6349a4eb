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
import { createContext } from '../src/context.js';
import { randomIds } from '../src/ids.js';
import { createLogger } from '../src/logger.js';
import { createScratchSchema, openDatabase } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { generateConsents, type GeneratedSet, type RetrieveTarget, type ValidateTarget } from './generate.js';
import type { FromServer, ServerOptions, ToServer } from './server.js';

export const ENDPOINTS = ['validate', 'retrieve', 'create', 'funds'] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

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
  customers: number;
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

const CREATE_BODY = JSON.stringify({
  Data: {
    Permissions: [
      'ReadAccountsBasic',
      'ReadAccountsDetail',
      'ReadBalances',
      'ReadTransactionsDetail',
      'ReadTransactionsCredits',
      'ReadTransactionsDebits',
    ],
    ExpirationDateTime: '2099-03-21T13:46:07.269894+05:30',
    TransactionFromDateTime: '2026-03-16T13:46:07.270580+05:30',
    TransactionToDateTime: '2099-03-19T13:46:07.270659+05:30',
  },
  Risk: {},
});

const FUNDS_BODY = (consentId: string) =>
  JSON.stringify({
    Data: {
      ConsentId: consentId,
      Reference: 'Bench',
      InstructedAmount: { Amount: '10.00', Currency: 'GBP' },
    },
  });

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
      const config = loadConfig({ DATABASE_URL: url, LOG_LEVEL: 'silent', DEMO_DATA: 'false' });
      const ctx = createContext({
        config,
        database,
        clock: systemClock,
        ids: randomIds,
        logger: createLogger('silent'),
      });
      let lastReport = performance.now();
      const set = await generateConsents(ctx, {
        consents,
        onProgress: (done) => {
          if (performance.now() - lastReport > 10_000) {
            lastReport = performance.now();
            log(`  generated ${done.toLocaleString('en')} / ${consents.toLocaleString('en')} consents`);
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
  private async ask(message: ToServer, reply: FromServer['type'], timeoutMs: number): Promise<void> {
    const acked = ServerProcess.next(this.child, reply, timeoutMs);
    this.child.send(message);
    await acked;
  }

  setBareBodies(bodies: Record<string, unknown>): Promise<void> {
    return this.ask({ type: 'bare-bodies', bodies }, 'bare-bodies-set', 10_000);
  }

  /** Holds the app's background jobs back (while the bare route is measured); waits for a run in flight. */
  pauseJobs(): Promise<void> {
    return this.ask({ type: 'pause-jobs' }, 'jobs-paused', 60_000);
  }

  resumeJobs(): Promise<void> {
    return this.ask({ type: 'resume-jobs' }, 'jobs-resumed', 10_000);
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

/** Client-credentials access tokens of the CBPIIs, by client id. */
type Tokens = Record<string, string>;

interface RequestSpec {
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
}

function basic(username: string, password: string): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString('base64')}`;
}

function randomOf<T>(items: readonly T[]): T {
  return items[Math.floor(Math.random() * items.length)]!;
}

function validateRequest(target: ValidateTarget, bare: boolean, authorization: string): RequestSpec {
  return {
    method: 'POST',
    path: bare ? '/bare/validate' : '/api/fs/consent/validate',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify(target),
  };
}

function retrieveRequest(target: RetrieveTarget, bare: boolean, authorization: string): RequestSpec {
  return {
    method: 'GET',
    path: bare
      ? `/bare/retrieve/${target.consentId}`
      : `/api/fs/consent/manage/account-access-consents/${target.consentId}`,
    headers: { authorization, 'x-wso2-client-id': target.clientId },
  };
}

/** A request generator per endpoint: random targets from the data set; `bare` addresses the ceiling. */
function requestsFor(
  endpoint: Endpoint,
  set: GeneratedSet,
  bare: boolean,
  tokens: Tokens,
): () => RequestSpec {
  const authorization = basic(set.operator.username, set.operator.password);
  switch (endpoint) {
    case 'validate':
      return () => validateRequest(randomOf(set.validateTargets), bare, authorization);
    case 'retrieve':
      return () => retrieveRequest(randomOf(set.retrieveTargets), bare, authorization);
    case 'create':
      return () => ({
        method: 'POST',
        path: bare ? '/bare/create' : '/api/fs/consent/manage/account-access-consents',
        headers: {
          authorization,
          'x-wso2-client-id': randomOf(set.clientIds),
          'content-type': 'application/json',
        },
        body: CREATE_BODY,
      });
    case 'funds':
      return () => {
        const target = randomOf(set.fundsTargets);
        return {
          method: 'POST',
          path: bare ? '/bare/funds' : '/api/consent-mgt/cof/v3.0/funds-confirmations',
          headers: { authorization: `Bearer ${tokens[target.clientId]}`, 'content-type': 'application/json' },
          body: FUNDS_BODY(target.consentId),
        };
      };
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

/**
 * The cached read paths' first pass: every target of the sample once, in random order (undefined for the
 * write paths).
 */
function firstPassRequests(endpoint: Endpoint, set: GeneratedSet): RequestSpec[] | undefined {
  const authorization = basic(set.operator.username, set.operator.password);
  if (endpoint === 'validate')
    return shuffled(set.validateTargets).map((t) => validateRequest(t, false, authorization));
  if (endpoint === 'retrieve')
    return shuffled(set.retrieveTargets).map((t) => retrieveRequest(t, false, authorization));
  return undefined;
}

/** One client-credentials token per CBPII (POST /oauth2/token), fetched once before measuring. */
async function fetchTokens(port: number, set: GeneratedSet): Promise<Tokens> {
  const tokens: Tokens = {};
  for (const { clientId, clientSecret } of set.cbpiis) {
    const response = await fetch(`http://127.0.0.1:${port}/oauth2/token`, {
      method: 'POST',
      headers: {
        authorization: basic(encodeURIComponent(clientId), encodeURIComponent(clientSecret)),
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'fundsconfirmations' }).toString(),
    });
    const body = (await response.json()) as { access_token?: string };
    if (response.status !== 200 || !body.access_token)
      throw new Error(`token for ${clientId}: ${response.status} ${JSON.stringify(body)}`);
    tokens[clientId] = body.access_token;
  }
  return tokens;
}

/** What each endpoint answers on success (create and funds each insert a row: the write paths). */
const EXPECTED_STATUS: Record<Endpoint, number> = { validate: 200, retrieve: 200, create: 201, funds: 201 };

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

export async function measureEndpoints(
  server: ServerProcess,
  set: GeneratedSet,
  endpoints: readonly Endpoint[],
  options: BenchOptions,
  log: (line: string) => void,
): Promise<EndpointResult[]> {
  const tokens = endpoints.includes('funds') ? await fetchTokens(server.appPort, set) : {};
  // The bare routes answer exactly what the real endpoints answer (one sample of each).
  const bodies: Record<string, unknown> = {};
  for (const endpoint of endpoints) {
    const sample = await fetchJson(server.appPort, requestsFor(endpoint, set, false, tokens)());
    const expected = EXPECTED_STATUS[endpoint];
    if (sample.status !== expected)
      throw new Error(
        `${endpoint}: expected ${expected}, got ${sample.status}: ${JSON.stringify(sample.body)}`,
      );
    bodies[endpoint] = sample.body;
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
  for (const endpoint of endpoints) {
    const targets = {
      bare: { port: server.barePort, next: requestsFor(endpoint, set, true, tokens) },
      server: { port: server.appPort, next: requestsFor(endpoint, set, false, tokens) },
    };
    const firstRequests = firstPassRequests(endpoint, set);
    let first: Run | undefined;
    if (firstRequests && firstRequests.length > 0) {
      let index = 0;
      const next = () => firstRequests[index++ % firstRequests.length]!;
      first = await load(server.appPort, next, 0, options.connections, firstRequests.length);
    }
    for (const side of ['bare', 'server'] as const) {
      const { port, next } = targets[side];
      if (options.warmup > 0) await onSide(side, () => load(port, next, options.warmup, options.connections));
    }
    // Bare and server alternate in short slices, so both see the same background load on a shared
    // machine: the ratio is what we compare.
    const runs = { bare: [] as Run[], server: [] as Run[] };
    for (let round = 0; round < rounds; round++) {
      for (const side of ['bare', 'server'] as const) {
        const { port, next } = targets[side];
        runs[side].push(
          await onSide(side, () => load(port, next, options.duration / rounds, options.connections)),
        );
      }
    }
    const bare = summarise(runs.bare);
    const measured = summarise(runs.server);
    const result: EndpointResult = {
      endpoint,
      consents: set.consents,
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
        `  ${endpoint} first pass (each of ${first.requests.toLocaleString('en')} targets once): ` +
          `${rate.toFixed(0)} req/s, ratio ${result.firstPass.ratio.toFixed(2)}`,
      );
    }
    log(
      `  ${endpoint} @ ${set.consents.toLocaleString('en')}: ${measured.requestsPerSecond.toFixed(0)} req/s` +
        ` (bare ${bare.requestsPerSecond.toFixed(0)}), ratio ${result.ratio.toFixed(2)}`,
    );
    results.push(result);
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
    customers: set.customers,
  };
  log(
    `  ${set.consents.toLocaleString('en')} consents, ${set.authorisations.toLocaleString('en')} authorisations,` +
      ` ${set.mappings.toLocaleString('en')} account mappings, ${set.fundsTargets.length.toLocaleString('en')}` +
      ` bound funds-confirmation consents in ${set.seconds.toFixed(1)} s`,
  );
  try {
    const server = await ServerProcess.start(prepared.serverOptions, options.profileDir, pinning.serverCpus);
    // The load generator (autocannon, in this process) on its own CPU while measuring only.
    const ownCpus = pinning.enabled ? affinityOf(process.pid) : undefined;
    try {
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
    'non-2xx/err',
  ];
  const rows = report.results.map((r) => [
    r.endpoint,
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
