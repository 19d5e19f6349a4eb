// The {code, message} error body of the admin and portal APIs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { STATUS_OF_KIND, type ErrorMap } from './error-map.js';
import { resolveError } from './error-translation.js';

export type StatusMap = ErrorMap<number>;

/** The {code, message} format shows each kind as its usual status. */
export const SIMPLE_ERRORS: StatusMap = { kinds: STATUS_OF_KIND, codes: {} };

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
