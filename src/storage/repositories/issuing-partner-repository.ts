import type { Kysely } from 'kysely';
import type { IssuingPartner } from '../../domain/customer.js';
import {
  clearTimedAttempts,
  countTimedFailure,
  forgetSources,
  lockTimedAcrossSources,
} from '../login-attempts.js';
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

  /** A wrong password: one more failure on the account (see storage/login-attempts.ts). */
  countFailedLogin(clientId: string, now: number): Promise<void> {
    return countTimedFailure(this.db, 'issuing_partners', clientId, now);
  }

  /** Locks the account when enough sources are locked for it; its failed-login count when it did. */
  lockAcrossSources(
    clientId: string,
    policy: { sources: number; lockUntil: number },
    now: number,
  ): Promise<number | undefined> {
    return lockTimedAcrossSources(this.db, 'issuing_partners', clientId, policy, now);
  }

  /** After the right password: clears the count unless an account lock is in force (false). */
  clearLoginAttempts(clientId: string, now: number): Promise<boolean> {
    return clearTimedAttempts(this.db, 'issuing_partners', clientId, now);
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
    if (changes.failedLogins === 0) await forgetSources(this.db, { type: 'partner', id: clientId });
  }
}
