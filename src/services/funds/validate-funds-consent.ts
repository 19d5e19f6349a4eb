// funds-confirmation-validation (seed 004): may this client use this consent for this PSU now?
import type { AppContext } from '../../context.js';
import { familyOf } from '../../domain/consent.js';
import { usabilityProblem } from '../../domain/consent-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
import { loadBoundConsent } from '../consents/load-bound-consent.js';

const KIND = 'funds-confirmation';

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
  const now = ctx.clock.now();
  // Lazy expiry needs no effectiveStatus here: an expired consent is refused as expired before its status.
  const consent = await loadBoundConsent(ctx.storage.repos, input.consentId, {
    kind: KIND,
    clientId: input.callerClientId,
  });
  const problem = usabilityProblem(familyOf(KIND), consent, now);
  if (problem) throw new DomainError(problem.code, problem.message, [{ path: 'ConsentId' }]);
  if (consent.userId === null || consent.userId.toLowerCase() !== input.userId.trim().toLowerCase())
    throw new DomainError('funds.user_mismatch', 'The consent is not bound to this user', [
      { path: 'userId' },
    ]);
  ctx.usage.note(consent.consentId, now, consent.lastUsageAt);
}
