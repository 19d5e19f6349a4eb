// funds-confirmation-validation (seed 004): may this client use this consent for this PSU now?
import type { AppContext } from '../context.js';
import { RESOURCE_INFO } from '../domain/consent.js';
import { effectiveStatus } from '../domain/consent-lifecycle.js';
import { DomainError } from '../domain/errors.js';
import { getConsent } from './get-consent.js';

const RESOURCE = 'funds-confirmation-consents';

export interface FundsValidationInput {
  /** The client of the access token. */
  callerClientId: string;
  clientId: string;
  userId: string;
  consentId: string;
}

/** Resolves when the consent is Authorised, unexpired and bound to that client and user; throws the reason. */
export async function validateFundsConsent(ctx: AppContext, input: FundsValidationInput): Promise<void> {
  if (input.clientId !== input.callerClientId)
    throw new DomainError('request.field_invalid', 'clientId must be the client of the access token', [
      { path: 'clientId' },
    ]);
  const consent = await getConsent(ctx, RESOURCE, input.consentId, input.callerClientId);
  const now = ctx.clock.now();
  const { status } = effectiveStatus(RESOURCE_INFO[RESOURCE].family, consent, now);
  if (consent.expiresAt !== null && consent.expiresAt <= now)
    throw new DomainError('consent.expired', 'The consent has expired', [{ path: 'ConsentId' }]);
  if (status !== 'Authorised')
    throw new DomainError('consent.invalid_status', `The consent is ${status}, not Authorised`, [
      { path: 'ConsentId' },
    ]);
  if (consent.userId === null || consent.userId.toLowerCase() !== input.userId.trim().toLowerCase())
    throw new DomainError('funds.user_mismatch', 'The consent is not bound to this user', [
      { path: 'userId' },
    ]);
  ctx.usage.note(consent.consentId, now);
}
