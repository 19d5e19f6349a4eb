import type { AppContext } from '../../context.js';
import type { IssuingPartner } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { Repositories } from '../../storage/storage.js';
import { ensureIssuingPartner } from './ensure-issuing-partner.js';

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
