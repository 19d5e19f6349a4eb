// Which views and roles a new OBP consent grants (ref/README.md §8, create-time checks): with
// `everything` all the user holds (at `bank_id` when given), else exactly what was asked, each of which
// the user must already hold (views OBP-35014, roles OBP-35013); the entitlement-creating roles never
// (OBP-35033).
import type { AppContext } from '../../context.js';
import { holdsAnyRole, isAnyBankRole } from '../../domain/entitlement.js';
import { DomainError } from '../../domain/errors.js';
import type { ObpRoleGrant, ObpView } from '../../domain/obp-consent.js';
import { holdsView, viewsOf } from './account-views.js';

const FORBIDDEN_ROLES = ['CanCreateEntitlementAtOneBank', 'CanCreateEntitlementAtAnyBank'];

export interface GrantRequest {
  everything: boolean;
  bankId?: string;
  views: ObpView[];
  entitlements: ObpRoleGrant[];
}

export interface ConsentGrant {
  views: ObpView[];
  entitlements: ObpRoleGrant[];
}

export async function resolveConsentGrant(
  ctx: AppContext,
  customerId: string,
  request: GrantRequest,
): Promise<ConsentGrant> {
  const held = await ctx.storage.repos.entitlements.listForCustomer(customerId);
  if (request.everything) {
    const atBank = (bankId: string) => request.bankId === undefined || bankId === request.bankId;
    const views = (await viewsOf(ctx, customerId))
      .filter((v) => atBank(v.bankId))
      .map((v) => ({ bank_id: v.bankId, account_id: v.accountId, view_id: v.viewId }));
    const entitlements = held
      .filter((e) => !FORBIDDEN_ROLES.includes(e.roleName) && (e.bankId === '' || atBank(e.bankId)))
      .map((e) => ({ bank_id: e.bankId, role_name: e.roleName }));
    return { views, entitlements };
  }
  const forbidden = request.entitlements.filter((e) => FORBIDDEN_ROLES.includes(e.role_name));
  if (forbidden.length > 0) throw new DomainError('consent.roles_forbidden');
  const missingRoles = request.entitlements.filter(
    (e) => !holdsAnyRole(held, [e.role_name], isAnyBankRole(e.role_name) ? '' : e.bank_id),
  );
  if (missingRoles.length > 0)
    throw new DomainError(
      'consent.roles_not_held',
      missingRoles.map((e) => `${e.role_name}@${e.bank_id}`).join(', '),
    );
  for (const view of request.views) {
    const owned = await holdsView(ctx, customerId, {
      bankId: view.bank_id,
      accountId: view.account_id,
      viewId: view.view_id,
    });
    if (!owned) throw new DomainError('consent.views_not_held');
  }
  return {
    views: dedupe(request.views, (v) => `${v.bank_id}\n${v.account_id}\n${v.view_id}`),
    entitlements: dedupe(request.entitlements, (e) => `${e.bank_id}\n${e.role_name}`),
  };
}

function dedupe<T>(items: T[], key: (item: T) => string): T[] {
  const seen = new Map<string, T>();
  for (const item of items) if (!seen.has(key(item))) seen.set(key(item), item);
  return [...seen.values()];
}
