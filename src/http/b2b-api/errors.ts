// How the B2B Customer Care API shows every domain error: a FAILURE status envelope (seed 001),
// `{<operation>Response: {messageHeader, status: {statusCode: 'FAILURE', statusDescription, errors}}}`.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import type { ErrorMap } from '../kit/error-map.js';
import { resolveError } from '../kit/error-translation.js';
import { failureEnvelope, messageHeaderOf } from './mappers.js';

export interface B2bErrorMapping {
  status: number;
  code: string;
  /** Fixed wire message (hides details, e.g. for authentication failures). */
  message?: string;
}

const INVALID_CREDENTIALS = 'The partner credentials are not valid';
const UNAUTHORIZED = { status: 401, code: 'UNAUTHORIZED', message: INVALID_CREDENTIALS };

export const B2B_API_ERRORS: ErrorMap<B2bErrorMapping> = {
  kinds: {
    invalid: { status: 400, code: 'INVALID_FIELD' },
    unauthenticated: { status: 401, code: 'UNAUTHORIZED' },
    forbidden: { status: 403, code: 'FORBIDDEN' },
    not_found: { status: 404, code: 'NOT_FOUND' },
    method_not_allowed: { status: 405, code: 'METHOD_NOT_ALLOWED' },
    not_acceptable: { status: 406, code: 'NOT_ACCEPTABLE' },
    conflict: { status: 409, code: 'CONFLICT' },
    too_large: { status: 413, code: 'REQUEST_TOO_LARGE' },
    unsupported_media_type: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE' },
    rate_limited: { status: 429, code: 'RATE_LIMITED' },
    unexpected: { status: 500, code: 'INTERNAL_ERROR', message: 'An unexpected error occurred' },
  },
  codes: {
    'request.invalid': { status: 400, code: 'INVALID_REQUEST' },
    'request.malformed': { status: 400, code: 'MALFORMED_REQUEST' },
    'request.field_missing': { status: 400, code: 'MISSING_FIELD' },
    'request.header_missing': { status: 400, code: 'MISSING_HEADER' },
    'request.header_invalid': { status: 400, code: 'INVALID_HEADER' },
    'request.not_found': { status: 404, code: 'UNKNOWN_OPERATION' },
    'auth.invalid': UNAUTHORIZED,
    'auth.locked': UNAUTHORIZED,
    'client.missing': UNAUTHORIZED,
    'client.unknown': UNAUTHORIZED,
    'consent.not_file_payment': { status: 400, code: 'INVALID_REQUEST' },
    'idempotency.key_missing': { status: 400, code: 'MISSING_HEADER' },
    'idempotency.key_invalid': { status: 400, code: 'INVALID_HEADER' },
    'customer.not_found': { status: 404, code: 'CUSTOMER_NOT_FOUND' },
    'customer.exists': { status: 409, code: 'CUSTOMER_EXISTS' },
    'customer.criteria_missing': { status: 400, code: 'MISSING_SEARCH_CRITERIA' },
    'customer.unavailable': { status: 403, code: 'CUSTOMER_UNAVAILABLE' },
    'partner.unknown': { status: 400, code: 'PARTNER_NOT_FOUND' },
    'device.not_found': { status: 404, code: 'DEVICE_NOT_FOUND' },
    'token.invalid_client': UNAUTHORIZED,
    'token.unsupported_grant_type': { status: 400, code: 'INVALID_REQUEST' },
    'token.invalid_scope': { status: 400, code: 'INVALID_REQUEST' },
    'token.invalid': UNAUTHORIZED,
    'account.customer_unknown': { status: 404, code: 'CUSTOMER_NOT_FOUND' },
    'customer.email_not_pending': { status: 409, code: 'NO_PENDING_EMAIL' },
    'customer.email_mismatch': { status: 409, code: 'PENDING_EMAIL_MISMATCH' },
    'certificate.missing': { status: 400, code: 'MISSING_HEADER' },
    'certificate.invalid': { status: 400, code: 'INVALID_HEADER' },
    'otp.send_failed': { status: 400, code: 'DELIVERY_FAILED' },
    'consent.header_missing': { status: 401, code: 'MISSING_HEADER' },
    'consent.header_invalid': { status: 400, code: 'INVALID_HEADER' },
    'consent.already_revoked': { status: 400, code: 'CONFLICT' },
    'consent.consumer_key_missing': { status: 401, code: 'MISSING_HEADER' },
    'consent.user_already_added': { status: 400, code: 'CONFLICT' },
  },
};

// Never answer with more than this many error entries (a body with hundreds of bad fields).
const MAX_REPORTED_ERRORS = 20;

export function sendB2bError(request: FastifyRequest, reply: FastifyReply, thrown: unknown) {
  const { error, mapping } = resolveError<B2bErrorMapping>(request, thrown, B2B_API_ERRORS);
  const description = mapping.message ?? error.message;
  const errors =
    mapping.message === undefined && error.details.length > 0
      ? error.details
          .slice(0, MAX_REPORTED_ERRORS)
          .map((d) => ({ code: mapping.code, message: d.message ?? description }))
      : [{ code: mapping.code, message: description }];
  const operation = request.routeOptions.config?.b2bOperation;
  return reply
    .status(mapping.status)
    .type('application/json')
    .send(failureEnvelope(operation, messageHeaderOf(request.body, operation), description, errors));
}

export function installB2bErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => sendB2bError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendB2bError(request, reply, new DomainError('request.not_found', 'No such B2B operation')),
  );
}
