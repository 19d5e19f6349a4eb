// An in-process cache of what the read hot paths load per consent (the consent row; the rows behind a
// validation), so the gateway's validate and retrieve calls usually skip the database (DESIGN.md §8).
//
// It may only answer what the database would answer now, so it is used only where every change can be seen:
// - writes made through this process's ConsentRepository invalidate the consent they touch (every write to
//   consents, authorisations and account mappings lives there; a test keeps it so);
// - writes committed by any other connection (another process, the CLI) are seen through `dataVersion`
//   (SQLite's PRAGMA data_version, which changes whenever another connection commits): the whole cache is
//   dropped before the next lookup is answered. Reading it starts a read transaction (a few µs, file-lock
//   system calls), so it is read at most once per `recheckMs` (1 ms): another process's commit is seen
//   within that. PostgreSQL has no such cheap signal, so there the cache is off (several instances share
//   one database).
// A fill is kept only if nothing was invalidated while its read ran, so a read that raced a write never
// stores the older row.

import { ByteBoundedMap } from '../byte-bounded-map.js';

export type CacheKind = 'consent' | 'validation';

export interface ConsentReadCacheStats {
  hits: number;
  misses: number;
  size: number;
  /** Estimated bytes held by both kinds, at most the byte budget. */
  bytes: number;
}

/** The default byte budget of the cache (CONSENT_CACHE_MAX_MB). */
export const DEFAULT_CONSENT_CACHE_BYTES = 256 * 1024 * 1024;

export class ConsentReadCache {
  private readonly entries: Record<CacheKind, ByteBoundedMap<string, unknown>>;
  /** Bumped by every invalidation: a fill that started before it is stale. */
  private generation = 0;
  private seenVersion: number;
  private checkedAt = -Infinity;
  private hits = 0;
  private misses = 0;

  /**
   * @param maxEntries per kind; the oldest entry goes first when full.
   * @param dataVersion a number that changes whenever another connection commits to the database.
   * @param recheckMs how long a reading of `dataVersion` is trusted.
   * @param maxBytes the estimated bytes both kinds may hold together (half each); oldest go first.
   */
  constructor(
    maxEntries: number,
    private readonly dataVersion: () => number,
    private readonly recheckMs = 1,
    maxBytes = DEFAULT_CONSENT_CACHE_BYTES,
  ) {
    this.entries = {
      consent: new ByteBoundedMap(maxEntries, maxBytes / 2),
      validation: new ByteBoundedMap(maxEntries, maxBytes / 2),
    };
    this.seenVersion = dataVersion();
  }

  /** The cached value, after dropping everything if another connection has committed since. */
  get<T>(kind: CacheKind, consentId: string): T | undefined {
    const now = performance.now();
    if (now - this.checkedAt >= this.recheckMs) {
      this.checkedAt = now;
      const version = this.dataVersion();
      if (version !== this.seenVersion) {
        this.seenVersion = version;
        this.clear();
      }
    }
    const value = this.entries[kind].get(consentId) as T | undefined;
    if (value === undefined) this.misses++;
    else this.hits++;
    return value;
  }

  /** Take before reading the database; pass to `set` with what was read. */
  ticket(): number {
    return this.generation;
  }

  set(kind: CacheKind, consentId: string, value: unknown, ticket: number): void {
    if (ticket !== this.generation) return;
    this.entries[kind].set(consentId, value);
  }

  /**
   * Replaces a cached value in place (no-op when absent), e.g. a newer last-usage time. Call it after the
   * write: like an invalidation it turns away fills whose read started before.
   */
  patch<T>(kind: CacheKind, consentId: string, change: (value: T) => T): void {
    this.generation++;
    const map = this.entries[kind];
    const value = map.get(consentId) as T | undefined;
    if (value !== undefined) map.replace(consentId, change(value));
  }

  invalidate(consentId: string): void {
    this.generation++;
    this.entries.consent.delete(consentId);
    this.entries.validation.delete(consentId);
  }

  clear(): void {
    this.generation++;
    this.entries.consent.clear();
    this.entries.validation.clear();
  }

  stats(): ConsentReadCacheStats {
    return {
      hits: this.hits,
      misses: this.misses,
      size: this.entries.consent.size + this.entries.validation.size,
      bytes: this.entries.consent.bytes + this.entries.validation.bytes,
    };
  }
}
