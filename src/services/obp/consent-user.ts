// The OBP user a call under a consent runs as: the consent's PSU with exactly the consent's entitlements
// and views (not everything the PSU holds).
import type { AppContext } from '../../context.js';
import type { Entitlement } from '../../domain/entitlement.js';
import { getObpUser, type ObpUserRecord } from './current-user.js';
import type { CallConsent } from './resolve-call-consent.js';

export async function consentUser(ctx: AppContext, call: CallConsent): Promise<ObpUserRecord> {
  const user = await getObpUser(ctx, call.customerId);
  const entitlements: Entitlement[] = call.obp.entitlements.map((e, index) => ({
    // Entitlements granted through a consent have no row of their own: named after the consent.
    entitlementId: `${call.consent.consentId}-${index + 1}`,
    customerId: call.customerId,
    bankId: e.bank_id,
    roleName: e.role_name,
    createdAt: call.consent.createdAt,
  }));
  const views = call.obp.views.map((v) => ({
    bankId: v.bank_id,
    accountId: v.account_id,
    viewId: v.view_id,
  }));
  return { customer: user.customer, entitlements, views };
}
