// How the OBP API shows every domain error: `{"code": <http status>, "message": "OBP-xxxxx: <text>"}`
// (seed 003).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, ERROR_CODES } from '../../domain/errors.js';
import { resolveError } from '../kit/error-translation.js';
import type { ErrorMap } from '../kit/error-map.js';
import { OBP_MESSAGES, type ObpCode } from './obp-messages.js';

export interface ObpErrorMapping {
  status: number;
  obp: ObpCode;
  /** Never append the thrown message (credentials: do not say which part was wrong). */
  fixed?: boolean;
}

const LOCKED: ObpErrorMapping = { status: 401, obp: 'OBP-20013', fixed: true };

/** Codes without an OBP counterpart take OBP's generic message for their kind. */
export const OBP_API_ERRORS: ErrorMap<ObpErrorMapping> = {
  kinds: {
    invalid: { status: 400, obp: 'OBP-10001' },
    unauthenticated: { status: 401, obp: 'OBP-20001' },
    forbidden: { status: 403, obp: 'OBP-20006' },
    not_found: { status: 404, obp: 'OBP-10405' },
    method_not_allowed: { status: 405, obp: 'OBP-10404', fixed: true },
    not_acceptable: { status: 406, obp: 'OBP-10001' },
    conflict: { status: 400, obp: 'OBP-10009' },
    too_large: { status: 413, obp: 'OBP-10001' },
    unsupported_media_type: { status: 415, obp: 'OBP-10001' },
    rate_limited: { status: 429, obp: 'OBP-10018' },
    unexpected: { status: 500, obp: 'OBP-50000', fixed: true },
  },
  codes: {
    'request.not_found': { status: 404, obp: 'OBP-10404', fixed: true },
    // OBP's paging (createQueriesByHttpParams) answers its own codes for a bad limit / offset.
    'request.limit_invalid': { status: 400, obp: 'OBP-10025', fixed: true },
    'request.offset_invalid': { status: 400, obp: 'OBP-10024', fixed: true },
    'auth.invalid': { status: 401, obp: 'OBP-20004', fixed: true },
    'auth.locked': LOCKED,
    'consent.not_found': { status: 404, obp: 'OBP-35001', fixed: true },
    'consent.invalid_transition': { status: 400, obp: 'OBP-35025' },
    'consent.not_revocable': { status: 400, obp: 'OBP-35025' },
    'consent.invalid_status': { status: 401, obp: 'OBP-35005', fixed: true },
    'consent.expired': { status: 401, obp: 'OBP-35003', fixed: true },
    'customer.unavailable': LOCKED,
    'account.not_found': { status: 404, obp: 'OBP-30018', fixed: true },
    'psu.unknown': { status: 404, obp: 'OBP-20057', fixed: true },
    'bank.not_found': { status: 404, obp: 'OBP-30001', fixed: true },
    'consumer.unknown': { status: 401, obp: 'OBP-30019', fixed: true },
    'consumer.disabled': { status: 401, obp: 'OBP-20058', fixed: true },
    'user.not_found': { status: 404, obp: 'OBP-20057', fixed: true },
    'certificate.missing': { status: 400, obp: 'OBP-20306', fixed: true },
    'certificate.invalid': { status: 400, obp: 'OBP-20300' },
    'consent_jwt.invalid': { status: 401, obp: 'OBP-35004', fixed: true },
    'consent_jwt.not_yet_valid': { status: 401, obp: 'OBP-35002', fixed: true },
    'consent_jwt.expired': { status: 401, obp: 'OBP-35003', fixed: true },
    'otp.send_failed': { status: 400, obp: 'OBP-35010' },
    'consent.header_missing': { status: 401, obp: 'OBP-35008', fixed: true },
    'consent.header_invalid': { status: 400, obp: 'OBP-35032', fixed: true },
    'consent.sca_method_unsupported': { status: 400, obp: 'OBP-35009', fixed: true },
    'consent.already_revoked': { status: 400, obp: 'OBP-35012', fixed: true },
    'consent.roles_not_held': { status: 400, obp: 'OBP-35013' },
    'consent.views_not_held': { status: 400, obp: 'OBP-35014' },
    'consent.roles_forbidden': { status: 400, obp: 'OBP-35033', fixed: true },
    'consent.ttl_too_long': { status: 400, obp: 'OBP-35020', fixed: true },
    'consent.consumer_mismatch': { status: 401, obp: 'OBP-35015', fixed: true },
    'consent.consumer_key_missing': { status: 401, obp: 'OBP-35016', fixed: true },
    'consent.consumer_disabled': { status: 401, obp: 'OBP-35017', fixed: true },
    'consent.consumer_unknown': { status: 401, obp: 'OBP-35018', fixed: true },
    'consent.user_mismatch': { status: 401, obp: 'OBP-35023', fixed: true },
    'consent.user_already_added': { status: 400, obp: 'OBP-35024', fixed: true },
    'consent_request.not_found': { status: 404, obp: 'OBP-35028', fixed: true },
    'consent_request.invalid': { status: 400, obp: 'OBP-35029', fixed: true },
  },
};

/**
 * `OBP-xxxxx: <text>`, followed by what the thrown error says beyond its code's default (the missing roles,
 * the offending field), unless the mapping is fixed.
 */
export function obpMessage(mapping: ObpErrorMapping, error: DomainError): string {
  const base = `${mapping.obp}: ${OBP_MESSAGES[mapping.obp]}`;
  if (mapping.fixed || error.message === ERROR_CODES[error.code].message) return base;
  return `${base} ${error.message}`;
}

function sendObpError(request: FastifyRequest, reply: FastifyReply, thrown: unknown) {
  const { error, mapping } = resolveError<ObpErrorMapping>(request, thrown, OBP_API_ERRORS);
  return reply
    .status(mapping.status)
    .type('application/json')
    .send({ code: mapping.status, message: obpMessage(mapping, error) });
}

export function installObpErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendObpError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendObpError(request, reply, new DomainError('request.not_found')),
  );
}
