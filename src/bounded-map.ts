// A Map that keeps at most `max` entries, dropping the oldest inserted one first: for a cache of small,
// bounded values (the prepared SQLite statements; caches whose values can be large use ByteBoundedMap).
// Cheaper than an LRU: a hit does not reorder anything.

/** Sets `key` in `map`, first dropping the oldest entry when the map is full and `key` is new. */
export function setBounded<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  if (map.size >= max && !map.has(key)) map.delete(map.keys().next().value!);
  map.set(key, value);
}
