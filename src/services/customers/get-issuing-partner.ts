import type { AppContext } from '../../context.js';
import type { IssuingPartner } from '../../domain/customer.js';
import { requireIssuingPartner } from './require-issuing-partner.js';

export async function getIssuingPartner(ctx: AppContext, clientId: string): Promise<IssuingPartner> {
  return ctx.storage.transaction((repos) => requireIssuingPartner(ctx, repos, clientId, ctx.clock.now()));
}
