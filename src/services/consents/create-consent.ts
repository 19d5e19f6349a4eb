import type { AppContext } from '../../context.js';
import { KIND_INFO, type Actor, type Consent, type ConsentKind } from '../../domain/consent.js';
import { asSeenAt } from '../../domain/consent-lifecycle.js';
import { checkConsentRequest, expiryOf, validFromOf } from '../../domain/consent-request-rules.js';
import { DomainError } from '../../domain/errors.js';
import { isUniqueViolation } from '../../storage/storage.js';
import { claimIdempotencyKey, findIdempotentReplay, type IdempotencyInput } from './idempotency.js';

export interface CreateConsentInput {
  kind: ConsentKind;
  clientId: string;
  /** The validated request body; stored as the receipt. */
  body: Record<string, unknown>;
  /** Only for idempotent resources (payments, file payments, VRP). */
  idempotency?: IdempotencyInput;
  actor: Actor;
}

export interface CreateConsentResult {
  /** The consent as readers see it now (an idempotent replay shows its current, lazily expired status). */
  consent: Consent;
  /** True when an idempotent replay returned the consent created by the first request. */
  replayed: boolean;
}

/** Creates a consent in its family's initial status, with its first history row and authorisation. */
export async function createConsent(
  ctx: AppContext,
  input: CreateConsentInput,
): Promise<CreateConsentResult> {
  const info = KIND_INFO[input.kind];
  const now = ctx.clock.now();
  const seenNow = (consent: Consent): Consent => asSeenAt(info.family, consent, now);
  if (info.idempotent && !input.idempotency) throw new DomainError('idempotency.key_missing');
  const scope = `create:${input.kind}`;
  try {
    return await ctx.storage.transaction(async (repos) => {
      if (info.idempotent && input.idempotency) {
        const replay = await findIdempotentReplay(ctx, repos, input.clientId, scope, input.idempotency);
        if (replay) {
          const existing = await repos.consents.findById(replay);
          if (existing) return { consent: seenNow(existing), replayed: true };
        }
      }
      checkConsentRequest(info.family, input.body, now, {
        strictPermissions: ctx.config.permissionRules === 'strict',
      });
      const consent: Consent = {
        consentId: ctx.ids.uuid(),
        kind: input.kind,
        consentType: info.consentType,
        apiFamily: info.apiFamily,
        clientId: input.clientId,
        status: info.initialStatus,
        receipt: JSON.stringify(input.body),
        createdAt: now,
        updatedAt: now,
        statusUpdatedAt: now,
        validFrom: validFromOf(input.body),
        expiresAt: expiryOf(info.family, input.body),
        // WSO2 creates every consent non-recurring (seed 002); the bank sets it with the internal PUT.
        recurringIndicator: false,
        frequency: 0,
        userId: null,
        lastUsageAt: null,
      };
      await repos.consentWriter.insert(consent);
      await repos.consentWriter.appendHistory({
        consentId: consent.consentId,
        fromStatus: null,
        toStatus: consent.status,
        reason: 'Consent created',
        actor: input.actor,
        at: now,
      });
      // WSO2 opens an authorisation resource for the PSU journey at creation.
      await repos.consentWriter.insertAuthorisation(
        {
          authorisationId: ctx.ids.uuid(),
          consentId: consent.consentId,
          userId: null,
          type: 'authorisation',
          status: 'Created',
          updatedAt: now,
          mappings: [],
        },
        now,
      );
      if (info.idempotent && input.idempotency) {
        await claimIdempotencyKey(ctx, repos, input.clientId, scope, input.idempotency, consent.consentId);
      }
      return { consent, replayed: false };
    });
  } catch (error) {
    // Two requests with one key raced: the loser replays the winner's consent.
    if (isUniqueViolation(error) && input.idempotency) {
      const record = await ctx.storage.repos.idempotency.find(
        input.clientId,
        scope,
        input.idempotency.key,
        now,
      );
      if (record && record.requestHash === input.idempotency.requestHash) {
        const existing = await ctx.storage.repos.consents.findById(record.resourceId);
        if (existing) return { consent: seenNow(existing), replayed: true };
      }
      throw new DomainError('idempotency.key_reused');
    }
    throw error;
  }
}
