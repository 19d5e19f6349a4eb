import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { LOGIN_SOURCE_MEMORY_MS, purgeStaleLoginSources } from './purge-stale-login-sources.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('purgeStaleLoginSources', () => {
  it('forgets sources untouched for a day unless their lock is still in force', async () => {
    const { loginSources } = t.ctx.storage.repos;
    const now = t.clock.now();
    const policy = { limit: 1, lockUntil: now + 2 * LOGIN_SOURCE_MEMORY_MS };
    await loginSources.reserveLoginAttempt({ type: 'operator', id: 'a', source: '192.0.2.1' }, policy, now);
    await loginSources.reserveLoginAttempt(
      { type: 'operator', id: 'a', source: '192.0.2.2' },
      { limit: 5, lockUntil: now },
      now,
    );
    expect(await purgeStaleLoginSources(t.ctx)).toBe(0);
    t.clock.advance(LOGIN_SOURCE_MEMORY_MS + 1);
    expect(await purgeStaleLoginSources(t.ctx)).toBe(1);
    const left = await t.database.db.selectFrom('login_sources').select('source').execute();
    expect(left).toEqual([{ source: '192.0.2.1' }]);
  });
});
