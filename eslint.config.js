import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import { readdirSync } from 'node:fs';
import { boundaries } from './eslint/import-boundaries.js';

const DRIVERS = ['pg', 'better-sqlite3', 'ioredis'];
// What two APIs share lives in these folders (and in files directly under src/http/); every other folder of
// src/http/ is one API family and imports no other.
const HTTP_SHARED = ['kit', 'ob', 'customer-views'];
const HTTP_APIS = readdirSync('src/http', { withFileTypes: true })
  .filter((d) => d.isDirectory() && !HTTP_SHARED.includes(d.name))
  .map((d) => `src/http/${d.name}/`);
const NOT_ANOTHER_API =
  'API folders do not import each other: share through http/kit, http/ob or http/customer-views.';

// DESIGN.md §1: imports point one way (http -> services -> domain, services -> storage), checked on resolved
// paths by eslint/import-boundaries.js. The first zone of a file that forbids an import reports it.
const ZONES = [
  {
    files: 'web/src/',
    forbid: ['src/', 'fastify', 'kysely', 'node:'],
    message: 'web/ is browser code: only the portal API.',
  },
  {
    files: 'src/domain/',
    tests: false,
    forbid: ['src/', 'test/', '*'],
    allow: ['src/domain/'],
    message:
      'domain/ is pure: it imports nothing of the app (no context, config, storage) and no package or node: module.',
  },
  {
    files: 'src/services/',
    forbid: ['src/http/', 'fastify', '@fastify/', 'kysely', ...DRIVERS],
    message: 'services/ know no HTTP and no SQL.',
  },
  {
    files: 'src/http/',
    forbid: ['src/storage/', 'kysely', 'pg', 'better-sqlite3'],
    message: 'http/ talks to services, never to storage.',
  },
  ...HTTP_APIS.map((api) => ({
    files: api,
    tests: false,
    forbid: HTTP_APIS.filter((other) => other !== api),
    message: NOT_ANOTHER_API,
  })),
  ...[
    ...HTTP_SHARED.map((d) => `src/http/${d}/`),
    'src/http/admin-views.ts',
    'src/http/admin-schemas.ts',
  ].map((shared) => ({
    files: shared,
    tests: false,
    forbid: HTTP_APIS,
    message: 'what APIs share cannot depend on one API.',
  })),
  {
    files: 'src/jobs/',
    forbid: ['src/http/', 'src/storage/', 'fastify', '@fastify/', 'kysely', ...DRIVERS],
    message: 'jobs/ go through services: no HTTP, no storage.',
  },
  {
    files: 'src/integrations/',
    forbid: ['src/http/', 'src/storage/', 'fastify', '@fastify/', 'kysely', ...DRIVERS],
    message: 'integrations/ define the ports they need; the composition root hands storage in.',
  },
  {
    files: 'src/',
    except: [
      'src/storage/database.ts',
      'src/storage/check-database.ts',
      'src/storage/instance-sync.ts',
      'src/http/kit/rate-limit.ts',
    ],
    forbid: DRIVERS,
    message:
      'database and Redis drivers only in their own adapters (storage/database.ts, storage/instance-sync.ts, http/kit/rate-limit.ts).',
  },
];

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
  { plugins: { boundaries }, rules: { 'boundaries/imports': ['error', ZONES] } },
  // Routes see no storage: they reach data only through services (which get the whole context).
  {
    files: ['src/http/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "MemberExpression[property.name='storage']",
          message: 'Routes see a context without storage: call a service.',
        },
        {
          selector: "ObjectPattern > Property[key.name='storage']",
          message: 'Routes see a context without storage: call a service.',
        },
      ],
    },
  },
);
