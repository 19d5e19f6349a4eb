import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.js';
import { grantedScopes, scopesAllowedFor } from './oauth-scope.js';

describe('OAuth2 scopes', () => {
  it('follow the client roles', () => {
    expect(scopesAllowedFor(['CBPII'])).toEqual(['fundsconfirmations']);
    expect(scopesAllowedFor(['AISP', 'PISP'])).toEqual(['accounts', 'payments']);
    expect(scopesAllowedFor(['B2B_PARTNER'])).toEqual([]);
  });

  it('grant what is asked when allowed, everything allowed when nothing is asked', () => {
    expect(grantedScopes('fundsconfirmations', ['CBPII', 'AISP'])).toEqual(['fundsconfirmations']);
    expect(grantedScopes('payments  accounts', ['AISP', 'PISP'])).toEqual(['accounts', 'payments']);
    expect(grantedScopes(undefined, ['AISP', 'CBPII'])).toEqual(['accounts', 'fundsconfirmations']);
    expect(grantedScopes('', ['PISP'])).toEqual(['payments']);
  });

  it('refuse unknown and disallowed scopes with invalid_scope', () => {
    for (const [scope, roles] of [
      ['accounts', ['CBPII']],
      ['openid', ['AISP']],
      [undefined, ['B2B_PARTNER']],
    ] as const) {
      expect(() => grantedScopes(scope, [...roles])).toThrow(DomainError);
      try {
        grantedScopes(scope, [...roles]);
      } catch (error) {
        expect((error as DomainError).code).toBe('token.invalid_scope');
      }
    }
  });
});
