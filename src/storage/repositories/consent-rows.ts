// Row <-> domain for the consent tables, shared by the consent repositories (writer, reader, search).
import type { Insertable, Selectable } from 'kysely';
import type { Authorisation, Consent, ConsentKind, ConsentStatus } from '../../domain/consent.js';
import { fromDbBool, toDbBool } from '../codecs.js';
import type {
  AuthorisationsTable,
  ConsentAccountMappingsTable,
  ConsentsTable,
} from '../tables/foundation-tables.js';

/** A consents row as the domain's Consent (shared by every repository that reads consents). */
export function toConsent(row: Selectable<ConsentsTable>): Consent {
  return {
    consentId: row.consent_id,
    kind: row.kind as ConsentKind,
    consentType: row.consent_type,
    apiFamily: row.api_family as Consent['apiFamily'],
    clientId: row.client_id,
    status: row.status as ConsentStatus,
    receipt: row.receipt,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    statusUpdatedAt: row.status_updated_at,
    validFrom: row.valid_from,
    expiresAt: row.expires_at,
    recurringIndicator: fromDbBool(row.recurring_indicator),
    frequency: row.frequency,
    userId: row.user_id,
    lastUsageAt: row.last_usage_at,
  };
}

export function toConsentRow(consent: Consent): Insertable<ConsentsTable> {
  return {
    consent_id: consent.consentId,
    kind: consent.kind,
    consent_type: consent.consentType,
    api_family: consent.apiFamily,
    client_id: consent.clientId,
    status: consent.status,
    receipt: consent.receipt,
    created_at: consent.createdAt,
    updated_at: consent.updatedAt,
    status_updated_at: consent.statusUpdatedAt,
    valid_from: consent.validFrom,
    expires_at: consent.expiresAt,
    recurring_indicator: toDbBool(consent.recurringIndicator),
    frequency: consent.frequency,
    user_id: consent.userId,
    consent_request_id: null,
    last_usage_at: consent.lastUsageAt,
  };
}

export function toAuthorisationRow(auth: Authorisation, at: number): Insertable<AuthorisationsTable> {
  return {
    authorisation_id: auth.authorisationId,
    consent_id: auth.consentId,
    user_id: auth.userId,
    authorisation_type: auth.type,
    status: auth.status,
    created_at: at,
    updated_at: at,
  };
}

export function toMappingRows(auth: Authorisation): Insertable<ConsentAccountMappingsTable>[] {
  return auth.mappings.map((m) => ({
    mapping_id: m.mappingId,
    authorisation_id: auth.authorisationId,
    account_id: m.accountId,
    permission: m.permission,
    mapping_status: m.mappingStatus,
  }));
}
