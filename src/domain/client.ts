export const CLIENT_ROLES = ['AISP', 'PISP', 'CBPII', 'B2B_PARTNER'] as const;
export type ClientRole = (typeof CLIENT_ROLES)[number];

/** A TPP application, OBP consumer or issuing partner. */
export interface Client {
  clientId: string;
  name: string;
  shortName: string | null;
  roles: ClientRole[];
  consumerKey: string;
  certThumbprint: string | null;
  certSubjectDn: string | null;
  active: boolean;
  /** A service account (the bank gateway): never locked account-wide by failed logins (issue 13 item 2). */
  serviceAccount: boolean;
  /** CIDR networks this account may log in from; empty: anywhere. */
  allowedSources: string[];
  createdAt: number;
  updatedAt: number;
}
