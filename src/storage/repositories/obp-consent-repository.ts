// The OBP data of consents (obp_consents); the consent row itself is written by ConsentWriter.
import type { Kysely, Selectable } from 'kysely';
import type { ObpConsentRecord, ObpScaMethod } from '../../domain/obp-consent.js';
import { fromDbBool, fromJson, toDbBool, toJson } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { ObpConsentsTable } from '../tables/obp-tables.js';

function toRecord(row: Selectable<ObpConsentsTable>): ObpConsentRecord {
  return {
    consentId: row.consent_id,
    jwt: row.jwt,
    scaMethod: row.sca_method as ObpScaMethod,
    createdByUserId: row.created_by_user_id,
    everything: fromDbBool(row.everything),
    views: fromJson(row.views, []),
    entitlements: fromJson(row.entitlements, []),
    apiVersion: row.api_version,
    consentRequestId: row.consent_request_id,
    counterpartyId: row.counterparty_id,
  };
}

export class ObpConsentRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(record: ObpConsentRecord): Promise<void> {
    await this.db
      .insertInto('obp_consents')
      .values({
        consent_id: record.consentId,
        jwt: record.jwt,
        sca_method: record.scaMethod,
        created_by_user_id: record.createdByUserId,
        everything: toDbBool(record.everything),
        views: toJson(record.views),
        entitlements: toJson(record.entitlements),
        api_version: record.apiVersion,
        consent_request_id: record.consentRequestId,
        counterparty_id: record.counterpartyId,
      })
      .execute();
  }

  async findById(consentId: string): Promise<ObpConsentRecord | undefined> {
    const row = await this.db
      .selectFrom('obp_consents')
      .selectAll()
      .where('consent_id', '=', consentId)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async findByConsentRequestId(consentRequestId: string): Promise<ObpConsentRecord | undefined> {
    const row = await this.db
      .selectFrom('obp_consents')
      .selectAll()
      .where('consent_request_id', '=', consentRequestId)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** A re-issued Consent-JWT with its views and entitlements (account access updates). */
  async updateGrant(
    consentId: string,
    grant: Pick<ObpConsentRecord, 'jwt' | 'views' | 'entitlements'>,
  ): Promise<void> {
    await this.db
      .updateTable('obp_consents')
      .set({ jwt: grant.jwt, views: toJson(grant.views), entitlements: toJson(grant.entitlements) })
      .where('consent_id', '=', consentId)
      .execute();
  }

  /** Another creator (management: update created-by user). */
  async updateCreatedBy(consentId: string, userId: string): Promise<void> {
    await this.db
      .updateTable('obp_consents')
      .set({ created_by_user_id: userId })
      .where('consent_id', '=', consentId)
      .execute();
  }
}
