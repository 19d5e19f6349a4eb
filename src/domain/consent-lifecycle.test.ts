import { describe, expect, it } from 'vitest';
import { OBIE_STATUSES, OBP_STATUSES, type ConsentFamily, type ConsentStatus } from './consent.js';
import {
  asSeenAt,
  authorisationStatusFor,
  CONSENT_EVENTS,
  TRANSITIONS,
  effectiveStatus,
  eventForStatus,
  expirableStatuses,
  expiredStatusOf,
  isRevocableFamily,
  mappingStatusFor,
  nextStatus,
  nextStatusForRequest,
  usabilityProblem,
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
  obp: {
    INITIATED: { authorise: 'ACCEPTED', reject: 'REJECTED', revoke: 'REVOKED' },
    ACCEPTED: { revoke: 'REVOKED', expire: 'EXPIRED' },
  },
};

// Every status of every family, so a family's table is also checked against the others' statuses.
const ALL_STATUSES: readonly ConsentStatus[] = [...OBIE_STATUSES, ...OBP_STATUSES];

const cases = (Object.keys(TRANSITIONS) as ConsentFamily[]).flatMap((family) =>
  ALL_STATUSES.flatMap((status) => CONSENT_EVENTS.map((event) => ({ family, status, event }))),
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
    expect(eventForStatus('accounts', 'Authorised')).toBe('authorise');
    expect(eventForStatus('accounts', 'Revoked')).toBe('revoke');
    expect(() => eventForStatus('accounts', 'AwaitingUpload')).toThrow(DomainError);
    expect(() => eventForStatus('accounts', 'Nonsense')).toThrow(DomainError);
    expect(eventForStatus('obp', 'ACCEPTED')).toBe('authorise');
    expect(eventForStatus('obp', 'REVOKED')).toBe('revoke');
    expect(() => eventForStatus('obp', 'Authorised')).toThrow('Status Authorised cannot be set directly');
    expect(() => eventForStatus('accounts', 'ACCEPTED')).toThrow('Status ACCEPTED cannot be set directly');
  });

  it('lists the statuses the expiry job may expire', () => {
    expect(expirableStatuses('accounts').sort()).toEqual(['Authorised', 'AwaitingAuthorisation']);
    expect(expirableStatuses('file-payments').sort()).toEqual([
      'Authorised',
      'AwaitingAuthorisation',
      'AwaitingUpload',
    ]);
    expect(expirableStatuses('obp')).toEqual(['ACCEPTED']);
    expect(expiredStatusOf('obp')).toBe('EXPIRED');
    expect(expiredStatusOf('payments')).toBe('Expired');
  });
});

describe('lazy expiry (effectiveStatus)', () => {
  const expiresAt = 1_000_000;
  const families = Object.keys(TRANSITIONS) as ConsentFamily[];
  const statusCases = families.flatMap((family) => ALL_STATUSES.map((status) => ({ family, status })));

  it.each(statusCases)('$family: $status past its expiry', ({ family, status }) => {
    const consent = { status, expiresAt, statusUpdatedAt: 5 };
    const expirable = expected[family][status]?.expire !== undefined;
    const expired = family === 'obp' ? 'EXPIRED' : 'Expired';
    expect(effectiveStatus(family, consent, expiresAt)).toEqual(
      expirable ? { status: expired, statusUpdatedAt: expiresAt } : { status, statusUpdatedAt: 5 },
    );
    expect(effectiveStatus(family, consent, expiresAt + 86_400_000).status).toBe(
      expirable ? expired : status,
    );
  });

  it('is not expired one millisecond before, nor ever without an expiry', () => {
    const consent = { status: 'Authorised' as const, expiresAt, statusUpdatedAt: 5 };
    expect(effectiveStatus('accounts', consent, expiresAt - 1)).toEqual({
      status: 'Authorised',
      statusUpdatedAt: 5,
    });
    expect(effectiveStatus('accounts', { ...consent, expiresAt: null }, Number.MAX_SAFE_INTEGER).status).toBe(
      'Authorised',
    );
  });
});

describe('revocability and target statuses', () => {
  it('only payment families are irrevocable', () => {
    expect(isRevocableFamily('accounts')).toBe(true);
    expect(isRevocableFamily('funds-confirmation')).toBe(true);
    expect(isRevocableFamily('vrp')).toBe(true);
    expect(isRevocableFamily('payments')).toBe(false);
    expect(isRevocableFamily('file-payments')).toBe(false);
    expect(isRevocableFamily('obp')).toBe(true);
  });

  it.each([
    ['AwaitingAuthorisation', 'upload_file'],
    ['Authorised', 'authorise'],
    ['Rejected', 'reject'],
    ['Revoked', 'revoke'],
    ['Expired', 'expire'],
    ['Consumed', 'consume'],
  ])('status %s is reached by %s', (status, event) => {
    expect(eventForStatus('file-payments', status)).toBe(event);
  });

  it('an illegal transition names the status and what it cannot do', () => {
    expect(() => nextStatus('accounts', 'Revoked', 'authorise')).toThrow(
      'A consent in status Revoked cannot be authorised',
    );
  });
});

describe('usability now', () => {
  const now = 1_000_000;

  it('an Authorised consent before its expiry may be used', () => {
    expect(usabilityProblem('accounts', { status: 'Authorised', expiresAt: now + 1 }, now)).toBeUndefined();
    expect(usabilityProblem('accounts', { status: 'Authorised', expiresAt: null }, now)).toBeUndefined();
  });

  it('expiry wins over the stored status, at the expiry instant itself', () => {
    expect(usabilityProblem('accounts', { status: 'Authorised', expiresAt: now }, now)).toEqual({
      code: 'consent.expired',
      message: 'The consent has expired',
    });
    expect(usabilityProblem('accounts', { status: 'Revoked', expiresAt: now - 1 }, now)?.code).toBe(
      'consent.expired',
    );
  });

  it('any other status is named', () => {
    expect(usabilityProblem('accounts', { status: 'AwaitingAuthorisation', expiresAt: null }, now)).toEqual({
      code: 'consent.invalid_status',
      message: 'The consent is AwaitingAuthorisation, not Authorised',
    });
  });

  it('an OBP consent is used when ACCEPTED', () => {
    expect(usabilityProblem('obp', { status: 'ACCEPTED', expiresAt: null }, now)).toBeUndefined();
    expect(usabilityProblem('obp', { status: 'Authorised', expiresAt: null }, now)?.message).toBe(
      'The consent is Authorised, not ACCEPTED',
    );
  });
});

describe('a requested status', () => {
  it('the current status is no change, even one nothing leads to', () => {
    expect(nextStatusForRequest('accounts', 'Revoked', 'Revoked')).toBe('Revoked');
  });

  it('another status goes through the transition table', () => {
    expect(nextStatusForRequest('funds-confirmation', 'AwaitingAuthorisation', 'Authorised')).toBe(
      'Authorised',
    );
    expect(() => nextStatusForRequest('accounts', 'Revoked', 'Authorised')).toThrow(
      'A consent in status Revoked cannot be authorised',
    );
    expect(() => nextStatusForRequest('payments', 'Authorised', 'Revoked')).toThrow(
      'Payment consents cannot be revoked',
    );
  });

  it('AwaitingAuthorisation is reached only by a file upload; an unknown status not at all', () => {
    expect(() => nextStatusForRequest('file-payments', 'AwaitingUpload', 'AwaitingAuthorisation')).toThrow(
      'A file-payment consent becomes AwaitingAuthorisation when its file is uploaded',
    );
    expect(() => nextStatusForRequest('funds-confirmation', 'Authorised', 'AwaitingAuthorisation')).toThrow(
      'A consent in status Authorised cannot',
    );
    expect(() => nextStatusForRequest('accounts', 'Authorised', 'Valid')).toThrow(
      'Status Valid cannot be set directly',
    );
  });
});

describe("a bound PSU's authorisation and account mappings", () => {
  it.each([
    ['AwaitingAuthorisation', 'Created', 'active'],
    ['Authorised', 'Authorised', 'active'],
    ['Rejected', 'Rejected', 'inactive'],
    ['Revoked', 'Revoked', 'inactive'],
    ['Expired', 'Created', 'inactive'],
  ] as const)('consent %s: authorisation %s, mappings %s', (consentStatus, authorisation, mapping) => {
    expect(authorisationStatusFor(consentStatus)).toBe(authorisation);
    expect(mappingStatusFor(consentStatus)).toBe(mapping);
  });
});

describe('a consent as seen now', () => {
  it('keeps every other field and applies lazy expiry to status and status time', () => {
    const consent = { consentId: 'c1', status: 'Authorised' as const, expiresAt: 500, statusUpdatedAt: 100 };
    expect(asSeenAt('accounts', consent, 499)).toEqual(consent);
    expect(asSeenAt('accounts', consent, 500)).toEqual({
      ...consent,
      status: 'Expired',
      statusUpdatedAt: 500,
    });
  });
});
