// Benchmark scenario: the Customer Care portal's consent search (issue 11: every portal search over one
// million consents under 100 ms at p95). It calls the portal's search use case (searchPortalConsents, the
// one consent search behind GET /portal/api/consents) in-process, one search at a time, for a few filter
// mixes over a data set made by generate.ts, and reports p50 / p95 / max per mix.
//
// As a step of `npm run bench` (bench/run.ts owns the data set): after generateConsents(ctx, ...),
//   const results = await measurePortalSearch(ctx, { clientIds: set.clientIds, rounds: 50 });
//   console.log(formatPortalSearch(results));
// Standalone (makes its own SQLite data set in a temporary directory, or a scratch PostgreSQL schema):
//   npx tsx bench/portal-search.ts --consents 1000000 [--rounds 50] [--db postgres://...]
// --file PATH keeps the SQLite data set in PATH and, when PATH already holds one, measures it again
// (migrated to the latest schema first) without generating.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { OBP_GENERATION_ENV } from './generate-obp.js';
import { createContext, type AppContext } from '../src/context.js';
import { randomIds } from '../src/ids.js';
import { createLogger } from '../src/logger.js';
import {
  searchPortalConsents,
  type PortalConsentSearch,
} from '../src/services/consents/search-portal-consents.js';
import { createScratchSchema, openDatabase } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';
import { generateConsents } from './generate.js';

const DAY = 86_400_000;

export interface PortalSearchResult {
  mix: string;
  rounds: number;
  /** Matches of the search (the total the portal shows). */
  total: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

/** The filter mixes an officer uses: the default screen, each filter alone and a few together, paging. */
export function portalSearchMixes(
  clientIds: readonly string[],
  now: number,
): { mix: string; search: PortalConsentSearch }[] {
  const page = { limit: 20, offset: 0, order: 'desc' } as const;
  const big = clientIds[0]!;
  const small = clientIds[clientIds.length - 1]!;
  return [
    { mix: 'accounts (default screen)', search: { consentType: 'accounts', ...page } },
    { mix: 'accounts, Valid', search: { consentType: 'accounts', status: 'Valid', ...page } },
    { mix: 'accounts, Expired', search: { consentType: 'accounts', status: 'Expired', ...page } },
    { mix: 'accounts, Received', search: { consentType: 'accounts', status: 'Received', ...page } },
    {
      mix: 'accounts, biggest TPP, Revoked by PSU',
      search: { consentType: 'accounts', clientId: big, status: 'RevokedByPSU', ...page },
    },
    { mix: 'payments, smallest TPP', search: { consentType: 'payments', clientId: small, ...page } },
    { mix: 'payments, user', search: { consentType: 'payments', userId: 'psu-4242', ...page } },
    {
      mix: 'funds confirmation, last 30 days, Valid',
      search: { consentType: 'funds-confirmation', from: now - 30 * DAY, to: now, status: 'Valid', ...page },
    },
    {
      mix: 'vrp, biggest TPP, last 7 days, oldest first',
      search: { consentType: 'vrp', clientId: big, from: now - 7 * DAY, to: now, ...page, order: 'asc' },
    },
    { mix: 'accounts, page 50', search: { consentType: 'accounts', ...page, offset: 49 * page.limit } },
  ];
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

export async function measurePortalSearch(
  ctx: AppContext,
  options: {
    clientIds: readonly string[];
    rounds?: number;
    warmup?: number;
    /** Called as each mix is measured (progress on a long run). */
    onResult?: (result: PortalSearchResult) => void;
  },
): Promise<PortalSearchResult[]> {
  const rounds = options.rounds ?? 50;
  const results: PortalSearchResult[] = [];
  for (const { mix, search } of portalSearchMixes(options.clientIds, ctx.clock.now())) {
    let total = 0;
    for (let i = 0; i < (options.warmup ?? 3); i++) await searchPortalConsents(ctx, search);
    const times: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      total = (await searchPortalConsents(ctx, search)).total;
      times.push(performance.now() - started);
    }
    times.sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    const result = {
      mix,
      rounds,
      total,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      maxMs: round(times[times.length - 1]!),
    };
    options.onResult?.(result);
    results.push(result);
  }
  return results;
}

export function formatPortalSearch(results: readonly PortalSearchResult[]): string {
  const lines = ['portal search (searchPortalConsents, sequential)   total      p50 ms   p95 ms   max ms'];
  for (const r of results)
    lines.push(
      `  ${r.mix.padEnd(48)} ${String(r.total).padStart(8)} ${String(r.p50Ms).padStart(8)} ${String(r.p95Ms).padStart(8)} ${String(r.maxMs).padStart(8)}`,
    );
  return lines.join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      consents: { type: 'string' },
      rounds: { type: 'string' },
      db: { type: 'string' },
      file: { type: 'string' },
    },
  });
  const consents = Number(values.consents ?? 1_000_000);
  let url: string;
  let remove: () => Promise<void>;
  let schema: string | undefined;
  if (values.file !== undefined) {
    url = `sqlite:${values.file}`;
    remove = async () => {};
  } else if (values.db !== undefined) {
    url = values.db;
    ({ schema, drop: remove } = await createScratchSchema(url, 'bench'));
  } else {
    const dir = await mkdtemp(join(os.tmpdir(), 'consenthub-portal-bench-'));
    url = `sqlite:${join(dir, 'bench.db')}`;
    remove = () => rm(dir, { recursive: true, force: true });
  }
  const database = openDatabase(url, schema === undefined ? { sqliteCacheMiB: 1024 } : { schema });
  try {
    await migrateToLatest(database);
    const config = loadConfig({
      DATABASE_URL: url,
      LOG_LEVEL: 'silent',
      DEMO_DATA: 'false',
      ...OBP_GENERATION_ENV,
    });
    const logger = createLogger('silent');
    const ctx = createContext({ config, database, clock: systemClock, ids: randomIds, logger });
    const known = (await ctx.storage.repos.clients.list()).map((c) => c.clientId);
    let clientIds = known.filter((id) => id.startsWith('bench-tpp-')).sort();
    if (clientIds.length === 0) {
      const started = performance.now();
      const set = await generateConsents(ctx, { consents });
      await database.maintain();
      const seconds = Math.round((performance.now() - started) / 1000);
      console.log(`generated ${set.consents} consents in ${seconds} s`);
      clientIds = set.clientIds;
    }
    const rounds = Number(values.rounds ?? 50);
    const results = await measurePortalSearch(ctx, {
      clientIds,
      rounds,
      onResult: (r) => console.log(formatPortalSearch([r])),
    });
    console.log(formatPortalSearch(results));
  } finally {
    await database.close();
    await remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
