import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenTpp, tokenFor } from '../../../test/helpers/funds.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { purgeExpiredTokens } from './purge-expired-tokens.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
  await givenTpp(t, 'cbpii-p');
});
afterAll(() => t.close());

describe('purgeExpiredTokens', () => {
  it('deletes only tokens past their expiry', async () => {
    await tokenFor(t, 'cbpii-p');
    t.clock.advance(1800 * 1000);
    await tokenFor(t, 'cbpii-p');
    expect(await purgeExpiredTokens(t.ctx)).toBe(0);
    t.clock.advance(1800 * 1000);
    expect(await purgeExpiredTokens(t.ctx)).toBe(1);
    const left = await t.database.db.selectFrom('oauth_tokens').selectAll().execute();
    expect(left).toHaveLength(1);
  });
});
