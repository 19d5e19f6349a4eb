// OBP entitlements (roles) of customers: granted and removed by admins, checked by OBP endpoints.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { holdsAnyRole, isAnyBankRole, isObpRole, type Entitlement } from '../../domain/entitlement.js';
import { DomainError } from '../../domain/errors.js';
import { isUniqueViolation } from '../../storage/storage.js';

export async function grantEntitlement(
  ctx: AppContext,
  customerId: string,
  input: { bankId: string; roleName: string },
  actor: Actor,
  interactionId: string | null,
): Promise<Entitlement> {
  if (!isObpRole(input.roleName))
    throw new DomainError('entitlement.role_unknown', `Unknown role name ${input.roleName}`, [
      { path: 'roleName' },
    ]);
  // OBP: an AtAnyBank role is a system role, held with bank_id ''; a bank role needs this server's bank.
  if (isAnyBankRole(input.roleName) ? input.bankId !== '' : input.bankId !== ctx.config.obpBankId)
    throw new DomainError(
      'request.field_invalid',
      isAnyBankRole(input.roleName)
        ? `${input.roleName} is held at every bank: bankId must be ""`
        : `bankId must be ${ctx.config.obpBankId}`,
      [{ path: 'bankId' }],
    );
  const entitlement: Entitlement = {
    entitlementId: randomUUID(),
    customerId,
    bankId: input.bankId,
    roleName: input.roleName,
    createdAt: ctx.clock.now(),
  };
  try {
    await ctx.storage.transaction(async (repos) => {
      if (!(await repos.customers.findById(customerId)))
        throw new DomainError('customer.not_found', 'No such customer');
      await repos.entitlements.insert(entitlement);
      await repos.audit.append({
        actor,
        action: 'entitlement.granted',
        targetType: 'customer',
        targetId: customerId,
        details: {
          entitlementId: entitlement.entitlementId,
          bankId: entitlement.bankId,
          roleName: entitlement.roleName,
        },
        interactionId,
        at: entitlement.createdAt,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError('entitlement.exists', `The customer already holds ${input.roleName} there`);
    throw error;
  }
  return entitlement;
}

export async function listEntitlements(ctx: AppContext, customerId: string): Promise<Entitlement[]> {
  if (!(await ctx.storage.repos.customers.findById(customerId)))
    throw new DomainError('customer.not_found', 'No such customer');
  return ctx.storage.repos.entitlements.listForCustomer(customerId);
}

export async function revokeEntitlement(
  ctx: AppContext,
  customerId: string,
  entitlementId: string,
  actor: Actor,
  interactionId: string | null,
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const entitlement = await repos.entitlements.findById(entitlementId);
    if (!entitlement || entitlement.customerId !== customerId) throw new DomainError('entitlement.not_found');
    await repos.entitlements.delete(entitlementId);
    await repos.audit.append({
      actor,
      action: 'entitlement.revoked',
      targetType: 'customer',
      targetId: customerId,
      details: { entitlementId, bankId: entitlement.bankId, roleName: entitlement.roleName },
      interactionId,
      at: now,
    });
  });
}

/**
 * Passes when the customer holds one of `roles` at `bankId` (an AtAnyBank role anywhere); otherwise
 * `entitlement.missing` naming them, which the OBP API shows as 403 OBP-20006
 * "User is missing one or more roles: CanX or CanY".
 */
export async function requireAnyRole(
  ctx: AppContext,
  customerId: string,
  bankId: string,
  roles: readonly string[],
): Promise<void> {
  const held = await ctx.storage.repos.entitlements.listForCustomer(customerId);
  if (!holdsAnyRole(held, roles, bankId)) throw new DomainError('entitlement.missing', roles.join(' or '));
}
