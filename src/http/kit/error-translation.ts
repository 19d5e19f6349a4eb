// Turns anything thrown in a route into a DomainError and finds its mapping, so each API only shapes bodies.
import type { ErrorObject } from 'ajv';
import type { FastifyError, FastifyRequest } from 'fastify';
import { DomainError, type ErrorDetail } from '../../domain/errors.js';
import { mappingOf, type ErrorMap } from './error-map.js';
import { errorMessage, errorPath } from './strict-ajv.js';

function toDomainError(error: unknown, request: FastifyRequest): DomainError {
  if (error instanceof DomainError) return error;
  const e = error as FastifyError & { validation?: ErrorObject[]; validationContext?: string };
  if (e.validation) {
    const details: ErrorDetail[] = e.validation.map((v) => {
      const path = errorPath(v);
      return { path: path || undefined, message: errorMessage(v, path) };
    });
    const code = details.some((d) => d.message?.endsWith('is required'))
      ? e.validationContext === 'headers'
        ? 'request.header_missing'
        : 'request.field_missing'
      : e.validationContext === 'headers'
        ? 'request.header_invalid'
        : 'request.field_invalid';
    return new DomainError(code, details[0]?.message, details);
  }
  switch (e.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new DomainError(
        'request.unsupported_media_type',
        // Fastify's message does not name the type; the caller should see what it sent.
        `Unsupported Content-Type: ${(request.headers['content-type'] ?? 'none').split(';')[0]!.trim()}`,
      );
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new DomainError('request.too_large');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new DomainError('request.malformed', 'The request body is empty');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new DomainError('request.malformed', 'Content-Length does not match the body');
    default:
      break;
  }
  if (e.statusCode === 429) return new DomainError('request.rate_limited', e.message);
  if (
    e instanceof SyntaxError ||
    e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' ||
    (e.statusCode === 400 && /JSON/i.test(e.message))
  ) {
    return new DomainError('request.malformed', 'The request body is not valid JSON');
  }
  if (e.statusCode === 400) return new DomainError('request.invalid', e.message);
  if (e.statusCode === 404) return new DomainError('request.not_found');
  if (e.statusCode === 405) return new DomainError('request.method_not_allowed');
  if (e.statusCode === 406) return new DomainError('request.not_acceptable');
  if (e.statusCode === 415) return new DomainError('request.unsupported_media_type');
  return new DomainError('internal.unexpected');
}

/** An API's wire mapping of a code: its HTTP status, or an object naming it with the rest of the wire form. */
export type ErrorMapping = number | { status: number };

/**
 * What a thrown value is as a domain error and how `map` shows it, logged once here for every API: a server
 * error with its cause (never sent), anything else at info. Each API only shapes the body.
 */
export function resolveError<M extends ErrorMapping>(
  request: FastifyRequest,
  thrown: unknown,
  map: ErrorMap<M>,
): { error: DomainError; mapping: M; status: number } {
  const error = toDomainError(thrown, request);
  const mapping = mappingOf(map, error.code);
  const status = typeof mapping === 'number' ? mapping : mapping.status;
  if (status >= 500) request.log.error({ err: thrown }, 'unexpected error');
  else request.log.info({ code: error.code, status }, error.message);
  return { error, mapping, status };
}
