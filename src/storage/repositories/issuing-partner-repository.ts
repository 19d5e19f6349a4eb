import type { Kysely } from 'kysely';
import type { IssuingPartner } from '../../domain/customer.js';
import { notLockedAt } from '../lock-expressions.js';
import type { DatabaseSchema } from '../tables/database-schema.js';

export class IssuingPartnerRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** The partner's B2B identity, with its client's short name (the namespace of its URIs). */
  async findByClientId(clientId: string): Promise<IssuingPartner | undefined> {
    const row = await this.db
      .selectFrom('issuing_partners')
      .innerJoin('clients', 'clients.client_id', 'issuing_partners.client_id')
      .selectAll('issuing_partners')
      .select('clients.short_name')
      .where('issuing_partners.client_id', '=', clientId)
      .executeTakeFirst();
    if (!row || row.short_name === null) return undefined;
    return {
      clientId: row.client_id,
      shortName: row.short_name,
      issuingPartnerUuid: row.issuing_partner_uuid,
      partnerUuid: row.partner_uuid,
      maxFailedLogins: row.max_failed_logins,
      failedLogins: row.failed_logins,
      lockedUntil: row.locked_until,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
  }

  /** Creates the row unless it exists; concurrent first uses of a partner must not fail a transaction. */
  async insertIfMissing(partner: Omit<IssuingPartner, 'shortName'>): Promise<void> {
    await this.db
      .insertInto('issuing_partners')
      .values({
        client_id: partner.clientId,
        issuing_partner_uuid: partner.issuingPartnerUuid,
        partner_uuid: partner.partnerUuid,
        max_failed_logins: partner.maxFailedLogins,
        failed_logins: partner.failedLogins,
        locked_until: partner.lockedUntil,
        created_at: partner.createdAt,
        updated_at: partner.updatedAt,
      })
      .onConflict((oc) => oc.column('client_id').doNothing())
      .execute();
  }

  /**
   * Counts one wrong secret with an atomic increment in SQL, unless the partner is locked at `now`, and
   * answers the new count (undefined when locked or unknown). Concurrent failures on any number of
   * instances each get their own count, so exactly one of them sees the count that locks.
   */
  async recordFailure(clientId: string, now: number): Promise<number | undefined> {
    const row = await this.db
      .updateTable('issuing_partners')
      .set((eb) => ({ failed_logins: eb('failed_logins', '+', 1), updated_at: now }))
      .where('client_id', '=', clientId)
      .where((eb) => notLockedAt(eb, now))
      .returning('failed_logins')
      .executeTakeFirst();
    return row?.failed_logins;
  }

  /** Locks until `until` unless a lock is already in force; true when this call set the lock. */
  async lockIfUnlocked(clientId: string, until: number, now: number): Promise<boolean> {
    const row = await this.db
      .updateTable('issuing_partners')
      .set({ locked_until: until, updated_at: now })
      .where('client_id', '=', clientId)
      .where((eb) => notLockedAt(eb, now))
      .returning('client_id')
      .executeTakeFirst();
    return row !== undefined;
  }

  /** After a correct secret: clears the count, but never a lock that is in force at `now`. */
  async resetFailures(clientId: string, now: number): Promise<void> {
    await this.db
      .updateTable('issuing_partners')
      .set({ failed_logins: 0, locked_until: null, updated_at: now })
      .where('client_id', '=', clientId)
      .where((eb) => notLockedAt(eb, now))
      .execute();
  }

  async update(
    clientId: string,
    changes: { maxFailedLogins?: number | null; failedLogins?: number; lockedUntil?: number | null },
    at: number,
  ): Promise<void> {
    await this.db
      .updateTable('issuing_partners')
      .set({
        ...(changes.maxFailedLogins !== undefined ? { max_failed_logins: changes.maxFailedLogins } : {}),
        ...(changes.failedLogins !== undefined ? { failed_logins: changes.failedLogins } : {}),
        ...(changes.lockedUntil !== undefined ? { locked_until: changes.lockedUntil } : {}),
        updated_at: at,
      })
      .where('client_id', '=', clientId)
      .execute();
  }
}
