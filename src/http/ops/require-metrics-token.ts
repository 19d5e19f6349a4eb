// METRICS_TOKEN: /metrics (request counts, consents by status) answers only `Authorization: Bearer <token>`.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { onRequestHookHandler } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { bearerToken } from '../kit/bearer-auth.js';

const digest = (value: string) => createHash('sha256').update(value).digest();

export function requireMetricsToken(token: string): onRequestHookHandler {
  const expected = digest(token);
  return (request, reply, done) => {
    const sent = bearerToken(request.headers.authorization);
    // Compared as digests: constant time whatever the length sent.
    if (sent !== undefined && timingSafeEqual(digest(sent), expected)) {
      done();
      return;
    }
    reply.header('www-authenticate', 'Bearer realm="metrics"');
    done(
      sent === undefined
        ? new DomainError('auth.missing', 'Authorization: Bearer <METRICS_TOKEN> is required')
        : new DomainError('auth.invalid', 'The metrics token is not valid'),
    );
  };
}
