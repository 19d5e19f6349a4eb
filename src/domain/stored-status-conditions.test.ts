import { describe, expect, it } from 'vitest';
import { CONSENT_KINDS } from './consent.js';
import { portalStatusFilter } from './portal-status.js';
import { storedStatusConditions } from './stored-status-conditions.js';

describe('storedStatusConditions', () => {
  it('a status that can lapse matches only live rows; its expired status also matches lapsed rows', () => {
    expect(storedStatusConditions(['accounts'], ['Authorised'])).toEqual([
      { statuses: ['Authorised'], expiry: 'live' },
    ]);
    expect(storedStatusConditions(['accounts'], ['Expired'])).toEqual([
      { statuses: ['Expired'], expiry: 'any' },
      { statuses: ['AwaitingAuthorisation', 'Authorised'], expiry: 'lapsed' },
    ]);
    expect(storedStatusConditions(['accounts'], ['Rejected', 'Revoked'])).toEqual([
      { statuses: ['Rejected', 'Revoked'], expiry: 'any' },
    ]);
  });

  it('across families: one IN-list per expiry, no kind restriction where the families agree', () => {
    expect(storedStatusConditions(CONSENT_KINDS, ['Expired', 'EXPIRED'])).toEqual([
      { statuses: ['Expired', 'EXPIRED'], expiry: 'any' },
      { statuses: ['AwaitingAuthorisation', 'Authorised', 'AwaitingUpload', 'ACCEPTED'], expiry: 'lapsed' },
    ]);
    // OBP's INITIATED does not lapse (its table has no expiry from it); the OBIE received statuses do.
    expect(storedStatusConditions(CONSENT_KINDS, ['AwaitingAuthorisation', 'INITIATED'])).toEqual([
      { statuses: ['AwaitingAuthorisation'], expiry: 'live' },
      { statuses: ['INITIATED'], expiry: 'any' },
    ]);
  });

  it('a status no family searched has matches nothing: no condition', () => {
    expect(storedStatusConditions(['obp'], ['Authorised'])).toEqual([]);
    expect(storedStatusConditions(CONSENT_KINDS, ['Nonsense'])).toEqual([]);
    expect(storedStatusConditions(['accounts'], ['Consumed'])).toEqual([]);
    expect(storedStatusConditions(['domestic-payment'], ['Consumed'])).toEqual([
      { statuses: ['Consumed'], expiry: 'any' },
    ]);
  });
});

describe('portalStatusFilter', () => {
  it('names the wire statuses of a portal status, and who revoked for the revoked ones', () => {
    expect(portalStatusFilter('Valid')).toEqual({ statuses: ['Authorised', 'ACCEPTED'] });
    expect(portalStatusFilter('PartiallyAuthorised')).toEqual({ statuses: [] });
    expect(portalStatusFilter('TerminatedByTPP')).toEqual({
      statuses: ['Revoked', 'REVOKED'],
      revokedBy: ['tpp'],
    });
    expect(portalStatusFilter('RevokedByPSU')).toEqual({
      statuses: ['Revoked', 'REVOKED'],
      revokedBy: ['psu', 'officer', 'bank', 'admin'],
    });
  });
});
