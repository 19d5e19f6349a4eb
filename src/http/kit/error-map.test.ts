import { describe, expect, it } from 'vitest';
import { ERROR_CODES, type ErrorCode } from '../../domain/errors.js';
import { COF_API_ERRORS } from '../funds-confirmation-api/errors.js';
import { MANAGE_API_ERRORS } from '../manage-api/errors.js';
import { OB_ERRORS } from '../ob/ob-error-map.js';
import { mappingOf, STATUS_OF_KIND, type ErrorMap } from './error-map.js';
import { SIMPLE_ERRORS } from './simple-errors.js';

const CODES = Object.keys(ERROR_CODES) as ErrorCode[];

describe('mappingOf', () => {
  const base: ErrorMap<number> = { kinds: STATUS_OF_KIND, codes: { 'consent.not_found': 400 } };
  const api: ErrorMap<number> = { base, codes: { 'consent.expired': 410 } };

  it('takes the API own code first, then its base, then the kind', () => {
    expect(mappingOf(api, 'consent.expired')).toBe(410);
    expect(mappingOf(api, 'consent.not_found')).toBe(400);
    expect(mappingOf(api, 'customer.not_found')).toBe(404);
    expect(mappingOf(api, 'internal.unexpected')).toBe(500);
  });

  it('shows every code of the {code, message} format as its kind', () => {
    for (const code of CODES)
      expect(mappingOf(SIMPLE_ERRORS, code)).toBe(STATUS_OF_KIND[ERROR_CODES[code].kind]);
  });

  it('funds confirmation differs from the OB defaults only by its 404 for an unknown consent', () => {
    const differing = CODES.filter((c) => mappingOf(COF_API_ERRORS, c) !== mappingOf(OB_ERRORS, c));
    expect(differing).toEqual(['consent.not_found']);
    expect(mappingOf(COF_API_ERRORS, 'consent.not_found')).toEqual({
      status: 404,
      errorCode: 'UK.OBIE.Resource.NotFound',
    });
    expect(CODES.every((c) => mappingOf(MANAGE_API_ERRORS, c) === mappingOf(OB_ERRORS, c))).toBe(true);
  });
});
