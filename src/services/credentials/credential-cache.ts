// Remembers successful credential checks for a few seconds, keyed by a hash of the credential, so HTTP
// Basic auth does not cost a full scrypt on every gateway call (DESIGN.md §4). Bounded by entries and by an
// estimate of the bytes held (CREDENTIAL_CACHE_MAX_MB), the oldest going first: records are small, but a
// key can be a client id taken from a header and a record carries whatever an admin stored in it.
import crypto from 'node:crypto';
import { approximateBytes, ByteBoundedMap } from '../../byte-bounded-map.js';

interface Entry<T> {
  value: T;
  until: number;
}

export const CREDENTIAL_CACHE_MAX_ENTRIES = 10_000;

export interface CredentialCacheOptions {
  maxEntries?: number;
  /** The byte budget (estimated size of keys and records); default 8 MiB. */
  maxBytes?: number;
  /** The clock callers pass `now` from (to turn away verifications that started before a clear). */
  now?: () => number;
  /** Whether entries may be kept now (false while other instances' changes cannot be heard). */
  live?: () => boolean;
  /** Called by `clear()` (not `clearLocal()`): tells the other instances to clear theirs. */
  onClear?: () => void;
}

export class CredentialCache<T> {
  private readonly entries: ByteBoundedMap<string, Entry<T>>;
  private readonly pending = new Map<string, Promise<T>>();
  private clearedAt = -Infinity;

  constructor(
    private readonly ttlMs: number,
    private readonly options: CredentialCacheOptions = {},
  ) {
    this.entries = new ByteBoundedMap<string, Entry<T>>(
      options.maxEntries ?? CREDENTIAL_CACHE_MAX_ENTRIES,
      options.maxBytes ?? 8 * 1024 * 1024,
      (entry, key) => approximateBytes(entry) + approximateBytes(key),
    );
  }

  static keyOf(...parts: string[]): string {
    const text = parts.join('\u0000');
    // One-shot crypto.hash (Node >= 20.12) is several times cheaper than a Hash object per request.
    return typeof crypto.hash === 'function'
      ? crypto.hash('sha256', text, 'base64')
      : crypto.createHash('sha256').update(text).digest('base64');
  }

  get(key: string, now: number): T | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.until <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /**
   * Remembers a verification that started at `now`; one that started before the last clear (here or, heard
   * through the instance sync, on another instance) is not kept: it may have read the account before the
   * change.
   */
  set(key: string, value: T, now: number): void {
    if (this.ttlMs <= 0 || now < this.clearedAt || this.options.live?.() === false) return;
    this.entries.set(key, { value, until: now + this.ttlMs });
  }

  /** Entries held (expired ones go when read or pushed out). */
  get size(): number {
    return this.entries.size;
  }

  /** The estimated bytes held, never above the budget. */
  get bytes(): number {
    return this.entries.bytes;
  }

  /** The verification of this key still running, if any. */
  inFlight(key: string): Promise<T> | undefined {
    return this.pending.get(key);
  }

  /** Marks `work` as the verification in flight for `key` until it settles. */
  track(key: string, work: Promise<T>): Promise<T> {
    this.pending.set(key, work);
    const settled = () => {
      if (this.pending.get(key) === work) this.pending.delete(key);
    };
    work.then(settled, settled);
    return work;
  }

  /** Forget everything, here and on every other instance: called whenever an account or its credentials change. */
  clear(): void {
    this.clearLocal();
    this.options.onClear?.();
  }

  /** Forget everything here only (another instance told us of a change). */
  clearLocal(): void {
    this.entries.clear();
    if (this.options.now) this.clearedAt = this.options.now();
  }
}
