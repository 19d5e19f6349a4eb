export const OPERATOR_ROLES = ['admin', 'consent-manager', 'customer-care-officer'] as const;
export type OperatorRole = (typeof OPERATOR_ROLES)[number];

export interface Operator {
  operatorId: string;
  username: string;
  roles: OperatorRole[];
  active: boolean;
  failedLogins: number;
  lockedUntil: number | null;
  /** A service account (the bank gateway): never locked account-wide by failed logins (issue 13 item 2). */
  serviceAccount: boolean;
  /** CIDR networks this account may log in from; empty: anywhere. */
  allowedSources: string[];
  createdAt: number;
  updatedAt: number;
}

export function hasAnyRole(operator: Pick<Operator, 'roles'>, roles: readonly OperatorRole[]): boolean {
  return operator.roles.some((role) => roles.includes(role));
}

/**
 * After too many consecutive failures an account is locked for a while (DESIGN.md §4): the limit, and
 * until when an attempt that reaches it at `now` locks the account.
 */
export function lockPolicyAt(
  now: number,
  policy: { maxFailedLogins: number; lockoutMinutes: number },
): { limit: number; lockUntil: number } {
  return { limit: policy.maxFailedLogins, lockUntil: now + policy.lockoutMinutes * 60_000 };
}

export function isLockedAt(lockedUntil: number | null, now: number): boolean {
  return lockedUntil !== null && lockedUntil > now;
}
