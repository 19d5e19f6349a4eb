import { describe, expect, it } from 'vitest';
import { OBIE_STATUSES, type ConsentFamily } from './consent.js';
import {
  CONSENT_EVENTS,
  TRANSITIONS,
  eventForStatus,
  expirableStatuses,
  nextStatus,
} from './consent-lifecycle.js';
import { DomainError } from './errors.js';

// Every (family, status, event) triple, with the expected outcome spelled out independently of the table.
const expected: Record<ConsentFamily, Record<string, Record<string, string>>> = {
  accounts: {
    AwaitingAuthorisation: {
      authorise: 'Authorised',
      reject: 'Rejected',
      revoke: 'Revoked',
      expire: 'Expired',
    },
    Authorised: { revoke: 'Revoked', expire: 'Expired' },
  },
  'funds-confirmation': {
    AwaitingAuthorisation: {
      authorise: 'Authorised',
      reject: 'Rejected',
      revoke: 'Revoked',
      expire: 'Expired',
    },
    Authorised: { revoke: 'Revoked', expire: 'Expired' },
  },
  vrp: {
    AwaitingAuthorisation: {
      authorise: 'Authorised',
      reject: 'Rejected',
      revoke: 'Revoked',
      expire: 'Expired',
    },
    Authorised: { revoke: 'Revoked', expire: 'Expired' },
  },
  payments: {
    AwaitingAuthorisation: {
      authorise: 'Authorised',
      reject: 'Rejected',
      expire: 'Expired',
      revoke: 'not_revocable',
    },
    Authorised: { consume: 'Consumed', expire: 'Expired', revoke: 'not_revocable' },
  },
  'file-payments': {
    AwaitingUpload: {
      upload_file: 'AwaitingAuthorisation',
      reject: 'Rejected',
      expire: 'Expired',
      revoke: 'not_revocable',
    },
    AwaitingAuthorisation: {
      authorise: 'Authorised',
      reject: 'Rejected',
      expire: 'Expired',
      revoke: 'not_revocable',
    },
    Authorised: { consume: 'Consumed', expire: 'Expired', revoke: 'not_revocable' },
  },
};

const cases = (Object.keys(TRANSITIONS) as ConsentFamily[]).flatMap((family) =>
  OBIE_STATUSES.flatMap((status) => CONSENT_EVENTS.map((event) => ({ family, status, event }))),
);

describe('consent lifecycle', () => {
  it.each(cases)('$family: $status + $event', ({ family, status, event }) => {
    const payments = family === 'payments' || family === 'file-payments';
    const outcome =
      expected[family][status]?.[event] ?? (payments && event === 'revoke' ? 'not_revocable' : 'invalid');
    if (outcome === 'invalid' || outcome === 'not_revocable') {
      let thrown: unknown;
      try {
        nextStatus(family, status, event);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(DomainError);
      expect((thrown as DomainError).code).toBe(
        outcome === 'invalid' ? 'consent.invalid_transition' : 'consent.not_revocable',
      );
    } else {
      expect(nextStatus(family, status, event)).toBe(outcome);
    }
  });

  it('maps target statuses to events and refuses statuses that cannot be set', () => {
    expect(eventForStatus('Authorised')).toBe('authorise');
    expect(eventForStatus('Revoked')).toBe('revoke');
    expect(() => eventForStatus('AwaitingUpload')).toThrow(DomainError);
    expect(() => eventForStatus('Nonsense')).toThrow(DomainError);
  });

  it('lists the statuses the expiry job may expire', () => {
    expect(expirableStatuses('accounts').sort()).toEqual(['Authorised', 'AwaitingAuthorisation']);
    expect(expirableStatuses('file-payments').sort()).toEqual([
      'Authorised',
      'AwaitingAuthorisation',
      'AwaitingUpload',
    ]);
  });
});
