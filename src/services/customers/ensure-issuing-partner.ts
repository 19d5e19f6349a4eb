// The B2B identity of an issuing partner: created on first use, so any B2B_PARTNER client with a short
// name (see createClient) becomes usable without a separate set-up step.
import type { AppContext } from '../../context.js';
import type { IssuingPartner } from '../../domain/customer.js';
import type { Repositories } from '../../storage/storage.js';

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
