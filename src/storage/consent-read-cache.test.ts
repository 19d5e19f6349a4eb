// The cache's own rules: bounded, oldest out first; a fill that raced an invalidation is dropped; a commit by
// another connection (a changed data version) drops everything, read at most once per recheck interval.
import { approximateBytes } from '../byte-bounded-map.js';
import { describe, expect, it } from 'vitest';
import { ConsentReadCache } from './consent-read-cache.js';

function versioned(start = 1) {
  const source = { version: start, reads: 0 };
  return { source, read: () => (source.reads++, source.version) };
}

describe('ConsentReadCache', () => {
  it('answers what was set, per kind, and counts hits and misses', () => {
    const { read } = versioned();
    const cache = new ConsentReadCache(10, read, 0);
    expect(cache.get('consent', 'a')).toBeUndefined();
    cache.set('consent', 'a', { id: 'a' }, cache.ticket());
    expect(cache.get('consent', 'a')).toEqual({ id: 'a' });
    expect(cache.get('validation', 'a')).toBeUndefined();
    expect(cache.stats()).toEqual({ hits: 1, misses: 2, size: 1, bytes: approximateBytes({ id: 'a' }) });
  });

  it('keeps at most maxEntries per kind, dropping the oldest first', () => {
    const cache = new ConsentReadCache(2, versioned().read, 0);
    for (const id of ['a', 'b', 'c']) cache.set('consent', id, id, cache.ticket());
    expect(cache.get('consent', 'a')).toBeUndefined();
    expect(cache.get('consent', 'b')).toBe('b');
    expect(cache.get('consent', 'c')).toBe('c');
    // Replacing an entry that is present evicts nothing.
    cache.set('consent', 'c', 'c2', cache.ticket());
    expect(cache.get('consent', 'b')).toBe('b');
    expect(cache.stats().size).toBe(2);
  });

  it('drops a fill whose read started before an invalidation (of any consent)', () => {
    const cache = new ConsentReadCache(10, versioned().read, 0);
    const ticket = cache.ticket();
    cache.invalidate('other');
    cache.set('consent', 'a', 'stale', ticket);
    expect(cache.get('consent', 'a')).toBeUndefined();
    cache.set('consent', 'a', 'fresh', cache.ticket());
    expect(cache.get('consent', 'a')).toBe('fresh');
  });

  it('invalidates both kinds of one consent, and nothing else', () => {
    const cache = new ConsentReadCache(10, versioned().read, 0);
    cache.set('consent', 'a', 1, cache.ticket());
    cache.set('validation', 'a', 2, cache.ticket());
    cache.set('consent', 'b', 3, cache.ticket());
    cache.invalidate('a');
    expect(cache.get('consent', 'a')).toBeUndefined();
    expect(cache.get('validation', 'a')).toBeUndefined();
    expect(cache.get('consent', 'b')).toBe(3);
  });

  it('drops everything once another connection has committed (the data version moved)', () => {
    const { source, read } = versioned();
    const cache = new ConsentReadCache(10, read, 0);
    cache.set('consent', 'a', 1, cache.ticket());
    cache.set('validation', 'b', 2, cache.ticket());
    expect(cache.get('consent', 'a')).toBe(1);
    source.version = 2;
    expect(cache.get('consent', 'a')).toBeUndefined();
    expect(cache.get('validation', 'b')).toBeUndefined();
    expect(cache.stats().size).toBe(0);
  });

  it('reads the data version at most once per recheck interval', async () => {
    const { source, read } = versioned();
    const cache = new ConsentReadCache(10, read, 20);
    cache.set('consent', 'a', 1, cache.ticket());
    const readsBefore = source.reads;
    for (let i = 0; i < 100; i++) cache.get('consent', 'a');
    expect(source.reads - readsBefore).toBeLessThanOrEqual(1);
    source.version = 2;
    await new Promise((resolve) => setTimeout(resolve, 25));
    expect(cache.get('consent', 'a')).toBeUndefined();
  });

  it('patches a cached value in place and ignores absent ones', () => {
    const cache = new ConsentReadCache(10, versioned().read, 0);
    cache.set('consent', 'a', { n: 1 }, cache.ticket());
    cache.patch<{ n: number }>('consent', 'a', (v) => ({ n: v.n + 1 }));
    cache.patch<{ n: number }>('consent', 'missing', (v) => ({ n: v.n + 1 }));
    expect(cache.get('consent', 'a')).toEqual({ n: 2 });
    expect(cache.get('consent', 'missing')).toBeUndefined();
  });
  it('is bounded by bytes as well as entries: large consents push the oldest out (issue 13 item 3)', () => {
    const cache = new ConsentReadCache(1000, versioned().read, 0, 10_000_000);
    const large = (id: number) => ({ id, Data: { Filler: 'x'.repeat(1_000_000) } });
    for (let i = 0; i < 20; i++) cache.set('consent', String(i), large(i), cache.ticket());
    const { size, bytes } = cache.stats();
    expect(bytes).toBeLessThanOrEqual(5_000_000);
    expect(size).toBe(2);
    expect(cache.get('consent', '19')).toEqual(large(19));
    expect(cache.get('consent', '0')).toBeUndefined();
  });
});
