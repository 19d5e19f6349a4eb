// `npm run bench` takes minutes and is never part of `npm test`; this smoke test runs its machinery end to
// end on a tiny data set (generation, the real server and the bare route in a child process, autocannon,
// the report) so it cannot rot unnoticed. On the postgres project it runs against TEST_DATABASE_URL.
import { describe, expect, it } from 'vitest';
import { formatReport, runBenchmark } from './bench.js';

const postgres = process.env.TEST_DIALECT === 'postgres' ? process.env.TEST_DATABASE_URL : undefined;

describe('npm run bench (smoke)', () => {
  it('generates consents, serves them and measures every endpoint beside the bare route', async () => {
    const report = await runBenchmark({
      consents: 2_000,
      ...(postgres ? { db: postgres } : {}),
      duration: 1,
      warmup: 0,
      rounds: 1,
      connections: 4,
    });

    expect(report.dialect).toBe(postgres ? 'postgres' : 'sqlite');
    expect(report.datasets).toHaveLength(1);
    const [dataset] = report.datasets;
    expect(dataset!.consents).toBe(2_000);
    expect(dataset!.authorisations).toBe(2_000);
    expect(dataset!.mappings).toBeGreaterThan(0);
    expect(Object.keys(dataset!.statusCounts)).toEqual(
      expect.arrayContaining(['Authorised', 'AwaitingAuthorisation', 'Revoked', 'Expired']),
    );
    expect(dataset!.fundsConsents).toBe(100);
    expect(dataset!.obpConsents).toBe(100);
    // The read paths once per access pattern (uniform over the whole data set, then zipf), the writes once.
    expect(report.results.map((r) => `${r.endpoint}/${r.access}`)).toEqual([
      'validate/uniform',
      'validate/zipf',
      'retrieve/uniform',
      'retrieve/zipf',
      'create/uniform',
      'funds/uniform',
      'obp-consent-jwt/uniform',
      'obp-consent-jwt/zipf',
    ]);
    expect(typeof report.pinning.enabled).toBe('boolean');
    expect(dataset!.serverRssAtStartMiB).toBeGreaterThan(10);
    for (const result of report.results) {
      // The server's own counters: on SQLite the read cache answers (hits + misses = what the read paths
      // asked); PostgreSQL reports what its cache did, or null without one.
      expect(result.serverRssMiB, result.endpoint).toBeGreaterThan(10);
      if (result.cache) {
        expect(result.cache.hitRate).toBeGreaterThanOrEqual(0);
        expect(result.cache.hitRate).toBeLessThanOrEqual(1);
        expect(result.cache.hitRate).toBeCloseTo(
          result.cache.hits / Math.max(1, result.cache.hits + result.cache.misses),
          6,
        );
        if (result.endpoint === 'validate' || result.endpoint === 'retrieve')
          expect(result.cache.hits + result.cache.misses, result.endpoint).toBeGreaterThanOrEqual(
            result.server.requests,
          );
      } else expect(postgres, `${result.endpoint}: no cache stats on SQLite`).toBeDefined();
      expect(result.server.requests, result.endpoint).toBeGreaterThan(0);
      expect(result.bare.requests, result.endpoint).toBeGreaterThan(0);
      expect(result.server.non2xx + result.server.errors + result.server.timeouts, result.endpoint).toBe(0);
      expect(result.ratio).toBeCloseTo(result.server.requestsPerSecond / result.bare.requestsPerSecond, 6);
      expect(result.server.p99).toBeGreaterThanOrEqual(result.server.p50);
    }
    // The cached read paths start with a first pass (reported with the first access pattern): distinct
    // targets once each (at 2,000 consents every consent is a validate target).
    expect(report.results[0]!.firstPass!.requests).toBe(2_000);
    for (const result of report.results) {
      if (result.endpoint !== 'create' && result.endpoint !== 'funds' && result.access === 'uniform') {
        expect(result.firstPass!.requests, result.endpoint).toBeGreaterThan(0);
        expect(result.firstPass!.ratio).toBeCloseTo(
          result.firstPass!.requestsPerSecond / result.bare.requestsPerSecond,
          6,
        );
      } else expect(result.firstPass, result.endpoint).toBeUndefined();
    }
    expect(formatReport(report)).toMatch(/^validate\s+uniform\s+2,000\s+\d+/m);
    expect(formatReport(report)).toMatch(/^retrieve\s+zipf\s+2,000\s+\d+/m);
    expect(formatReport(report)).toMatch(/^obp-consent-jwt\s+uniform\s+2,000\s+\d+/m);
  }, 120_000);
});
