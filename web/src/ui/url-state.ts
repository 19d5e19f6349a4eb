// Filters live in the URL (shareable, reloadable): read them as a plain object, write them back whole.
import { useSearchParams } from 'react-router';

export function useUrlFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const values = Object.fromEntries(keys.map((k) => [k, params.get(k) ?? ''])) as Record<K, string>;
  const set = (next: Partial<Record<K, string>>) => {
    const merged = new URLSearchParams();
    for (const k of keys) {
      const v = k in next ? next[k] : values[k];
      if (v) merged.set(k, v);
    }
    setParams(merged);
  };
  return [values, set] as const;
}

/** A YYYY-MM-DD day picked by the officer as an instant: the start (or end) of that day where they are. */
export function localDayBoundary(day: string, end: boolean): string | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) return undefined;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = end ? new Date(y, m - 1, d, 23, 59, 59, 999) : new Date(y, m - 1, d, 0, 0, 0, 0);
  return date.toISOString();
}

export function offsetOf(value: string): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : 0;
}
