import type { AppContext } from '../../context.js';
import {
  familyOf,
  type Actor,
  type Authorisation,
  type ConsentDetail,
  type ConsentKind,
} from '../../domain/consent.js';
import { asSeenAt } from '../../domain/consent-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
import { isUniqueViolation } from '../../storage/storage.js';
import { transitionConsent } from './transition-consent.js';
import { requireKnownPsu } from '../customers/require-known-psu.js';

export interface AuthorisationUpdate {
  authorisationId?: string;
  userId?: string | null;
  type: string;
  status: string;
  resources: { mappingId?: string; accountId: string; permission: string; mappingStatus: string }[];
}

/**
 * The bank's internal update (seed 002 "Update Behavior"): absent or null fields keep their value; for
 * attributes and authorisations an empty value deletes and a non-empty one replaces.
 */
export interface ConsentUpdate {
  consentId?: string | null;
  status?: string | null;
  /** Epoch seconds. */
  validityPeriod?: number | null;
  recurringIndicator?: boolean | null;
  consentFrequency?: number | null;
  receipt?: string | null;
  consentAttributes?: Record<string, string> | null;
  authorizationResources?: AuthorisationUpdate[] | null;
}

export async function updateConsent(
  ctx: AppContext,
  input: {
    kind: ConsentKind;
    consentId: string;
    clientId: string;
    update: ConsentUpdate;
    actor: Actor;
    interactionId?: string | null;
  },
): Promise<ConsentDetail> {
  const { update } = input;
  const family = familyOf(input.kind);
  if (update.consentId != null && update.consentId !== input.consentId) {
    throw new DomainError('request.field_invalid', 'consentID does not match the consent in the path', [
      { path: 'consentID' },
    ]);
  }
  let receipt: string | undefined;
  if (update.receipt != null) {
    try {
      const parsed: unknown = JSON.parse(update.receipt);
      if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed))
        throw new Error('not an object');
      receipt = JSON.stringify(parsed);
    } catch {
      throw new DomainError('request.field_invalid', 'receipt must be a JSON object serialised as a string', [
        { path: 'receipt' },
      ]);
    }
  }
  const now = ctx.clock.now();
  try {
    await ctx.storage.transaction(async (repos) => {
      const { consent } = await transitionConsent(repos, {
        consentId: input.consentId,
        binding: { kind: input.kind, clientId: input.clientId },
        change: update.status == null ? null : { status: update.status },
        actor: input.actor,
        reason: 'Status updated by the bank',
        at: now,
      });
      await repos.consentWriter.update(
        consent.consentId,
        {
          ...(receipt !== undefined ? { receipt } : {}),
          ...(update.validityPeriod != null
            ? { expiresAt: update.validityPeriod === 0 ? null : update.validityPeriod * 1000 }
            : {}),
          ...(update.recurringIndicator != null ? { recurringIndicator: update.recurringIndicator } : {}),
          ...(update.consentFrequency != null ? { frequency: update.consentFrequency } : {}),
        },
        now,
      );
      if (update.consentAttributes != null)
        await repos.consentWriter.replaceAttributes(consent.consentId, update.consentAttributes);
      if (update.authorizationResources != null) {
        // A PSU user id is a customer's username: bind only users the bank knows.
        for (const [index, a] of update.authorizationResources.entries()) {
          if (a.userId != null)
            await requireKnownPsu(repos, a.userId, `authorizationResources[${index}].userID`);
        }
        const authorisations: Authorisation[] = update.authorizationResources.map((a) => ({
          authorisationId: a.authorisationId ?? ctx.ids.uuid(),
          consentId: consent.consentId,
          userId: a.userId ?? null,
          type: a.type,
          status: a.status,
          updatedAt: now,
          mappings: a.resources.map((r) => ({
            mappingId: r.mappingId ?? ctx.ids.uuid(),
            accountId: r.accountId,
            permission: r.permission,
            mappingStatus: r.mappingStatus,
          })),
        }));
        await repos.consentWriter.replaceAuthorisations(consent.consentId, authorisations, now);
        // The primary user is the first authorisation's user (what the portal and validation search by).
        const primary = authorisations.find((a) => a.userId)?.userId ?? null;
        await repos.consentWriter.update(consent.consentId, { userId: primary }, now);
      }
      await repos.audit.append({
        actor: input.actor,
        action: 'consent.updated',
        targetType: 'consent',
        targetId: consent.consentId,
        details: { fields: Object.keys(update).filter((k) => update[k as keyof ConsentUpdate] != null) },
        interactionId: input.interactionId ?? null,
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError(
        'request.field_invalid',
        'authorizationID and mappingID values must be unique and must not belong to another consent',
        [{ path: 'authorizationResources' }],
      );
    }
    throw error;
  }
  const detail = await ctx.storage.repos.consents.findDetail(input.consentId);
  return {
    ...detail!,
    consent: asSeenAt(family, detail!.consent, ctx.clock.now()),
  };
}
