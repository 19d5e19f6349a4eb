import type { AppContext } from '../../context.js';
import type { Actor, ConsentKind } from '../../domain/consent.js';
import { transitionConsent } from './transition-consent.js';

export interface RevokeConsentInput {
  kind: ConsentKind;
  consentId: string;
  clientId: string;
  actor: Actor;
  reason?: string;
}

/** Revokes a consent; revoking one already revoked changes nothing. Returns whether anything changed. */
export async function revokeConsent(ctx: AppContext, input: RevokeConsentInput): Promise<boolean> {
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const outcome = await transitionConsent(repos, {
      consentId: input.consentId,
      binding: { kind: input.kind, clientId: input.clientId },
      change: { status: 'Revoked' },
      actor: input.actor,
      reason: input.reason ?? 'Revoked',
      at: now,
    });
    return outcome.to !== outcome.from;
  });
}
