// updateConsentStatusByConsent (management): any ConsentStatus name of seed 003; the OBP names and their
// Berlin Group / UK twins are moved through the one status step where the OBP table allows it
// (OBP-35025 otherwise); an unknown consent is 404 OBP-35001.
import type { AppContext } from '../../context.js';
import type { Actor, ObpStatus } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { transitionConsent } from '../consents/transition-consent.js';
import { loadObpConsent, type ObpConsentView } from './load-obp-consent.js';

/** Seed 003's status names and the OBP status each one means. */
const OBP_STATUS_OF: Record<string, ObpStatus> = {
  INITIATED: 'INITIATED',
  RECEIVED: 'INITIATED',
  AWAITINGAUTHORISATION: 'INITIATED',
  ACCEPTED: 'ACCEPTED',
  VALID: 'ACCEPTED',
  AUTHORISED: 'ACCEPTED',
  REJECTED: 'REJECTED',
  REVOKED: 'REVOKED',
  REVOKEDBYPSU: 'REVOKED',
  TERMINATEDBYTPP: 'REVOKED',
  EXPIRED: 'EXPIRED',
};

export function obpStatusOf(name: string): ObpStatus {
  const status = OBP_STATUS_OF[name.toUpperCase()];
  if (status === undefined)
    throw new DomainError(
      'request.field_invalid',
      `status must be one of ${Object.keys(OBP_STATUS_OF).join(', ')}`,
      [{ path: 'status' }],
    );
  return status;
}

export async function updateObpConsentStatus(
  ctx: AppContext,
  input: { consentId: string; status: string; actor: Actor; reason: string },
): Promise<ObpConsentView> {
  const status = obpStatusOf(input.status);
  await ctx.storage.transaction(async (repos) => {
    await loadObpConsent(ctx, input.consentId, repos);
    await transitionConsent(repos, {
      consentId: input.consentId,
      binding: { kind: 'obp' },
      change: { status },
      actor: input.actor,
      reason: input.reason,
      at: ctx.clock.now(),
    });
  });
  return loadObpConsent(ctx, input.consentId);
}
