import type { AppContext } from '../../context.js';

export function countConsentsByTypeAndStatus(ctx: AppContext) {
  return ctx.storage.repos.consentMaintenance.countByTypeAndStatus();
}
