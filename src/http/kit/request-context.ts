import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';

/**
 * Absolute base URL for Links: from configuration only, never the request's Host header (which anyone can
 * set). The server refuses to start without one outside demo mode; an in-process app (bench) uses localhost.
 */
export function baseUrlOf(ctx: AppContext, _request?: FastifyRequest): string {
  return ctx.config.publicBaseUrl ?? `http://localhost:${ctx.config.port}`;
}

export function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
