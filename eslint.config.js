import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

const restrict = (patterns, message) => ({
  'no-restricted-imports': ['error', { patterns: patterns.map((group) => ({ group, message })) }],
});

export default tseslint.config(
  { ignores: ['node_modules/', 'data/', 'dist/', 'coverage/', 'web/dist/', 'test-output/'] },
  js.configs.recommended,
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly' } },
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  // The portal (web/): the rules of hooks; it talks to the server only through its API.
  { files: ['web/src/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    rules: restrict(
      [['**/src/**', 'fastify', 'kysely', 'node:*']],
      'web/ is browser code: only the portal API.',
    ),
  },
  // DESIGN.md §1: imports point one way (http -> services -> domain, services -> storage).
  {
    files: ['src/domain/**/*.ts'],
    rules: restrict(
      [
        [
          '**/storage/**',
          '**/services/**',
          '**/http/**',
          '**/jobs/**',
          '**/integrations/**',
          'kysely',
          'pg',
          'better-sqlite3',
          'fastify',
          '@fastify/*',
          'node:fs',
          'node:net',
          'node:http',
        ],
      ],
      'domain/ is pure: no I/O, no framework, no database.',
    ),
  },
  {
    files: ['src/services/**/*.ts'],
    rules: restrict(
      [['**/http/**', 'fastify', '@fastify/*', 'kysely', 'pg', 'better-sqlite3']],
      'services/ know no HTTP and no SQL.',
    ),
  },
  {
    files: ['src/http/**/*.ts'],
    rules: restrict(
      [['**/storage/**', 'kysely', 'pg', 'better-sqlite3']],
      'http/ talks to services, never to storage.',
    ),
  },
  {
    files: ['src/jobs/**/*.ts', 'src/integrations/**/*.ts'],
    rules: restrict(
      [['**/http/**', 'fastify', '@fastify/*', 'kysely', 'pg', 'better-sqlite3']],
      'jobs/ and integrations/ go through services and repositories.',
    ),
  },
);
