// The boundaries of DESIGN.md §1 are the lint config's, not a reviewer's memory: a forbidden import fails
// `npm run lint`. Each case lints a small virtual file at a path inside the tree (nothing is written).
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: process.cwd() });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe('import boundaries (eslint.config.js)', () => {
  it.each([
    [
      'src/http/manage-api/fixture.ts',
      "import { OBP_API_ERRORS } from '../obp-api/errors.js';",
      'do not import each other',
    ],
    [
      'src/http/obp-api/sub/fixture.ts',
      "import { MANAGE_API_ERRORS } from '../../manage-api/errors.js';",
      'do not import each other',
    ],
    [
      'src/http/kit/fixture.ts',
      "import { COF_API_ERRORS } from '../funds-confirmation-api/errors.js';",
      'cannot depend on one API',
    ],
    [
      'src/http/b2b-api/fixture.ts',
      "import { createStorage } from '../../storage/storage.js';",
      'never to storage',
    ],
    ['src/domain/fixture.ts', "import { createHash } from 'node:crypto';", 'domain/ is pure'],
    ['src/domain/fixture.ts', "import type { AppContext } from '../context.js';", 'domain/ is pure'],
    ['src/domain/fixture.ts', "import type { Config } from '../config.js';", 'domain/ is pure'],
    ['src/integrations/fixture.ts', "import type { Storage } from '../storage/storage.js';", 'integrations/'],
    [
      'src/jobs/fixture.ts',
      "export { ConsentWriter } from '../storage/repositories/consent-writer.js';",
      'jobs/',
    ],
    ['src/services/consents/fixture.ts', "import pg from 'pg';", 'services/'],
    ['src/storage/repositories/fixture.ts', "import Database from 'better-sqlite3';", 'own adapters'],
    ['src/services/fixture.ts', "const r = await import('ioredis');", 'services/'],
  ])('%s: %s fails lint', async (file, code, message) => {
    const found = await problems(file, `${code}\nexport {};\n`);
    expect(found.some((p) => p.startsWith('boundaries/imports') && p.includes(message))).toBe(true);
  });

  it('a route that reads ctx.storage fails lint', async () => {
    const found = await problems(
      'src/http/manage-api/fixture.ts',
      "import type { AppContext } from '../../context.js';\nexport const f = (ctx: AppContext) => ctx.storage;\n",
    );
    expect(found).toEqual([
      expect.stringMatching(/^no-restricted-syntax: Routes see a context without storage/),
    ]);
  });

  it.each([
    ['src/http/manage-api/fixture.ts', "import { sendObError } from '../ob/ob-errors.js';"],
    [
      'src/http/b2b-api/fixture.ts',
      "import { toCustomerLookUpInfo } from '../customer-views/customer-view-mappers.js';",
    ],
    ['src/http/portal-api/fixture.ts', "import { clientView } from '../admin-views.js';"],
    ['src/domain/fixture.ts', "import { DomainError } from './errors.js';"],
    ['src/storage/fixture.ts', "import { Kysely } from 'kysely';"],
    ['src/storage/database.ts', "import pg from 'pg';"],
  ])('%s: %s is allowed', async (file, code) => {
    const found = await problems(
      file,
      `${code}\nexport const used = [${code
        .match(/\{ (\w+) \}|import (\w+)/)!
        .slice(1)
        .find(Boolean)}];\n`,
    );
    expect(found).toEqual([]);
  });
});
