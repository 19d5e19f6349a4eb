import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, testDialect, type TestContext } from '../../../test/helpers/test-context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('funds-confirmation consent search', () => {
  // DESIGN.md: an index behind every search filter; the CoF search is always inside one client and kind.
  it.runIf(testDialect() === 'sqlite')(
    'runs every filter on an index, newest first without a sort',
    async () => {
      for (const where of [
        `client_id = 'x' and kind = 'r'`,
        `client_id = 'x' and kind = 'r' and status = 's'`,
        `client_id = 'x' and kind = 'r' and user_id = 'u'`,
        `client_id = 'x' and kind = 'r' and created_at >= 1 and created_at <= 2`,
      ]) {
        const { rows } = await sql
          .raw<{ detail: string }>(
            `explain query plan select * from consents where ${where} order by created_at desc limit 25`,
          )
          .execute(t.database.db);
        const plan = rows.map((r) => r.detail).join(' | ');
        expect(plan).toMatch(/SEARCH consents USING (COVERING )?INDEX consents_client_/);
        expect(plan).not.toMatch(/TEMP B-TREE/);
      }
    },
  );

  it.runIf(testDialect() === 'postgres')('has the search indexes on PostgreSQL', async () => {
    const { rows } = await sql<{ indexname: string }>`
      select indexname from pg_indexes
      where schemaname = current_schema() and tablename = 'consents' and indexname like 'consents_client_resource%'
    `.execute(t.database.db);
    expect(rows.map((r) => r.indexname).sort()).toEqual([
      'consents_client_resource_created',
      'consents_client_resource_status_created',
      'consents_client_resource_user_created',
    ]);
  });
});
