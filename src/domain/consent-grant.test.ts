import { describe, expect, it } from 'vitest';
import { grantCoverage, grantProblem, type Grant } from './consent-grant.js';

// Ann's authorisation maps account 1 (read balances) and 2 (read accounts); Bob's maps account 3.
const grants: Grant[] = [
  { userId: 'ann', accountId: '1', permission: 'ReadBalances' },
  { userId: 'ann', accountId: '2', permission: 'ReadAccountsBasic' },
  { userId: 'bob', accountId: '3', permission: 'ReadBalances' },
  { userId: 'cat', accountId: null, permission: null },
];

describe('grantCoverage', () => {
  it.each([
    [{}, { userAuthorised: false, accountMapped: false, permissionGranted: false }],
    [{ userId: 'ann' }, { userAuthorised: true, accountMapped: false, permissionGranted: false }],
    [{ userId: 'cat' }, { userAuthorised: true, accountMapped: false, permissionGranted: false }],
    [
      { userId: 'ann', accountId: '1' },
      { userAuthorised: true, accountMapped: true, permissionGranted: false },
    ],
    [
      { userId: 'ann', accountId: '1', permission: 'ReadBalances' },
      { userAuthorised: true, accountMapped: true, permissionGranted: true },
    ],
    // The permission must be granted on that account, the account mapped under that user.
    [
      { userId: 'ann', accountId: '2', permission: 'ReadBalances' },
      { userAuthorised: true, accountMapped: true, permissionGranted: false },
    ],
    [
      { userId: 'ann', accountId: '3' },
      { userAuthorised: true, accountMapped: false, permissionGranted: false },
    ],
    [
      { userId: 'dan', accountId: '1' },
      { userAuthorised: false, accountMapped: false, permissionGranted: false },
    ],
    // Without a user, any authorisation's mapping counts.
    [
      { accountId: '3', permission: 'ReadBalances' },
      { userAuthorised: false, accountMapped: true, permissionGranted: true },
    ],
  ] as const)('%o', (query, coverage) => {
    expect(grantCoverage(grants, query)).toEqual(coverage);
  });

  it('names the first thing not covered, or nothing', () => {
    const query = { userId: 'ann', accountId: '2', permission: 'ReadBalances' };
    expect(grantProblem(query, grantCoverage(grants, query))).toEqual({
      code: 'auth.forbidden',
      message: 'The permission was not granted',
    });
    expect(grantProblem({ userId: 'dan' }, grantCoverage(grants, { userId: 'dan' }))?.message).toBe(
      'The user holds no active authorisation on this consent',
    );
    expect(grantProblem({}, grantCoverage(grants, {}))).toBeUndefined();
  });
});
