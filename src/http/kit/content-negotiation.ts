// 405 for a known path with another method, 406 for an Accept the route cannot produce, 415 for a body
// in a format the route does not read.
import type { FastifyInstance, FastifyRequest, HTTPMethods, preValidationHookHandler } from 'fastify';
import { DomainError } from '../../domain/errors.js';

const ALL_METHODS: HTTPMethods[] = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

/** Registers a route that answers 405 on every method `url` does not implement. */
export function methodNotAllowed(app: FastifyInstance, url: string, allowed: HTTPMethods[]): void {
  const others = ALL_METHODS.filter(
    (m) => !allowed.includes(m) && !(m === 'HEAD' && allowed.includes('GET')),
  );
  app.route({
    method: others,
    url,
    schema: { hide: true },
    handler: async (_request, reply) => {
      reply.header('allow', allowed.join(', '));
      throw new DomainError('request.method_not_allowed', `Allowed methods: ${allowed.join(', ')}`);
    },
  });
}

/** True when the Accept header admits `type` (absent, wildcard, or listed). */
export function accepts(request: FastifyRequest, type = 'application/json'): boolean {
  const accept = request.headers.accept;
  if (!accept) return true;
  const [major] = type.split('/');
  return accept
    .split(',')
    .map((part) => part.split(';')[0]!.trim().toLowerCase())
    .some((range) => range === '*/*' || range === type || range === `${major}/*` || range === '');
}

export function ensureAcceptsJson(request: FastifyRequest): void {
  if (!accepts(request))
    throw new DomainError('request.not_acceptable', 'This endpoint only produces application/json');
}

/** For JSON-only routes: a body in another format is a 415, not a validation error. */
function ensureJsonBody(request: FastifyRequest): void {
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    // Name what was refused: "must be JSON" alone leaves a caller guessing what its client sent.
    throw new DomainError(
      'request.unsupported_media_type',
      type === ''
        ? 'Unsupported Content-Type: none was sent (this endpoint reads application/json)'
        : `Unsupported Content-Type: ${type} (this endpoint reads application/json)`,
    );
  }
}

/**
 * The preValidation hook of every JSON-body route: a body in another format is a 415 and an Accept the
 * route cannot answer a 406, before the body schema is checked (so neither turns into a 400). It runs after
 * the onRequest hooks, so authentication still comes first.
 */
export const requireJson: preValidationHookHandler = (request, _reply, done) => {
  try {
    ensureJsonBody(request);
    ensureAcceptsJson(request);
  } catch (error) {
    done(error as Error);
    return;
  }
  done();
};
