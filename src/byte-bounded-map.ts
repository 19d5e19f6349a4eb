// A Map bounded by entry count and by an estimate of the bytes its values hold, dropping the oldest
// inserted entries first: the caches whose values can be large (consent rows, parsed receipts, verified
// credentials) use it, so a flood of large consents cannot grow the heap past the budget (issue 13 item 3).

/** A rough size of a value in bytes (UTF-16 strings, 8-byte scalars, a small overhead per object/key). */
export function approximateBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 16 + value.length * 2;
    case 'object': {
      if (value === null) return 8;
      if (ArrayBuffer.isView(value)) return 32 + value.byteLength;
      let total = 32;
      if (Array.isArray(value)) for (const item of value) total += 8 + approximateBytes(item);
      else if (value instanceof Map || value instanceof Set)
        for (const item of value.entries()) total += approximateBytes(item);
      else
        for (const [key, item] of Object.entries(value))
          total += 16 + key.length * 2 + approximateBytes(item);
      return total;
    }
    default:
      return 8;
  }
}

export class ByteBoundedMap<K, V> {
  private readonly entries = new Map<K, { value: V; bytes: number }>();
  private total = 0;

  constructor(
    private readonly maxEntries: number,
    private readonly maxBytes: number,
    /** The estimated bytes of an entry (the key too, where keys can be large). */
    private readonly sizeOf: (value: V, key: K) => number = approximateBytes,
  ) {}

  get(key: K): V | undefined {
    return this.entries.get(key)?.value;
  }

  /**
   * Stores `value` under `key`, first dropping the oldest entries until both bounds hold. A value bigger
   * than the whole byte budget is not kept (and any older value of the key goes).
   */
  set(key: K, value: V): void {
    const bytes = this.sizeOf(value, key);
    this.delete(key);
    if (bytes > this.maxBytes || this.maxEntries <= 0) return;
    while (this.entries.size >= this.maxEntries || this.total + bytes > this.maxBytes) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.delete(oldest.value);
    }
    this.entries.set(key, { value, bytes });
    this.total += bytes;
  }

  /** Replaces a present value, re-measured, keeping its place in the eviction order where it still fits. */
  replace(key: K, value: V): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    const bytes = this.sizeOf(value, key);
    if (this.total - entry.bytes + bytes > this.maxBytes) return this.set(key, value);
    this.total += bytes - entry.bytes;
    entry.value = value;
    entry.bytes = bytes;
  }

  delete(key: K): void {
    const entry = this.entries.get(key);
    if (entry === undefined) return;
    this.entries.delete(key);
    this.total -= entry.bytes;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  get size(): number {
    return this.entries.size;
  }

  /** The estimated bytes held, never above the budget. */
  get bytes(): number {
    return this.total;
  }

  keys(): IterableIterator<K> {
    return this.entries.keys();
  }
}
