import { describe, expect, it } from 'vitest';
import { picker } from './access.js';

function histogram(draw: () => number, size: number, count: number): number[] {
  const counts = new Array<number>(size).fill(0);
  for (let i = 0; i < count; i++) counts[draw()]! += 1;
  return counts;
}

describe('bench access patterns', () => {
  it('uniform touches the whole population about evenly', () => {
    const counts = histogram(picker('uniform', 100), 100, 100_000);
    expect(Math.min(...counts)).toBeGreaterThan(800);
    expect(Math.max(...counts)).toBeLessThan(1_200);
  });

  it('zipf (s = 1) asks the top rank about twice as often as the second and stays in range', () => {
    const size = 1_000;
    const counts = histogram(picker('zipf', size), size, 200_000);
    const sorted = [...counts].sort((a, b) => b - a);
    // Continuous approximation: P(rank 0) = ln 2 / ln 1001, P(rank 1) = ln 1.5 / ln 1001.
    expect(sorted[0]! / 200_000).toBeCloseTo(Math.log(2) / Math.log(size + 1), 2);
    expect(sorted[0]! / sorted[1]!).toBeGreaterThan(1.5);
    // The hottest 1 % of consents take about a third of the requests.
    const top = sorted.slice(0, size / 100).reduce((a, b) => a + b, 0);
    expect(top / 200_000).toBeGreaterThan(0.3);
    expect(top / 200_000).toBeLessThan(0.5);
  });
});
