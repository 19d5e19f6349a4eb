// GET /.well-known/jwks.json: the public keys that verify Consent-JWTs (RFC 7517), each with its kid.
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { consentJwks } from '../../services/obp/consent-jwt.js';
import { sendSimpleError, SIMPLE_ERRORS } from '../kit/simple-errors.js';

export async function wellKnownRoutes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  app.setErrorHandler((error, request, reply) => sendSimpleError(request, reply, error, SIMPLE_ERRORS));
  app.get(
    '/.well-known/jwks.json',
    {
      schema: {
        tags: ['OAuth2'],
        summary: 'The public keys of Consent-JWTs (JWKS)',
        security: [],
      },
    },
    async (_request, reply) => {
      // Short caching: a rotated-in key must reach verifiers before its first token does, near enough.
      reply.header('cache-control', 'public, max-age=60').type('application/jwk-set+json');
      return consentJwks(ctx);
    },
  );
}
