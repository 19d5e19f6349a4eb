// npm run bench -- [--consents N] [--db postgres://...] [--duration S] [--warmup S] [--connections C]
//                  [--scaling N | --no-scaling] [--only validate,retrieve,create,funds] [--no-pin]
// See README "Performance" and DESIGN.md §8.
import { mkdir, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { ACCESS_PATTERNS, type Access } from './access.js';
import { cleanUp, DEFAULT_ROUNDS, ENDPOINTS, formatReport, runBenchmark, type Endpoint } from './bench.js';

const USAGE = `Usage: npm run bench -- [options]
  --consents N      consents to generate (default 1000000; up to 10000000 on SQLite)
  --db URL          postgres://... to benchmark PostgreSQL (a fresh schema, dropped afterwards);
                    default: SQLite in a temporary file
  --duration S      seconds per measurement (default 10)
  --warmup S        unmeasured warm-up seconds before each measurement (default 2)
  --connections C   concurrent connections (default 10)
  --rounds R        alternate bare and server R times within each measurement (default ${DEFAULT_ROUNDS})
  --scaling N       also measure validate with N consents (default 10000)
  --no-scaling      skip the second data set
  --only LIST       endpoints to measure, comma separated (${ENDPOINTS.join(',')})
  --access LIST     how validate and retrieve pick consents: uniform (the whole data set), zipf (s = 1,
                    a hot set), or both (default uniform,zipf); writes always draw uniformly
  --no-pin          do not pin the server to CPU 0 and the load generator to CPU 1 (pinned by default
                    when taskset exists and there are 2 or more CPUs)
  --out DIR         where to write the JSON results (default bench/results)
  --profile DIR     write V8 CPU profiles of the server process (.cpuprofile) to DIR`;

function positive(name: string, value: string | undefined, fallback: number, integer = true): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n)))
    throw new Error(`--${name} must be a ${integer ? 'whole ' : ''}number >= 0, got "${value}"`);
  return n;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      consents: { type: 'string' },
      db: { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      rounds: { type: 'string' },
      scaling: { type: 'string' },
      'no-scaling': { type: 'boolean' },
      'no-pin': { type: 'boolean' },
      only: { type: 'string' },
      access: { type: 'string' },
      out: { type: 'string' },
      profile: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  if (values.db !== undefined && !/^postgres(ql)?:\/\//.test(values.db))
    throw new Error(`--db must be a postgres:// URL, got "${values.db}"`);
  const endpoints = (values.only?.split(',').map((e) => e.trim()) ?? [...ENDPOINTS]) as Endpoint[];
  for (const endpoint of endpoints)
    if (!ENDPOINTS.includes(endpoint)) throw new Error(`--only: unknown endpoint "${endpoint}"`);
  const access = (values.access?.split(',').map((a) => a.trim()) ?? [...ACCESS_PATTERNS]) as Access[];
  for (const pattern of access)
    if (!ACCESS_PATTERNS.includes(pattern)) throw new Error(`--access: unknown pattern "${pattern}"`);
  const consents = positive('consents', values.consents, 1_000_000);
  if (consents < 100) throw new Error('--consents must be at least 100');
  if (consents > 10_000_000) throw new Error('--consents must be at most 10000000');
  const scaling = values['no-scaling'] ? undefined : positive('scaling', values.scaling, 10_000);

  const report = await runBenchmark({
    consents,
    ...(values.db !== undefined ? { db: values.db } : {}),
    duration: Math.max(1, positive('duration', values.duration, 10)),
    warmup: positive('warmup', values.warmup, 2),
    connections: Math.max(1, positive('connections', values.connections, 10)),
    rounds: Math.max(1, positive('rounds', values.rounds, DEFAULT_ROUNDS)),
    ...(scaling !== undefined && scaling >= 100 ? { scalingConsents: scaling } : {}),
    endpoints,
    access,
    ...(values.profile !== undefined ? { profileDir: values.profile } : {}),
    pin: !values['no-pin'],
    log: (line) => console.log(line),
  });

  console.log(`\n${formatReport(report)}\n`);
  const outDir = values.out ?? new URL('./results', import.meta.url).pathname;
  await mkdir(outDir, { recursive: true });
  const file = `${outDir.replace(/\/$/, '')}/${report.startedAt.replace(/[:.]/g, '-')}-${report.dialect}-${consents}.json`;
  await writeFile(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`results written to ${file}`);
}

// Ctrl-C: remove the temporary database (the server child exits with its parent).
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`\n${signal}: removing the temporary database...`);
    void cleanUp().finally(() => process.exit(130));
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
