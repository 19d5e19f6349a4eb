// The UK Open Banking error body, {Code, Id, Message, Errors:[{ErrorCode, Message, Path, Url}]}, used by
// the manage, validate and funds-confirmation APIs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import type { ErrorMap } from '../kit/error-map.js';
import { resolveError } from '../kit/error-translation.js';

export interface ObErrorMapping {
  status: number;
  errorCode: string;
  /** Fixed wire message (hides details, e.g. for authentication failures). */
  message?: string;
}

export type ObErrorMap = ErrorMap<ObErrorMapping>;

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

export function obErrorBody(error: DomainError, mapping: ObErrorMapping, interactionId: string) {
  const message = mapping.message ?? error.message;
  const details = error.details.length > 0 ? error.details : [{ message }];
  return {
    Code: String(mapping.status),
    Id: interactionId,
    Message: STATUS_TEXT[mapping.status] ?? 'Error',
    Errors: details.map((d) => ({
      ErrorCode: mapping.errorCode,
      Message: mapping.message ?? d.message ?? message,
      ...(d.path ? { Path: d.path } : {}),
    })),
  };
}

export function sendObError(request: FastifyRequest, reply: FastifyReply, thrown: unknown, map: ObErrorMap) {
  const { error, mapping } = resolveError(request, thrown, map);
  if (mapping.status === 429) {
    const retryAfter = (thrown as { retryAfter?: number }).retryAfter;
    if (retryAfter !== undefined) reply.header('retry-after', String(retryAfter));
  }
  return reply
    .status(mapping.status)
    .type('application/json')
    .send(obErrorBody(error, mapping, request.id));
}

/** Error, not-found and content negotiation handling for an OB-format API scope. */
export function installObErrorHandling(app: FastifyInstance, map: ObErrorMap): void {
  app.setErrorHandler((error, request, reply) => sendObError(request, reply, error, map));
  app.setNotFoundHandler((request, reply) =>
    sendObError(request, reply, new DomainError('request.not_found'), map),
  );
}
