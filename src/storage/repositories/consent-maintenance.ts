// Maintenance statements over consents: what the expiry job must store, and counts for /metrics. Reads
// only: the expiry job stores each expiry through the transition step (ConsentWriter).
import type { Kysely } from 'kysely';
import type { ConsentKind, ConsentStatus } from '../../domain/consent.js';
import type { DatabaseSchema } from '../tables/database-schema.js';

export class ConsentMaintenance {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /**
   * Up to `limit` ids of consents of these kinds that are in `fromStatus` and past their expiry (the expiry
   * job then stores each expiry through the transition step). Answered by the status/expiry index.
   */
  async dueForExpiry(
    kinds: readonly ConsentKind[],
    fromStatus: ConsentStatus,
    now: number,
    limit: number,
  ): Promise<string[]> {
    if (kinds.length === 0) return [];
    const rows = await this.db
      .selectFrom('consents')
      .select('consent_id')
      .where('status', '=', fromStatus)
      .where('expires_at', '<=', now)
      .where('kind', 'in', kinds)
      .limit(limit)
      .execute();
    return rows.map((r) => r.consent_id);
  }

  /**
   * Consents by type and status from the counters the database keeps as consents are written (migration
   * 0010's triggers): a few dozen rows, whatever the number of consents. Types and statuses none is in
   * are left out.
   */
  async countByTypeAndStatus(): Promise<{ consentType: string; status: string; count: number }[]> {
    const rows = await this.db
      .selectFrom('consent_status_counts')
      .select((eb) => ['consent_type', 'status', eb.fn.sum<number>('n').as('n')])
      .groupBy(['consent_type', 'status'])
      .orderBy('consent_type')
      .orderBy('status')
      .execute();
    return rows
      .map((r) => ({ consentType: r.consent_type, status: r.status, count: Number(r.n) }))
      .filter((r) => r.count !== 0);
  }
}
