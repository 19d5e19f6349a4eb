// The B2B identity of an issuing partner: created on first use, so any B2B_PARTNER client with a short
// name (see createClient) becomes usable without a separate set-up step.
import type { AppContext } from '../context.js';
import type { Actor } from '../domain/consent.js';
import type { IssuingPartner } from '../domain/customer.js';
import { DomainError } from '../domain/errors.js';
import type { Repositories } from '../storage/storage.js';

/** The partner's identity, created with fresh uuids when missing; undefined when not a usable partner. */
export async function ensureIssuingPartner(
  ctx: AppContext,
  repos: Repositories,
  clientId: string,
  now: number,
): Promise<IssuingPartner | undefined> {
  const found = await repos.issuingPartners.findByClientId(clientId);
  if (found) return found;
  const client = await repos.clients.findById(clientId);
  if (!client || !client.roles.includes('B2B_PARTNER') || client.shortName === null) return undefined;
  await repos.issuingPartners.insertIfMissing({
    clientId,
    issuingPartnerUuid: ctx.ids.uuid(),
    partnerUuid: ctx.ids.uuid(),
    maxFailedLogins: null,
    failedLogins: 0,
    lockedUntil: null,
    createdAt: now,
    updatedAt: now,
  });
  return repos.issuingPartners.findByClientId(clientId);
}

/** ensureIssuingPartner for use cases that need one: throws `orElse()` when the client is not a partner. */
export async function requireIssuingPartner(
  ctx: AppContext,
  repos: Repositories,
  clientId: string,
  now: number,
  orElse: () => DomainError = () =>
    new DomainError('partner.unknown', 'No issuing partner (B2B_PARTNER with a shortName)'),
): Promise<IssuingPartner> {
  const partner = await ensureIssuingPartner(ctx, repos, clientId, now);
  if (!partner) throw orElse();
  return partner;
}

/** Wrong customer passwords allowed before a wallet of this partner locks. */
export function walletLoginLimit(ctx: AppContext, partner: Pick<IssuingPartner, 'maxFailedLogins'>): number {
  return partner.maxFailedLogins ?? ctx.config.maxFailedLogins;
}

export async function getIssuingPartner(ctx: AppContext, clientId: string): Promise<IssuingPartner> {
  return ctx.storage.transaction((repos) => requireIssuingPartner(ctx, repos, clientId, ctx.clock.now()));
}

/** Sets (or, with null, clears back to MAX_FAILED_LOGINS) the partner's wallet lockout limit. */
export async function updateIssuingPartner(
  ctx: AppContext,
  clientId: string,
  changes: { maxFailedLogins: number | null },
  actor: Actor,
  interactionId: string | null,
): Promise<IssuingPartner> {
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const before = await requireIssuingPartner(ctx, repos, clientId, now);
    await repos.issuingPartners.update(clientId, changes, now);
    await repos.audit.append({
      actor,
      action: 'partner.updated',
      targetType: 'partner',
      targetId: clientId,
      details: { before: { maxFailedLogins: before.maxFailedLogins }, after: changes },
      interactionId,
      at: now,
    });
    return (await repos.issuingPartners.findByClientId(clientId))!;
  });
}
