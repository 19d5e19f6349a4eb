// "Does this consent's grant cover this user, account and permission?" The rule every validating API asks
// (the gateway's validate call now, OBP consent checks next), over what the consent's active
// authorisations grant: one row per active authorisation x active account mapping.

export interface Grant {
  userId: string | null;
  /** Null when the authorisation maps no account. */
  accountId: string | null;
  permission: string | null;
}

export interface GrantQuery {
  userId?: string;
  accountId?: string;
  permission?: string;
}

export interface GrantCoverage {
  /** The user holds an active authorisation. */
  userAuthorised: boolean;
  /** The account is mapped under that user's authorisation (anyone's, when no user is asked about). */
  accountMapped: boolean;
  /** The permission was granted on that account (any account, when none is asked about). */
  permissionGranted: boolean;
}

/**
 * Each check narrows the one before: the account must be mapped under the user's own active authorisation,
 * the permission granted on that account, never on someone else's. A plain loop: this runs on every
 * gateway call.
 */
export function grantCoverage(grants: readonly Grant[], query: GrantQuery): GrantCoverage {
  const { userId, accountId, permission } = query;
  let userAuthorised = false;
  let accountMapped = false;
  let permissionGranted = false;
  for (const grant of grants) {
    if (grant.userId === (userId ?? '')) userAuthorised = true;
    if (userId !== undefined && grant.userId !== userId) continue;
    if (grant.accountId === (accountId ?? '')) accountMapped = true;
    if ((accountId === undefined || grant.accountId === accountId) && grant.permission === (permission ?? ''))
      permissionGranted = true;
  }
  return { userAuthorised, accountMapped, permissionGranted };
}

export interface GrantProblem {
  code: 'auth.forbidden';
  message: string;
}

/** Why the grant does not cover what was asked about, or undefined when it does. */
export function grantProblem(query: GrantQuery, coverage: GrantCoverage): GrantProblem | undefined {
  if (query.userId !== undefined && !coverage.userAuthorised)
    return { code: 'auth.forbidden', message: 'The user holds no active authorisation on this consent' };
  if (query.accountId !== undefined && !coverage.accountMapped)
    return { code: 'auth.forbidden', message: 'The account is not mapped to this consent' };
  if (query.permission !== undefined && !coverage.permissionGranted)
    return { code: 'auth.forbidden', message: 'The permission was not granted' };
  return undefined;
}
