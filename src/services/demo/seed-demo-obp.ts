// Demo data of the OBP API: the consumer is the demo client `demo-obp` (seed-demo.ts); the PSU is Olivia
// (latYxDdNJhzm, accounts 31820 and 31822), holding no roles; the manager is Morgan Manager (obpMgrDemo01,
// seed-demo-customers.ts), who holds the OBP management roles at the demo bank. Only adds what is missing
// (a database seeded before the manager existed keeps the roles it gave Olivia then).
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { grantEntitlement } from '../obp/entitlements.js';

export const DEMO_OBP_MANAGER = 'obpMgrDemo01';

const ROLES_AT_BANK = [
  'CanGetCustomer',
  'CanGetConsentsAtOneBank',
  'CanRevokeConsentAtBank',
  'CanUpdateConsentStatusAtOneBank',
  'CanUpdateConsentAccountAccessAtOneBank',
  'CanUpdateConsentUserAtOneBank',
];

const SYSTEM: Actor = { type: 'system', id: 'demo-data' };

export async function seedDemoObp(ctx: AppContext): Promise<void> {
  if (!(await ctx.storage.repos.customers.findById(DEMO_OBP_MANAGER))) return;
  const held = await ctx.storage.repos.entitlements.listForCustomer(DEMO_OBP_MANAGER);
  const bankId = ctx.config.obpBankId;
  for (const roleName of ROLES_AT_BANK) {
    if (held.some((e) => e.roleName === roleName && e.bankId === bankId)) continue;
    await grantEntitlement(ctx, DEMO_OBP_MANAGER, { bankId, roleName }, SYSTEM, null);
  }
}
