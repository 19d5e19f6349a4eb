import { defineConfig } from 'vitest/config';

// Every suite runs on SQLite; with TEST_DATABASE_URL set, the same suites run again on PostgreSQL.
const postgres = process.env.TEST_DATABASE_URL;
// The portal's browser tests (test/browser, Debian's Chromium) only when asked: npm run test:browser.
const browser = process.env.BROWSER_TESTS === '1';

export default defineConfig({
  test: {
    projects: [
      { extends: true as const, test: { name: 'sqlite', env: { TEST_DIALECT: 'sqlite' } } },
      ...(postgres
        ? [{ extends: true as const, test: { name: 'postgres', env: { TEST_DIALECT: 'postgres' } } }]
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
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
