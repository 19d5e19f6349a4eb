// The whole database as Kysely sees it. Each migration's tables live in their own file; add them here.
import type { CustomerDevicesTable, CustomersTable, IssuingPartnersTable } from './customer-tables.js';
import type {
  AuditEventsTable,
  AuthorisationsTable,
  ClientsTable,
  ConsentAccountMappingsTable,
  ConsentAttributesTable,
  ConsentFilesTable,
  ConsentStatusHistoryTable,
  ConsentsTable,
  IdempotencyKeysTable,
  OperatorsTable,
  OutboxTable,
} from './foundation-tables.js';
import type { PortalSessionsTable } from './portal-tables.js';
import type { ConsentStatusCountsTable } from './consent-status-counts-table.js';
import type { BankAccountsTable, FundsConfirmationsTable, OauthTokensTable } from './funds-tables.js';
import type {
  ConsentJwtKeysTable,
  DevOutboxTable,
  DirectLoginTokensTable,
  EntitlementsTable,
} from './obp-tables.js';

export interface DatabaseSchema {
  operators: OperatorsTable;
  clients: ClientsTable;
  consents: ConsentsTable;
  consent_attributes: ConsentAttributesTable;
  authorisations: AuthorisationsTable;
  consent_account_mappings: ConsentAccountMappingsTable;
  consent_status_history: ConsentStatusHistoryTable;
  consent_status_counts: ConsentStatusCountsTable;
  consent_files: ConsentFilesTable;
  idempotency_keys: IdempotencyKeysTable;
  audit_events: AuditEventsTable;
  outbox: OutboxTable;
  issuing_partners: IssuingPartnersTable;
  customers: CustomersTable;
  customer_devices: CustomerDevicesTable;
  oauth_tokens: OauthTokensTable;
  bank_accounts: BankAccountsTable;
  funds_confirmations: FundsConfirmationsTable;
  direct_login_tokens: DirectLoginTokensTable;
  entitlements: EntitlementsTable;
  consent_jwt_keys: ConsentJwtKeysTable;
  dev_outbox: DevOutboxTable;
  portal_sessions: PortalSessionsTable;
}
