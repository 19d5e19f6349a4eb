// The Customer Care portal's consent use cases (seed 000): search every TPP's consents, open one with its
// bindings and history, and revoke one for the customer. Statuses are shown as readers see them now (lazy
// expiry) and named as the portal names them (domain/portal-status.ts).
import type { AppContext } from '../context.js';
import type { StatusHistoryRow } from '../storage/repositories/consent-repository.js';
import type { CustomerRecord } from '../storage/repositories/customer-repository.js';
import { RESOURCE_INFO, type Actor, type Consent, type ConsentDetail } from '../domain/consent.js';
import { asSeenAt, isRevocableFamily, TRANSITIONS } from '../domain/consent-lifecycle.js';
import { DomainError, isDomainError } from '../domain/errors.js';
import {
  PORTAL_CONSENT_TYPES,
  portalStatusConditions,
  portalStatusOf,
  type PortalConsentType,
  type PortalStatus,
} from '../domain/portal-status.js';
import { isConsentId } from './consent-access.js';
import { revokeLoadedConsent } from './revoke-consent.js';

export interface PortalConsentSearch {
  consentType: PortalConsentType;
  userId?: string;
  clientId?: string;
  status?: PortalStatus;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
  order: 'asc' | 'desc';
}

/** A consent as an officer sees it now. */
export interface PortalConsent {
  consent: Consent;
  portalStatus: PortalStatus;
  clientName: string | null;
  revocable: boolean;
}

export interface PortalConsentDetail extends PortalConsent {
  attributes: ConsentDetail['attributes'];
  authorisations: ConsentDetail['authorisations'];
  history: StatusHistoryRow[];
  customer: CustomerRecord | null;
}

/** The consent with lazy expiry applied, its portal status, and whether an officer may revoke it now. */
export function portalView(
  consent: Consent,
  revokedBy: string | null,
  clientNames: ReadonlyMap<string, string>,
  now: number,
): PortalConsent {
  const family = RESOURCE_INFO[consent.resource].family;
  const seen = asSeenAt(family, consent, now);
  return {
    consent: seen,
    portalStatus: portalStatusOf(seen.status, revokedBy),
    clientName: clientNames.get(consent.clientId) ?? null,
    revocable:
      isRevocableFamily(family) &&
      TRANSITIONS[family][seen.status as keyof (typeof TRANSITIONS)[typeof family]]?.revoke !== undefined,
  };
}

async function clientNames(ctx: AppContext): Promise<Map<string, string>> {
  const clients = await ctx.storage.repos.clients.list();
  return new Map(clients.map((c) => [c.clientId, c.name]));
}

export async function searchPortalConsents(
  ctx: AppContext,
  search: PortalConsentSearch,
): Promise<{ total: number; items: PortalConsent[] }> {
  const now = ctx.clock.now();
  const [{ total, rows }, names] = await Promise.all([
    ctx.storage.repos.consentSearch.search({
      consentTypes: PORTAL_CONSENT_TYPES[search.consentType].consentTypes,
      ...(search.clientId !== undefined ? { clientIds: [search.clientId] } : {}),
      ...(search.userId !== undefined ? { userIds: [search.userId] } : {}),
      ...(search.status !== undefined ? { statuses: portalStatusConditions(search.status) } : {}),
      ...(search.from !== undefined ? { from: search.from } : {}),
      ...(search.to !== undefined ? { to: search.to } : {}),
      now,
      limit: search.limit,
      offset: search.offset,
      order: search.order,
    }),
    clientNames(ctx),
  ]);
  return { total, items: rows.map((row) => portalView(row.consent, row.revokedBy, names, now)) };
}

/** A customer's consents (their user id is their username), newest first. */
export async function consentsOfUser(
  ctx: AppContext,
  userId: string,
  limit: number,
): Promise<PortalConsent[]> {
  const now = ctx.clock.now();
  const [{ rows }, names] = await Promise.all([
    ctx.storage.repos.consentSearch.search({ userIds: [userId], now, limit, offset: 0, order: 'desc' }),
    clientNames(ctx),
  ]);
  return rows.map((row) => portalView(row.consent, row.revokedBy, names, now));
}

export async function getPortalConsent(ctx: AppContext, consentId: string): Promise<PortalConsentDetail> {
  if (!isConsentId(consentId)) throw new DomainError('consent.not_found');
  const repos = ctx.storage.repos;
  const detail = await repos.consents.findDetail(consentId);
  if (!detail) throw new DomainError('consent.not_found');
  const [history, names, customer] = await Promise.all([
    repos.consents.history(consentId),
    clientNames(ctx),
    detail.consent.userId === null ? undefined : repos.customers.findByUsername(detail.consent.userId),
  ]);
  const revoke = [...history].reverse().find((h) => h.toStatus === 'Revoked' || h.toStatus === 'REVOKED');
  return {
    ...portalView(detail.consent, revoke?.actor.type ?? null, names, ctx.clock.now()),
    attributes: detail.attributes,
    authorisations: detail.authorisations,
    history,
    customer: customer ?? null,
  };
}

/**
 * An officer revokes a consent for the customer, through the same revoke step as the TPP's DELETE: effective
 * at once for every API, with the officer and reason in the history and an audit event.
 */
export async function revokeConsentForCustomer(
  ctx: AppContext,
  input: { consentId: string; reason: string; officer: Actor; interactionId: string | null },
): Promise<PortalConsentDetail> {
  const reason = input.reason.trim();
  if (reason === '')
    throw new DomainError('request.field_invalid', 'Give the reason for the revocation', [
      { path: 'reason', message: 'The reason must not be blank' },
    ]);
  if (!isConsentId(input.consentId)) throw new DomainError('consent.not_found');
  const now = ctx.clock.now();
  try {
    await ctx.storage.transaction(async (repos) => {
      const consent = await repos.consents.findForUpdate(input.consentId);
      if (!consent) throw new DomainError('consent.not_found');
      const to = await revokeLoadedConsent(repos, consent, input.officer, reason, now);
      if (to === undefined)
        throw new DomainError('consent.invalid_transition', 'The consent is already revoked');
      await repos.audit.append({
        actor: input.officer,
        action: 'consent.revoked',
        targetType: 'consent',
        targetId: consent.consentId,
        details: { reason, clientId: consent.clientId, userId: consent.userId, fromStatus: consent.status },
        interactionId: input.interactionId,
        at: now,
      });
    });
  } catch (error) {
    if (isDomainError(error) && error.code === 'consent.not_revocable')
      throw new DomainError('consent.not_revocable', 'You cannot revoke a payment consent');
    throw error;
  }
  return getPortalConsent(ctx, input.consentId);
}
