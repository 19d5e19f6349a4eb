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
