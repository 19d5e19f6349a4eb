// The hot path: the gateway asks, on every data or payment call, whether a consent may be used now.
import type { AppContext } from '../../context.js';
import { familyOf, type ConsentKind, type ConsentStatus } from '../../domain/consent.js';
import { effectiveStatus, usabilityProblem } from '../../domain/consent-lifecycle.js';
import { grantCoverage, grantProblem } from '../../domain/consent-grant.js';
import type { ErrorCode } from '../../domain/errors.js';
import { isConsentId } from './load-bound-consent.js';

export interface ValidateConsentInput {
  consentId: string;
  clientId: string;
  userId?: string;
  accountId?: string;
  permission?: string;
}

export interface ValidateConsentResult {
  isValid: boolean;
  errorCode?: ErrorCode;
  errorMessage?: string;
  consentInformation?: {
    consentId: string;
    consentType: string;
    kind: ConsentKind;
    clientId: string;
    status: ConsentStatus;
    userId: string | null;
    expiresAt: number | null;
  };
}

export async function validateConsent(
  ctx: AppContext,
  input: ValidateConsentInput,
): Promise<ValidateConsentResult> {
  if (!isConsentId(input.consentId))
    return { isValid: false, errorCode: 'consent.not_found', errorMessage: 'The consent was not found' };
  const view = await ctx.storage.repos.consents.findValidationView(input.consentId);
  if (!view || view.consent.clientId !== input.clientId) {
    return { isValid: false, errorCode: 'consent.not_found', errorMessage: 'The consent was not found' };
  }
  const now = ctx.clock.now();
  const { consent } = view;
  const family = familyOf(consent.kind);
  const status = effectiveStatus(
    family,
    { status: consent.status, expiresAt: consent.expiresAt, statusUpdatedAt: now },
    now,
  ).status;
  const consentInformation = {
    consentId: consent.consentId,
    consentType: consent.consentType,
    kind: consent.kind,
    clientId: consent.clientId,
    status,
    userId: consent.userId,
    expiresAt: consent.expiresAt,
  };
  const problem =
    usabilityProblem(family, consent, now) ?? grantProblem(input, grantCoverage(view.grants, input));
  if (problem)
    return { isValid: false, errorCode: problem.code, errorMessage: problem.message, consentInformation };
  ctx.usage.note(consent.consentId, now, consent.lastUsageAt);
  return { isValid: true, consentInformation };
}
