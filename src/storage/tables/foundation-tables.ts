// Row shapes of the foundation migration (0001). Timestamps are epoch ms, booleans 0/1, JSON text.
import type { Generated } from 'kysely';

export interface OperatorsTable {
  operator_id: string;
  username: string;
  password_hash: string;
  roles: string;
  active: number;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
  /** 1: a service account (never locked account-wide); migration 0011. */
  service_account: Generated<number>;
  /** Comma-separated CIDR list the account may log in from; null: anywhere (0011). */
  allowed_sources: string | null;
}

export interface ClientsTable {
  client_id: string;
  name: string;
  short_name: string | null;
  secret_hash: string;
  roles: string;
  consumer_key: string;
  cert_thumbprint: string | null;
  cert_subject_dn: string | null;
  active: number;
  created_at: number;
  updated_at: number;
  /** 1: a service account (never locked account-wide); migration 0011. */
  service_account: Generated<number>;
  /** Comma-separated CIDR list the account may log in from; null: anywhere (0011). */
  allowed_sources: string | null;
}

export interface ConsentsTable {
  consent_id: string;
  /** A domain ConsentKind (accounts, domestic-payment, ..., obp). */
  kind: string;
  consent_type: string;
  api_family: string;
  client_id: string;
  status: string;
  receipt: string;
  created_at: number;
  updated_at: number;
  status_updated_at: number;
  valid_from: number | null;
  expires_at: number | null;
  recurring_indicator: number;
  frequency: number;
  user_id: string | null;
  consent_request_id: string | null;
  last_usage_at: number | null;
}

export interface ConsentAttributesTable {
  consent_id: string;
  attr_key: string;
  attr_value: string;
}

export interface AuthorisationsTable {
  authorisation_id: string;
  consent_id: string;
  user_id: string | null;
  authorisation_type: string;
  status: string;
  created_at: number;
  updated_at: number;
}

export interface ConsentAccountMappingsTable {
  mapping_id: string;
  authorisation_id: string;
  account_id: string;
  permission: string;
  mapping_status: string;
}

export interface ConsentStatusHistoryTable {
  history_id: string;
  consent_id: string;
  from_status: string | null;
  to_status: string;
  reason: string;
  actor_type: string;
  actor_id: string;
  at: number;
}

export interface ConsentFilesTable {
  consent_id: string;
  content_type: string;
  content: Uint8Array;
  sha256: string;
  size: number;
  uploaded_at: number;
}

export interface IdempotencyKeysTable {
  client_id: string;
  scope: string;
  idempotency_key: string;
  request_hash: string;
  resource_id: string;
  created_at: number;
  expires_at: number;
}

export interface AuditEventsTable {
  event_id: string;
  actor_type: string;
  actor_id: string;
  action: string;
  target_type: string;
  target_id: string;
  details: string;
  interaction_id: string | null;
  at: number;
}

export interface OutboxTable {
  event_id: string;
  event_type: string;
  payload: string;
  attempts: number;
  next_attempt_at: number;
  delivered_at: number | null;
  created_at: number;
}
