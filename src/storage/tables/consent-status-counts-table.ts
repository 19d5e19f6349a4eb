// Migration 0010: consents by type and status, kept by triggers on consents (summed over shards).
export interface ConsentStatusCountsTable {
  consent_type: string;
  status: string;
  /** PostgreSQL: the writing connection's backend pid mod 16; SQLite: always 0. */
  shard: number;
  /** Can be negative in one shard (a consent counted in another shard left this status). */
  n: number;
}
