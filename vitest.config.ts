import { defineConfig } from 'vitest/config';

// Every suite runs on SQLite; with TEST_DATABASE_URL set, the same suites run again on PostgreSQL.
const postgres = process.env.TEST_DATABASE_URL;
// The portal's browser tests (test/browser, Debian's Chromium) only when asked: npm run test:browser.
const browser = process.env.BROWSER_TESTS === '1';
// The slow tests (the benchmark smoke run, timings over 100,000 customers) are their own projects, defined
// only with VITEST_SLOW=1 (`.ci/run` runs them after the main suite), so `npm test` stays fast.
const SLOW = [
  'bench/**/*.test.ts',
  'src/services/customers/customer-lookup-scale.test.ts',
  'test/hardening/kill-9-durability.test.ts',
];
const slow = process.env.VITEST_SLOW === '1';
const BASE_EXCLUDE = ['test/browser/**', 'node_modules/**'];
const ALL = ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        extends: true as const,
        test: {
          name: 'sqlite',
          env: { TEST_DIALECT: 'sqlite' },
          include: ALL,
          exclude: [...SLOW, ...BASE_EXCLUDE],
        },
      },
      ...(postgres
        ? [
            {
              extends: true as const,
              test: {
                name: 'postgres',
                env: { TEST_DIALECT: 'postgres' },
                include: ALL,
                exclude: [...SLOW, ...BASE_EXCLUDE],
              },
            },
          ]
        : []),
      ...(slow
        ? [{ extends: true as const, test: { name: 'slow', env: { TEST_DIALECT: 'sqlite' }, include: SLOW } }]
        : []),
      ...(slow && postgres
        ? [
            {
              extends: true as const,
              test: { name: 'slow-postgres', env: { TEST_DIALECT: 'postgres' }, include: SLOW },
            },
          ]
        : []),
      ...(browser
        ? [
            {
              test: {
                name: 'browser',
                include: ['test/browser/**/*.test.ts'],
                globalSetup: ['test/browser/build-portal.ts'],
                env: { TEST_DIALECT: 'sqlite' },
                testTimeout: 60_000,
                hookTimeout: 60_000,
                pool: 'forks' as const,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
    exclude: BASE_EXCLUDE,
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
