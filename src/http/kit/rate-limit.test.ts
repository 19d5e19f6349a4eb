import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { COF, givenTpp, tokenFor } from '../../../test/helpers/funds.js';
import { basic } from '../../../test/helpers/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { MemoryBuckets } from './rate-limit.js';

const redisUrl = process.env.TEST_REDIS_URL;
const opened: TestContext[] = [];

async function context(overrides: Parameters<typeof createTestContext>[0] = {}) {
  const t = await createTestContext({ rateLimitBurst: 3, rateLimitPerSecond: 1, ...overrides });
  opened.push(t);
  return t;
}
afterEach(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});
afterAll(async () => {
  await Promise.all(opened.splice(0).map((t) => t.close()));
});

function search(t: TestContext, token: string) {
  return t.app.inject({
    method: 'GET',
    url: `${COF}/funds-confirmation-consents`,
    headers: { authorization: `Bearer ${token}` },
  });
}

describe('token buckets', () => {
  it('allow a burst, then the rate, per key', async () => {
    const buckets = new MemoryBuckets({ perSecond: 2, burst: 2 });
    const now = 1_000_000;
    expect(await buckets.take('a', now)).toEqual({ allowed: true, remaining: 1, waitMs: 500 });
    expect(await buckets.take('a', now)).toEqual({ allowed: true, remaining: 0, waitMs: 1000 });
    expect(await buckets.take('a', now)).toEqual({ allowed: false, remaining: 0, waitMs: 500 });
    expect((await buckets.take('b', now)).allowed).toBe(true);
    expect((await buckets.take('a', now + 500)).allowed).toBe(true);
    expect((await buckets.take('a', now + 500)).allowed).toBe(false);
  });
});

describe('rate limit on the funds-confirmation API (in memory)', () => {
  it('answers 429 with Retry-After in the OB format; another client is not slowed', async () => {
    const t = await context();
    await givenTpp(t, 'cbpii-a');
    await givenTpp(t, 'cbpii-b');
    const a = await tokenFor(t, 'cbpii-a');
    const b = await tokenFor(t, 'cbpii-b');
    for (let i = 0; i < 3; i += 1) {
      const ok = await search(t, a);
      expect(ok.statusCode).toBe(200);
      expect(ok.headers['x-ratelimit-remaining']).toBe(String(2 - i));
    }
    const limited = await search(t, a);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json()).toEqual({
      Code: '429',
      Id: expect.any(String),
      Message: 'Too Many Requests',
      Errors: [
        { ErrorCode: 'UK.OBIE.UnexpectedError', Message: expect.stringContaining('Rate limit exceeded') },
      ],
    });
    expect((await search(t, b)).statusCode).toBe(200);
    t.clock.advance(1000);
    expect((await search(t, a)).statusCode).toBe(200);
    expect((await search(t, a)).statusCode).toBe(429);
  });

  it('limits the token endpoint per client: another client on the same address is not slowed (issue 13 item 8)', async () => {
    const t = await context();
    await givenTpp(t, 'cbpii-a');
    await givenTpp(t, 'cbpii-b');
    const request = (client: string, secret = `${client}-secret`) =>
      t.app.inject({
        method: 'POST',
        url: '/oauth2/token',
        remoteAddress: '10.9.8.7',
        headers: {
          authorization: basic(client, secret),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: 'grant_type=client_credentials',
      });
    for (let i = 0; i < 3; i += 1) expect((await request('cbpii-a')).statusCode).toBe(200);
    const limited = await request('cbpii-a');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json()).toEqual({ error: 'slow_down', error_description: expect.any(String) });
    // Same address, another client: its own budget.
    for (let i = 0; i < 3; i += 1) expect((await request('cbpii-b')).statusCode).toBe(200);
    // No token was stored for the refused request.
    const tokens = await t.database.db.selectFrom('oauth_tokens').select('client_id').execute();
    expect(tokens.filter((r) => r.client_id === 'cbpii-a')).toHaveLength(3);
  });

  it('limits failed client authentications per source address, before the secret is checked', async () => {
    const t = await context({ failedClientAuthBurst: 3, failedClientAuthPerMinute: 6 });
    await givenTpp(t, 'cbpii-a');
    const request = (secret: string, from: string) =>
      t.app.inject({
        method: 'POST',
        url: '/oauth2/token',
        remoteAddress: from,
        headers: {
          authorization: basic('cbpii-a', secret),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: 'grant_type=client_credentials',
      });
    for (let i = 0; i < 3; i += 1) expect((await request(`wrong-${i}`, '10.0.0.66')).statusCode).toBe(401);
    // Over the failure budget: refused before any check, even with the right secret.
    const refused = await request('cbpii-a-secret', '10.0.0.66');
    expect(refused.statusCode).toBe(429);
    expect(refused.headers['retry-after']).toBe('10');
    expect(refused.json()).toEqual({ error: 'slow_down', error_description: expect.any(String) });
    // The client itself, from its own address, is not affected.
    expect((await request('cbpii-a-secret', '10.0.0.5')).statusCode).toBe(200);
    t.clock.advance(10_000);
    expect((await request('cbpii-a-secret', '10.0.0.66')).statusCode).toBe(200);
  });

  it('lets requests through when the shared store is unreachable', async () => {
    const t = await context({ redisUrl: 'redis://127.0.0.1:1' });
    await givenTpp(t, 'cbpii-a');
    const a = await tokenFor(t, 'cbpii-a');
    for (let i = 0; i < 5; i += 1) expect((await search(t, a)).statusCode).toBe(200);
  });
});

describe.runIf(redisUrl)('rate limit shared through Redis', () => {
  it('gives several instances one budget per client, and other clients their own', async () => {
    // Unique client ids: the SQLite and PostgreSQL runs share the one Redis.
    const id = `cbpii-${randomUUID().slice(0, 8)}`;
    const other = `${id}-other`;
    // Each run asks for its tokens from its own address: /oauth2/token is limited per IP in the same Redis.
    const address = `10.${[1, 2, 3].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;
    const one = await context({ redisUrl });
    const two = await context({ redisUrl });
    for (const t of [one, two]) {
      await givenTpp(t, id);
      await givenTpp(t, other);
    }
    const tokenOne = await tokenFor(one, id, undefined, address);
    const tokenTwo = await tokenFor(two, id, undefined, address);
    expect((await search(one, tokenOne)).statusCode).toBe(200);
    expect((await search(one, tokenOne)).statusCode).toBe(200);
    expect((await search(two, tokenTwo)).statusCode).toBe(200);
    const limited = await search(two, tokenTwo);
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect((await search(one, tokenOne)).statusCode).toBe(429);
    expect((await search(one, await tokenFor(one, other, undefined, address))).statusCode).toBe(200);
    one.clock.advance(1000);
    expect((await search(one, tokenOne)).statusCode).toBe(200);
  });
});
