import { defineConfig } from 'vitest/config';

// Every suite runs on SQLite; with TEST_DATABASE_URL set, the same suites run again on PostgreSQL.
const postgres = process.env.TEST_DATABASE_URL;

export default defineConfig({
  test: {
    projects: [
      { extends: true as const, test: { name: 'sqlite', env: { TEST_DIALECT: 'sqlite' } } },
      ...(postgres
        ? [{ extends: true as const, test: { name: 'postgres', env: { TEST_DIALECT: 'postgres' } } }]
        : []),
    ],
    include: ['src/**/*.test.ts', 'test/**/*.test.ts', 'bench/**/*.test.ts'],
    exclude: ['test/browser/**', 'node_modules/**'],
    testTimeout: 20_000,
    hookTimeout: 30_000,
    pool: 'forks',
  },
});
