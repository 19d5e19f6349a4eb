import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approximateBytes, ByteBoundedMap } from './byte-bounded-map.js';

describe('ByteBoundedMap', () => {
  it('drops the oldest entries when a new one would pass the byte budget', () => {
    const map = new ByteBoundedMap<string, string>(10, 100, (value) => value.length);
    map.set('a', 'x'.repeat(40));
    map.set('b', 'x'.repeat(40));
    map.set('c', 'x'.repeat(40));
    expect([...map.keys()]).toEqual(['b', 'c']);
    expect(map.bytes).toBe(80);
  });

  it('keeps no value bigger than the whole budget, and drops the older value of that key', () => {
    const map = new ByteBoundedMap<string, string>(10, 100, (value) => value.length);
    map.set('a', 'small');
    map.set('a', 'x'.repeat(101));
    expect(map.get('a')).toBeUndefined();
    expect(map.bytes).toBe(0);
  });

  it('holds at most maxEntries', () => {
    const map = new ByteBoundedMap<number, string>(2, 1_000_000);
    for (let i = 0; i < 5; i++) map.set(i, 'v');
    expect([...map.keys()]).toEqual([3, 4]);
  });

  it('property: the byte total equals the sum of held values and never passes the budget', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('set' as const), key: fc.nat(20), size: fc.nat(300) }),
      fc.record({ kind: fc.constant('replace' as const), key: fc.nat(20), size: fc.nat(300) }),
      fc.record({ kind: fc.constant('delete' as const), key: fc.nat(20) }),
    );
    fc.assert(
      fc.property(fc.nat(10), fc.nat(1000), fc.array(op, { maxLength: 200 }), (maxEntries, maxBytes, ops) => {
        const map = new ByteBoundedMap<number, number>(maxEntries, maxBytes, (size) => size);
        for (const o of ops) {
          if (o.kind === 'set') map.set(o.key, o.size);
          else if (o.kind === 'replace') map.replace(o.key, o.size);
          else map.delete(o.key);
          const held = [...map.keys()].reduce((sum, key) => sum + map.get(key)!, 0);
          expect(map.bytes).toBe(held);
          expect(map.bytes).toBeLessThanOrEqual(maxBytes);
          expect(map.size).toBeLessThanOrEqual(maxEntries);
        }
      }),
      { seed: 13, numRuns: 300 },
    );
  });

  it('approximateBytes grows with the strings a value holds', () => {
    const small = approximateBytes({ Data: { Filler: 'x' } });
    const large = approximateBytes({ Data: { Filler: 'x'.repeat(1_000_000) } });
    expect(large - small).toBeGreaterThanOrEqual(2 * 999_999);
  });
});
