// Domain <-> wire for the portal API (docs/portal-api.md): ISO-8601 UTC times, portal status codes with
// their labels beside the wire status.
import type { AuditEvent } from '../../domain/audit-event.js';
import { customerUriOf, type CustomerDevice, type CustomerProfile } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import { PORTAL_STATUS_LABELS, portalStatusOf } from '../../domain/portal-status.js';
import type { PortalPrincipal } from '../../services/credentials/portal-principal.js';
import type { PortalConsent, PortalConsentDetail } from '../../services/consents/portal-consent-view.js';
import { fieldAt } from '../../domain/json-fields.js';

export function iso(epochMs: number): string;
export function iso(epochMs: number | null): string | null;
export function iso(epochMs: number | null): string | null {
  return epochMs === null ? null : new Date(epochMs).toISOString();
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;

/** A `from`/`to` query value: a UTC day (`to` covers the whole day) or a date-time with an offset. */
function queryInstant(value: string | undefined, path: string, end: boolean): number | undefined {
  if (value === undefined) return undefined;
  const day = DAY.exec(value);
  let at: number | undefined;
  if (day) {
    const start = Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
    const valid = new Date(start).toISOString().startsWith(value);
    at = valid ? (end ? start + 86_400_000 - 1 : start) : undefined;
  } else if (DATE_TIME.test(value) && !Number.isNaN(Date.parse(value))) {
    at = Date.parse(value);
  }
  if (at === undefined)
    throw new DomainError('request.date_invalid', `${path} must be YYYY-MM-DD or an ISO 8601 date-time`, [
      { path, message: `${path} must be YYYY-MM-DD or an ISO 8601 date-time with Z or an offset` },
    ]);
  return at;
}

export function dateRange(from: string | undefined, to: string | undefined) {
  const range = { from: queryInstant(from, 'from', false), to: queryInstant(to, 'to', true) };
  if (range.from !== undefined && range.to !== undefined && range.from > range.to)
    throw new DomainError('request.date_invalid', 'from must not be after to', [
      { path: 'from', message: 'from must not be after to' },
    ]);
  return {
    ...(range.from !== undefined ? { from: range.from } : {}),
    ...(range.to !== undefined ? { to: range.to } : {}),
  };
}

export function sessionView(principal: PortalPrincipal) {
  return {
    operator: { username: principal.username, roles: principal.roles },
    csrfToken: principal.csrfToken,
    expiresAt: iso(principal.expiresAt),
    idleExpiresAt: iso(principal.idleExpiresAt),
  };
}

export function consentSummary({ consent, portalStatus, clientName, revocable }: PortalConsent) {
  return {
    consentId: consent.consentId,
    consentType: consent.consentType,
    clientId: consent.clientId,
    clientName,
    userId: consent.userId,
    status: portalStatus,
    statusLabel: PORTAL_STATUS_LABELS[portalStatus],
    wireStatus: consent.status,
    createdAt: iso(consent.createdAt),
    updatedAt: iso(consent.updatedAt),
    statusUpdatedAt: iso(consent.statusUpdatedAt),
    validFrom: iso(consent.validFrom),
    expiresAt: iso(consent.expiresAt),
    revocable,
  };
}

function parsedReceipt(receipt: string): unknown {
  try {
    return JSON.parse(receipt);
  } catch {
    return receipt;
  }
}

function requestedPermissions(request: unknown): string[] {
  const permissions = fieldAt(fieldAt(request, 'Data'), 'Permissions');
  return Array.isArray(permissions) ? permissions.filter((p): p is string => typeof p === 'string') : [];
}

export function consentDetailView(detail: PortalConsentDetail) {
  const originalRequest = parsedReceipt(detail.consent.receipt);
  const accounts = detail.authorisations.flatMap((a) =>
    a.mappings.map((m) => ({
      accountId: m.accountId,
      permission: m.permission,
      mappingStatus: m.mappingStatus,
      authorisationId: a.authorisationId,
    })),
  );
  const requested = requestedPermissions(originalRequest);
  const labelOf = (status: string | null, actorType: string) =>
    status === null ? null : PORTAL_STATUS_LABELS[portalStatusOf(status, actorType)];
  return {
    ...consentSummary(detail),
    apiFamily: detail.consent.apiFamily,
    kind: detail.consent.kind,
    frequency: detail.consent.frequency,
    recurringIndicator: detail.consent.recurringIndicator,
    lastUsageAt: iso(detail.consent.lastUsageAt),
    customer: detail.customer && {
      customerId: detail.customer.customerId,
      username: detail.customer.username,
      firstName: detail.customer.firstName,
      lastName: detail.customer.lastName,
    },
    permissions: requested.length > 0 ? requested : [...new Set(accounts.map((a) => a.permission))],
    accounts,
    attributes: detail.attributes,
    authorisations: detail.authorisations.map((a) => ({
      authorisationId: a.authorisationId,
      userId: a.userId,
      type: a.type,
      status: a.status,
      updatedAt: iso(a.updatedAt),
      mappings: a.mappings.map((m) => ({ ...m })),
    })),
    originalRequest,
    history: detail.history.map((h) => ({
      at: iso(h.at),
      fromStatus: h.fromStatus,
      toStatus: h.toStatus,
      fromLabel: labelOf(h.fromStatus, h.actor.type),
      toLabel: labelOf(h.toStatus, h.actor.type),
      reason: h.reason,
      actorType: h.actor.type,
      actorId: h.actor.id,
    })),
  };
}

function birthdayOf(profile: CustomerProfile): string | null {
  return profile.customer.additionalInfo.find((a) => a.key === 'birthday')?.value ?? null;
}

export function customerSummary(profile: CustomerProfile) {
  const { customer, partner } = profile;
  return {
    customerId: customer.customerId,
    customerUri: customerUriOf(partner, customer),
    username: customer.username,
    firstName: customer.firstName,
    lastName: customer.lastName,
    email: customer.email,
    phone: customer.phone,
    address: {
      address1: customer.address1,
      address2: customer.address2,
      city: customer.city,
      state: customer.state,
      zip: customer.zip,
      country: customer.country,
    },
    birthday: birthdayOf(profile),
    createdAt: iso(customer.createdAt),
    active: customer.active,
    locked: customer.locked,
    issuingPartner: { clientId: partner.clientId, shortName: partner.shortName },
  };
}

function deviceView(device: CustomerDevice) {
  return {
    deviceId: device.deviceId,
    deviceName: device.deviceName,
    deviceType: device.deviceType,
    active: device.active,
    createdAt: iso(device.createdAt),
    lastSeenAt: iso(device.lastSeenAt),
  };
}

export function customerDetailView(profile: CustomerProfile, consents: PortalConsent[]) {
  const { customer } = profile;
  return {
    customer: {
      ...customerSummary(profile),
      emailPending: customer.emailPending,
      emailVerified: customer.emailVerified,
      failedLogins: customer.failedLogins,
      lastLoginAt: iso(customer.lastLoginAt),
      passwordChangedAt: iso(customer.passwordChangedAt),
      additionalInformation: customer.additionalInfo.map(({ key, value }) => ({ key, value })),
    },
    devices: profile.devices.map(deviceView),
    consents: consents.map(consentSummary),
  };
}

export function auditEventView(event: AuditEvent) {
  return {
    eventId: event.eventId,
    at: iso(event.at),
    actorType: event.actor.type,
    actorId: event.actor.id,
    action: event.action,
    targetType: event.targetType,
    targetId: event.targetId,
    details: event.details,
    interactionId: event.interactionId,
  };
}
