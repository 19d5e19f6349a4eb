// Row shapes of the OBP identity migration (0007). Timestamps are epoch ms, JSON text.

export interface DirectLoginTokensTable {
  token_hash: string;
  customer_id: string;
  consumer_id: string;
  created_at: number;
  expires_at: number;
}

export interface EntitlementsTable {
  entitlement_id: string;
  customer_id: string;
  bank_id: string;
  role_name: string;
  created_at: number;
}

export interface ConsentJwtKeysTable {
  kid: string;
  alg: string;
  private_jwk: string;
  public_jwk: string;
  created_at: number;
  retired_at: number | null;
  last_token_expires_at: number | null;
}

export interface DevOutboxTable {
  message_id: string;
  channel: string;
  recipient: string;
  subject: string;
  body: string;
  code: string | null;
  consent_id: string | null;
  created_at: number;
}

// Row shapes of the OBP consents migration (0009).

export interface ObpConsentRequestsTable {
  consent_request_id: string;
  consumer_id: string;
  request_type: string;
  payload: string;
  created_at: number;
  used_at: number | null;
  consent_id: string | null;
}

export interface ObpVrpLimitsTable {
  consent_request_id: string;
  counterparty_name: string | null;
  currency: string;
  max_single_amount: string | null;
  max_monthly_amount: string | null;
  max_number_of_monthly_transactions: number | null;
  max_yearly_amount: string | null;
  max_number_of_yearly_transactions: number | null;
  max_total_amount: string | null;
  max_number_of_transactions: number | null;
}

export interface ObpConsentsTable {
  consent_id: string;
  jwt: string;
  sca_method: string;
  created_by_user_id: string;
  everything: number;
  views: string;
  entitlements: string;
  api_version: string;
  consent_request_id: string | null;
  counterparty_id: string | null;
}

export interface ObpScaChallengesTable {
  consent_id: string;
  channel: string;
  recipient: string;
  code_salt: string;
  code_hash: string;
  created_at: number;
  expires_at: number;
  answered_at: number | null;
  outcome: string | null;
}
