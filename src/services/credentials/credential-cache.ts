// Remembers successful credential checks for a few seconds, keyed by a hash of the credential, so HTTP
// Basic auth does not cost a full scrypt on every gateway call (DESIGN.md §4).
import crypto from 'node:crypto';
import { setBounded } from '../../bounded-map.js';

export class CredentialCache<T> {
  private readonly entries = new Map<string, { value: T; until: number }>();
  private readonly pending = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
  ) {}

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

  set(key: string, value: T, now: number): void {
    if (this.ttlMs <= 0) return;
    setBounded(this.entries, key, { value, until: now + this.ttlMs }, this.maxEntries);
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

  /** Forget everything: called whenever an account or its credentials change. */
  clear(): void {
    this.entries.clear();
  }
}
