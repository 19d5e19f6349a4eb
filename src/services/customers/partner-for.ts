import type { AppContext } from '../../context.js';
import { type IssuingPartner } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { Repositories } from '../../storage/storage.js';
import { requireIssuingPartner } from './require-issuing-partner.js';

export async function partnerFor(
  ctx: AppContext,
  repos: Repositories,
  clientId: string,
): Promise<IssuingPartner> {
  // Authentication already admitted this client as a partner; losing it meanwhile is an auth failure.
  return requireIssuingPartner(ctx, repos, clientId, ctx.clock.now(), () => new DomainError('auth.invalid'));
}
