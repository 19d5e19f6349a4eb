// Row shapes of the login-sources migration (0011). Timestamps are epoch ms.

export interface LoginSourcesTable {
  /** 'operator' | 'partner' | 'customer'. */
  account_type: string;
  account_id: string;
  /** The request's source address (an IPv6 address by its /64). */
  source: string;
  /** Failed (or reserved) attempts from this source in the current run. */
  failures: number;
  /** Set when this source reached the limit: the source is refused for this account until then. */
  locked_until: number | null;
  updated_at: number;
}
