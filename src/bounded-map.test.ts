import { describe, expect, it } from 'vitest';
import { setBounded } from './bounded-map.js';

describe('setBounded', () => {
  it('drops the oldest inserted entry when full, and nothing when replacing a present key', () => {
    const map = new Map<string, number>();
    setBounded(map, 'a', 1, 2);
    setBounded(map, 'b', 2, 2);
    setBounded(map, 'b', 3, 2);
    expect([...map]).toEqual([
      ['a', 1],
      ['b', 3],
    ]);
    setBounded(map, 'c', 4, 2);
    expect([...map]).toEqual([
      ['b', 3],
      ['c', 4],
    ]);
  });
});
