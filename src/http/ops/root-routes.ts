// What is not an API of its own: `/` for a browser, and unknown paths outside every API family, which
// answer 404 in the format of the family their path falls under (the families answer their own).
import { existsSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { SIMPLE_ERRORS, installSimpleErrorHandling } from '../kit/simple-errors.js';
import { OB_ERRORS } from '../ob/ob-error-map.js';
import { installObErrorHandling } from '../ob/ob-errors.js';

// The portal's built bundle (web/, issue 11): the same path from src/http/ops and dist/http/ops.
const PORTAL_INDEX = new URL('../../../web/dist/index.html', import.meta.url);

/** Where `/` sends a browser: the portal once its bundle is built, the API docs until then. */
export function landingPage(portalIndex: URL | string = PORTAL_INDEX): '/portal' | '/docs' {
  return existsSync(portalIndex) ? '/portal' : '/docs';
}

/**
 * Applied to the root instance first (called, not registered: its handlers must not be encapsulated). The
 * root error and 404 handlers ({code, message}, as the admin API) stand for every scope without its own
 * (operations, docs); `/api/...` outside the known prefixes answers in the OB format.
 */
export async function rootRoutes(app: FastifyInstance, opts: { landing: string }): Promise<void> {
  installSimpleErrorHandling(app, SIMPLE_ERRORS);
  app.get('/', { schema: { hide: true } }, (_request, reply) => reply.redirect(opts.landing));
  await app.register(async (api) => installObErrorHandling(api, OB_ERRORS), { prefix: '/api' });
}
