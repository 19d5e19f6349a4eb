import { describe, expect, it } from 'vitest';
import {
  activationChanges,
  changedValues,
  contactFieldProblems,
  emailVerificationChanges,
  entityUri,
  isValidEmail,
  isValidPhone,
  normalisePhone,
  parseEntityUri,
  pendingEmailAfterUpdate,
} from './customer.js';

describe('customer rules', () => {
  it.each([
    ['9991234444', '9991234444'],
    ['(999) 123-4444', '9991234444'],
    ['999.123.4444', '9991234444'],
    ['+1 999 123 4444', '9991234444'],
    ['19991234444', '9991234444'],
    ['+44 20 7946 0958', '442079460958'],
  ])('normalises phone %s to %s', (raw, key) => expect(normalisePhone(raw)).toBe(key));

  it('builds and parses the seed URIs', () => {
    const uri = entityUri('certnew', 'customer', 'bb3c20c6-456a-4484-891d-daaa2ee22da4');
    expect(uri).toBe('certnew:entity:customer#bb3c20c6-456a-4484-891d-daaa2ee22da4');
    expect(parseEntityUri(uri)).toEqual({
      namespace: 'certnew',
      kind: 'customer',
      uuid: 'bb3c20c6-456a-4484-891d-daaa2ee22da4',
    });
    expect(parseEntityUri('paydiant:entity:partner#5DF9BA6E-C3A5-4C7E-9F22-6812A069683A')?.uuid).toBe(
      '5df9ba6e-c3a5-4c7e-9f22-6812a069683a',
    );
    for (const bad of [
      '',
      'certnew',
      'certnew:entity:customer#',
      'certnew:entity:wallet#bb3c20c6-456a-4484-891d-daaa2ee22da4',
      'x:entity:customer#not-a-uuid-at-all-but-long-enough-xx',
    ])
      expect(parseEntityUri(bad)).toBeUndefined();
  });

  it.each([
    [{ active: true, locked: true, failedLogins: 5 }, false, { active: false }],
    [{ active: false, locked: true, failedLogins: 5 }, false, { active: false }],
    [
      { active: false, locked: true, failedLogins: 5 },
      true,
      { active: true, locked: false, failedLogins: 0 },
    ],
    [
      { active: false, locked: false, failedLogins: 2 },
      true,
      { active: true, locked: false, failedLogins: 0 },
    ],
    [{ active: true, locked: true, failedLogins: 5 }, true, { active: true }],
  ])('activation of %o with activate=%s changes %o', (customer, activate, changes) =>
    expect(activationChanges(customer, activate)).toEqual(changes),
  );

  it('validates contact fields', () => {
    expect(isValidEmail('olivia_wallet_user@hotmail.com')).toBe(true);
    expect(isValidEmail('olivia@')).toBe(false);
    expect(isValidPhone('9991234444')).toBe(true);
    expect(isValidPhone('+1 (999) 123-4444')).toBe(true);
    expect(isValidPhone('12345')).toBe(false);
    expect(isValidPhone('999-CALL-NOW')).toBe(false);
    expect(contactFieldProblems({ email: 'a@b.co', city: 'Newton', address2: '' })).toEqual([]);
    expect(contactFieldProblems({ email: 'nope', phone: 'x', city: ' ' }).map((p) => p.path)).toEqual([
      'email',
      'phone',
      'city',
    ]);
  });

  it('reports only changed values', () => {
    expect(changedValues({ a: 1, b: [1], c: 'x' }, { a: 1, b: [2], c: 'y' }, ['a', 'b', 'c'])).toEqual({
      before: { b: [1], c: 'x' },
      after: { b: [2], c: 'y' },
    });
  });

  it('keeps only the latest requested address pending; the current address cancels it', () => {
    const current = { email: 'Old@Example.com' };
    expect(pendingEmailAfterUpdate(current, ' new@example.com ')).toBe('new@example.com');
    expect(pendingEmailAfterUpdate(current, 'newer@example.com')).toBe('newer@example.com');
    expect(pendingEmailAfterUpdate(current, 'old@example.COM')).toBeNull();
  });

  it('confirms only the pending address, case-insensitively, keeping its spelling', () => {
    expect(emailVerificationChanges({ emailPending: 'New@Example.com' }, 'new@example.com', 42)).toEqual({
      email: 'New@Example.com',
      emailPending: null,
      emailVerified: true,
      emailVerifiedAt: 42,
    });
    expect(() => emailVerificationChanges({ emailPending: null }, 'new@example.com', 42)).toThrow(
      expect.objectContaining({ code: 'customer.email_not_pending' }),
    );
    expect(() =>
      emailVerificationChanges({ emailPending: 'newer@example.com' }, 'new@example.com', 42),
    ).toThrow(expect.objectContaining({ code: 'customer.email_mismatch' }));
  });
});
