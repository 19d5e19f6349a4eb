// Row shapes of the funds-confirmation migration (0003). Timestamps are epoch ms, booleans 0/1.

export interface OauthTokensTable {
  token_hash: string;
  client_id: string;
  /** JSON list of scope names. */
  scopes: string;
  issued_at: number;
  expires_at: number;
}

export interface BankAccountsTable {
  account_id: string;
  customer_id: string;
  scheme_name: string;
  identification: string;
  secondary_identification: string | null;
  name: string;
  currency: string;
  /** Exact decimal text, e.g. "1250.00" or "-20.5". */
  balance: string;
  created_at: number;
  updated_at: number;
}

export interface FundsConfirmationsTable {
  funds_confirmation_id: string;
  consent_id: string;
  client_id: string;
  account_id: string;
  reference: string;
  amount: string;
  currency: string;
  funds_available: number;
  created_at: number;
}
