import type { AppContext } from '../../context.js';
import { clientNames, portalView, type PortalConsent } from './portal-consent-view.js';

/** A customer's consents (their user id is their username), newest first. */
export async function consentsOfUser(
  ctx: AppContext,
  userId: string,
  limit: number,
): Promise<PortalConsent[]> {
  const now = ctx.clock.now();
  const [{ rows }, names] = await Promise.all([
    ctx.storage.repos.portalConsentSearch.search({ userIds: [userId], now, limit, offset: 0, order: 'desc' }),
    clientNames(ctx),
  ]);
  return rows.map((row) => portalView(row.consent, row.revokedBy, names, now));
}
