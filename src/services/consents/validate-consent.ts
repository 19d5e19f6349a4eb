// The hot path: the gateway asks, on every data or payment call, whether a consent may be used now.
import type { AppContext } from '../../context.js';
import { isConsentResource, RESOURCE_INFO } from '../../domain/consent.js';
import { effectiveStatus, usabilityProblem } from '../../domain/consent-lifecycle.js';
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
    resource: string;
    clientId: string;
    status: string;
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
  const view = await ctx.storage.repos.consents.findValidationView(input.consentId, input);
  if (!view || view.consent.clientId !== input.clientId) {
    return { isValid: false, errorCode: 'consent.not_found', errorMessage: 'The consent was not found' };
  }
  const now = ctx.clock.now();
  const { consent } = view;
  const family = isConsentResource(consent.resource) ? RESOURCE_INFO[consent.resource].family : 'accounts';
  const status = effectiveStatus(
    family,
    { status: consent.status, expiresAt: consent.expiresAt, statusUpdatedAt: now },
    now,
  ).status;
  const consentInformation = {
    consentId: consent.consentId,
    consentType: consent.consentType,
    resource: consent.resource,
    clientId: consent.clientId,
    status,
    userId: consent.userId,
    expiresAt: consent.expiresAt,
  };
  const problem = usabilityProblem(consent, now) ?? grantProblem(input, view);
  if (problem)
    return { isValid: false, errorCode: problem.code, errorMessage: problem.message, consentInformation };
  ctx.usage.note(consent.consentId, now, consent.lastUsageAt);
  return { isValid: true, consentInformation };
}

/** Why the consent, usable as such, does not cover the user, account or permission asked about. */
function grantProblem(
  input: ValidateConsentInput,
  view: { userAuthorised: boolean; accountMapped: boolean; permissionGranted: boolean },
): { code: ErrorCode; message: string } | undefined {
  if (input.userId !== undefined && !view.userAuthorised)
    return { code: 'auth.forbidden', message: 'The user holds no active authorisation on this consent' };
  if (input.accountId !== undefined && !view.accountMapped)
    return { code: 'auth.forbidden', message: 'The account is not mapped to this consent' };
  if (input.permission !== undefined && !view.permissionGranted)
    return { code: 'auth.forbidden', message: 'The permission was not granted' };
  return undefined;
}
