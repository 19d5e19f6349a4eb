// Issue 13 item 3: the credential caches are bounded by bytes as well as entries (CREDENTIAL_CACHE_MAX_MB).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approximateBytes } from '../../byte-bounded-map.js';
import { givenClient } from '../../../test/helpers/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { CredentialCache } from './credential-cache.js';
import { resolveClient } from './resolve-client.js';

describe('CredentialCache byte bound', () => {
  const record = (size: number) => ({ id: 'x', note: 'n'.repeat(size) });
  const entryBytes = (key: string, value: unknown) =>
    approximateBytes({ value, until: 0 }) + approximateBytes(key);

  it('drops the oldest verifications when a new one would pass the byte budget', () => {
    const one = entryBytes('k0', record(1000));
    const cache = new CredentialCache<ReturnType<typeof record>>(60_000, { maxBytes: 3 * one });
    for (let i = 0; i < 5; i++) cache.set(`k${i}`, record(1000), 0);
    expect(cache.size).toBe(3);
    expect(cache.bytes).toBeLessThanOrEqual(3 * one);
    expect(cache.get('k0', 1)).toBeUndefined();
    expect(cache.get('k1', 1)).toBeUndefined();
    expect(cache.get('k4', 1)).toEqual(record(1000));
  });

  it('counts the key: long keys (a client id from a header) fill the budget too', () => {
    const cache = new CredentialCache<string>(60_000, { maxBytes: 10_000 });
    for (let i = 0; i < 10; i++) cache.set(`${i}${'c'.repeat(2000)}`, 'v', 0);
    expect(cache.size).toBe(2);
    expect(cache.bytes).toBeLessThanOrEqual(10_000);
  });

  it('keeps no record bigger than the whole budget', () => {
    const cache = new CredentialCache<ReturnType<typeof record>>(60_000, { maxBytes: 1000 });
    cache.set('big', record(1000), 0);
    expect(cache.get('big', 1)).toBeUndefined();
    expect(cache.bytes).toBe(0);
  });

  it('still bounds entries and empties on clear', () => {
    const cache = new CredentialCache<number>(60_000, { maxEntries: 2 });
    for (let i = 0; i < 4; i++) cache.set(`k${i}`, i, 0);
    expect(cache.size).toBe(2);
    cache.clear();
    expect([cache.size, cache.bytes]).toEqual([0, 0]);
  });
});

describe('the context caches take CREDENTIAL_CACHE_MAX_MB (half each)', () => {
  let t: TestContext;
  // A tiny budget (4 KiB, 2 KiB per cache: a client record or two) so a handful of clients passes it.
  const budgetMb = 4 / 1024;
  beforeAll(async () => {
    t = await createTestContext({ credentialCacheMaxMb: budgetMb });
    for (let i = 0; i < 6; i++) await givenClient(t.ctx, `byte-bound-${i}`);
  });
  afterAll(() => t.close());

  it('resolving more clients than fit evicts the oldest; the bytes stay within the budget', async () => {
    const clients = t.ctx.caches.clients;
    for (let i = 0; i < 6; i++) await resolveClient(t.ctx, `byte-bound-${i}`);
    const now = t.clock.now();
    expect(clients.get('byte-bound-5', now)?.clientId).toBe('byte-bound-5');
    expect(clients.get('byte-bound-0', now)).toBeUndefined();
    expect(clients.size).toBeLessThan(6);
    expect(clients.bytes).toBeGreaterThan(0);
    expect(clients.bytes).toBeLessThanOrEqual((budgetMb * 1024 * 1024) / 2);
    // An evicted client is read again from the database, not refused.
    expect((await resolveClient(t.ctx, 'byte-bound-0')).clientId).toBe('byte-bound-0');
    expect(clients.get('byte-bound-0', t.clock.now())?.clientId).toBe('byte-bound-0');
  });
});
