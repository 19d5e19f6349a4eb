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
  createdAt: number;
  updatedAt: number;
}
