// The {code, message} error body of the admin and portal APIs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode } from '../../domain/errors.js';
import { resolveError } from './error-translation.js';

export type StatusMap = Record<ErrorCode, number>;

export function sendSimpleError(
  request: FastifyRequest,
  reply: FastifyReply,
  thrown: unknown,
  map: StatusMap,
) {
  const { error, status } = resolveError(request, thrown, map);
  const hidden = error.code === 'auth.invalid' || error.code === 'auth.locked';
  return reply
    .status(status)
    .type('application/json')
    .send({
      code: error.code,
      message:
        status >= 500
          ? 'An unexpected error occurred'
          : hidden
            ? 'The credentials are not valid'
            : error.message,
      ...(error.details.length > 0 && status < 500 ? { details: error.details } : {}),
      interactionId: request.id,
    });
}

export function installSimpleErrorHandling(app: FastifyInstance, map: StatusMap): void {
  app.setErrorHandler((error, request, reply) => sendSimpleError(request, reply, error, map));
  app.setNotFoundHandler((request, reply) =>
    sendSimpleError(request, reply, new DomainError('request.not_found'), map),
  );
}

/** The usual HTTP status of each code; APIs with this body format start from it. */
export const DEFAULT_STATUS: StatusMap = {
  'request.invalid': 400,
  'request.malformed': 400,
  'request.field_missing': 400,
  'request.field_invalid': 400,
  'request.date_invalid': 400,
  'request.header_missing': 400,
  'request.header_invalid': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'request.not_acceptable': 406,
  'request.method_not_allowed': 405,
  'request.not_found': 404,
  'request.rate_limited': 429,
  'auth.missing': 401,
  'auth.invalid': 401,
  'auth.locked': 401,
  'auth.forbidden': 403,
  'auth.csrf_failed': 403,
  'client.missing': 400,
  'client.unknown': 404,
  'client.exists': 409,
  'operator.unknown': 404,
  'operator.exists': 409,
  'consent.not_found': 404,
  'consent.invalid_transition': 409,
  'consent.not_revocable': 409,
  'consent.invalid_status': 409,
  'consent.expired': 409,
  'consent.file_hash_mismatch': 400,
  'consent.file_exists': 409,
  'consent.file_not_found': 404,
  'consent.not_file_payment': 400,
  'idempotency.key_missing': 400,
  'idempotency.key_invalid': 400,
  'idempotency.key_reused': 409,
  'customer.not_found': 404,
  'customer.exists': 409,
  'customer.criteria_missing': 400,
  'customer.unavailable': 403,
  'partner.unknown': 400,
  'device.not_found': 404,
  'customer.email_not_pending': 409,
  'customer.email_mismatch': 409,
  'token.invalid_client': 401,
  'token.unsupported_grant_type': 400,
  'token.invalid_scope': 400,
  'token.invalid': 401,
  'token.insufficient_scope': 403,
  'account.not_found': 404,
  'account.exists': 409,
  'account.customer_unknown': 400,
  'account.not_owned': 400,
  'psu.unknown': 400,
  'funds.user_mismatch': 400,
  'funds.debtor_account_mismatch': 400,
  'funds.currency_mismatch': 400,
  'bank.not_found': 404,
  'consumer.unknown': 401,
  'consumer.disabled': 401,
  'entitlement.missing': 403,
  'entitlement.exists': 409,
  'entitlement.not_found': 404,
  'entitlement.role_unknown': 400,
  'user.not_found': 404,
  'certificate.missing': 400,
  'certificate.invalid': 400,
  'consent_jwt.invalid': 401,
  'consent_jwt.not_yet_valid': 401,
  'consent_jwt.expired': 401,
  'otp.send_failed': 400,
  'consent.header_missing': 401,
  'consent.header_invalid': 400,
  'consent.sca_method_unsupported': 400,
  'consent.already_revoked': 400,
  'consent.roles_not_held': 400,
  'consent.views_not_held': 400,
  'consent.roles_forbidden': 400,
  'consent.ttl_too_long': 400,
  'consent.consumer_mismatch': 401,
  'consent.consumer_key_missing': 401,
  'consent.consumer_disabled': 401,
  'consent.consumer_unknown': 401,
  'consent.user_mismatch': 401,
  'consent.user_already_added': 400,
  'consent_request.not_found': 404,
  'consent_request.invalid': 400,
  'internal.unexpected': 500,
};
