import type { AppContext } from '../../context.js';
import type { IssuingPartner } from '../../domain/customer.js';

/** Wrong customer passwords allowed before a wallet of this partner locks. */
export function walletLoginLimit(ctx: AppContext, partner: Pick<IssuingPartner, 'maxFailedLogins'>): number {
  return partner.maxFailedLogins ?? ctx.config.maxFailedLogins;
}
