import type { AppContext } from '../../context.js';
import { portalViewsOf, type PortalConsent } from './portal-consent-view.js';
import { searchConsents } from './search-consents.js';

/** A customer's consents (their user id is their username), newest first. */
export async function consentsOfUser(
  ctx: AppContext,
  userId: string,
  limit: number,
): Promise<PortalConsent[]> {
  const { consents } = await searchConsents(ctx, { userIds: [userId], limit, offset: 0 });
  return portalViewsOf(ctx, consents, ctx.clock.now());
}
