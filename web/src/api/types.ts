// Wire shapes of the portal API (docs/portal-api.md). Times are ISO-8601 UTC strings.

export interface ApiErrorBody {
  code: string;
  message: string;
  details?: { path: string; message: string }[];
  interactionId?: string;
}

export interface Session {
  operator: { username: string; roles: string[] };
  csrfToken: string;
  expiresAt: string;
  idleExpiresAt: string;
}

export interface Coded {
  code: string;
  label: string;
}

export interface Meta {
  consentTypes: Coded[];
  statuses: Coded[];
}

export interface TppClient {
  clientId: string;
  name: string;
  roles: string[];
  active: boolean;
}

export interface ConsentSummary {
  consentId: string;
  consentType: string;
  clientId: string;
  clientName: string | null;
  userId: string | null;
  status: string;
  statusLabel: string;
  wireStatus: string;
  createdAt: string;
  updatedAt: string;
  statusUpdatedAt: string;
  validFrom: string | null;
  expiresAt: string | null;
  revocable: boolean;
}

export interface Page<T> {
  items: T[];
  total: number;
  /** False when there are more than `total` matches (the server stopped counting). */
  totalExact?: boolean;
  limit: number;
  offset: number;
}

export interface AccountMapping {
  mappingId: string;
  accountId: string;
  permission: string;
  mappingStatus: string;
}

export interface HistoryEntry {
  at: string;
  fromStatus: string | null;
  toStatus: string;
  fromLabel: string | null;
  toLabel: string;
  reason: string;
  actorType: string;
  actorId: string;
}

export interface ConsentDetail extends ConsentSummary {
  apiFamily: string;
  kind: string;
  frequency: number;
  recurringIndicator: boolean;
  lastUsageAt: string | null;
  customer: { customerId: string; username: string; firstName: string; lastName: string } | null;
  permissions: string[];
  accounts: { accountId: string; permission: string; mappingStatus: string; authorisationId: string }[];
  attributes: Record<string, string>;
  authorisations: {
    authorisationId: string;
    userId: string | null;
    type: string;
    status: string;
    updatedAt: string;
    mappings: AccountMapping[];
  }[];
  originalRequest: unknown;
  history: HistoryEntry[];
}

export interface Address {
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
}

export interface CustomerSummary {
  customerId: string;
  customerUri: string;
  username: string;
  firstName: string;
  lastName: string;
  email: string | null;
  phone: string | null;
  address: Address;
  birthday: string | null;
  createdAt: string;
  active: boolean;
  locked: boolean;
  issuingPartner: { clientId: string; shortName: string | null } | null;
}

export interface CustomerLookup {
  items: CustomerSummary[];
  truncated: boolean;
}

export interface Device {
  deviceId: string;
  deviceName: string;
  deviceType: string;
  active: boolean;
  createdAt: string;
  lastSeenAt: string | null;
}

export interface CustomerDetail {
  customer: CustomerSummary & {
    emailPending: string | null;
    emailVerified: boolean;
    failedLogins: number;
    lastLoginAt: string | null;
    passwordChangedAt: string | null;
    additionalInformation: { key: string; value: string }[];
  };
  devices: Device[];
  consents: ConsentSummary[];
}

export interface AuditEvent {
  eventId: string;
  at: string;
  actorType: string;
  actorId: string;
  action: string;
  targetType: string;
  targetId: string;
  details: unknown;
  interactionId: string | null;
}

export interface Operator {
  username: string;
  roles: string[];
  active: boolean;
  locked: boolean;
  failedLogins: number;
  createdAt: string;
  updatedAt: string;
}

export interface AdminClient {
  clientId: string;
  name: string;
  shortName: string | null;
  roles: string[];
  consumerKey: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export type ClientWithSecret = AdminClient & { clientSecret: string };
