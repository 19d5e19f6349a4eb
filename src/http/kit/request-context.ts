import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';

/** Absolute base URL for Links: PUBLIC_BASE_URL when configured, else what the request was addressed to. */
export function baseUrlOf(ctx: AppContext, request: FastifyRequest): string {
  return ctx.config.publicBaseUrl ?? `${request.protocol}://${request.host}`;
}

export function headerValue(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}
