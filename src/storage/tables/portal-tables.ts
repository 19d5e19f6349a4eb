// Row shapes of the portal migration (0008). Timestamps are epoch ms.

export interface PortalSessionsTable {
  /** SHA-256 (hex) of the cookie's random id. */
  session_hash: string;
  operator_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  /** The absolute end of the session. */
  expires_at: number;
}
