// OBP entitlements: roles a customer holds at one bank (bank_id) or at every bank (bank_id '').

export interface Entitlement {
  entitlementId: string;
  customerId: string;
  bankId: string;
  roleName: string;
  createdAt: number;
}

/** The OBP roles this server knows; an AtAnyBank role is held with bank_id ''. */
export const OBP_ROLES = [
  'CanGetConsentsAtOneBank',
  'CanGetConsentsAtAnyBank',
  'CanRevokeConsentAtBank',
  'CanUpdateConsentStatusAtOneBank',
  'CanUpdateConsentStatusAtAnyBank',
  'CanUpdateConsentAccountAccessAtOneBank',
  'CanUpdateConsentAccountAccessAtAnyBank',
  'CanUpdateConsentUserAtOneBank',
  'CanUpdateConsentUserAtAnyBank',
  'CanGetCustomer',
  'CanGetAnyUser',
  'CanCreateEntitlementAtOneBank',
  'CanCreateEntitlementAtAnyBank',
] as const;

export type ObpRole = (typeof OBP_ROLES)[number];

export function isObpRole(name: string): name is ObpRole {
  return (OBP_ROLES as readonly string[]).includes(name);
}

/** OBP: an AtAnyBank role is a system role, held without a bank. */
export function isAnyBankRole(role: string): boolean {
  return role.endsWith('AtAnyBank');
}

/**
 * Does any of `held` satisfy any of `required` at `bankId`? A bank-level role counts at its bank, a
 * system (AtAnyBank) role everywhere.
 */
export function holdsAnyRole(
  held: readonly Pick<Entitlement, 'bankId' | 'roleName'>[],
  required: readonly string[],
  bankId: string,
): boolean {
  return held.some(
    (e) => required.includes(e.roleName) && (isAnyBankRole(e.roleName) ? true : e.bankId === bankId),
  );
}
