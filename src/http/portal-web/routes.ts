// The portal's single-page app (web/, built to web/dist) at /portal: hashed assets cached for a year,
// index.html never cached and served for every client route under /portal, and `/` redirecting there.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import { SIMPLE_ERRORS, sendSimpleError } from '../kit/simple-errors.js';

/** web/dist of this checkout (the same depth below the root from src/ and from a built dist/). */
export const PORTAL_BUNDLE_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

export function portalBundleExists(root: string = PORTAL_BUNDLE_DIR): boolean {
  return existsSync(join(root, 'index.html'));
}

// The bundle loads only its own files; React Aria sets inline styles (positioning popovers).
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

function sendIndex(reply: FastifyReply) {
  return reply
    .header('content-security-policy', CSP)
    .header('referrer-policy', 'same-origin')
    .sendFile('index.html');
}

export async function portalWebRoutes(app: FastifyInstance, opts: { root?: string }): Promise<void> {
  const root = opts.root ?? PORTAL_BUNDLE_DIR;
  // `/` itself redirects here through landingPage() (http/ops/root-routes.ts), which sees the same bundle.

  await app.register(
    async (portal) => {
      await portal.register(fastifyStatic, {
        root,
        prefix: '/',
        // One route per file of the (immutable) bundle, so unknown paths fall to the handler below.
        wildcard: false,
        index: false,
        serve: true,
        setHeaders: (reply, path) => {
          reply.header('x-content-type-options', 'nosniff');
          // Vite names every asset after its content hash: a new build is a new name. index.html is not
          // hashed and names the current assets, so it is asked for again every time.
          if (/[\\/]assets[\\/]/.test(path))
            reply.header('cache-control', 'public, max-age=31536000, immutable');
          else if (path.endsWith('index.html')) reply.header('cache-control', 'no-cache');
          else reply.header('cache-control', 'public, max-age=3600');
        },
      });
      portal.get('/', { schema: { hide: true } }, (_request, reply) => sendIndex(reply));
      // Client routes (/portal/consents/...) get the app; the API's unknown paths and other methods get
      // the portal API's JSON 404, and a missing asset a plain 404 (not the app, which would look broken).
      portal.setNotFoundHandler((request, reply) => {
        const path = request.url.split('?')[0] ?? '';
        const isPage = request.method === 'GET' || request.method === 'HEAD';
        if (
          !isPage ||
          path.startsWith('/portal/api/') ||
          path === '/portal/api' ||
          path.startsWith('/portal/assets/')
        )
          return sendSimpleError(request, reply, new DomainError('request.not_found'), SIMPLE_ERRORS);
        return sendIndex(reply);
      });
    },
    { prefix: '/portal' },
  );
}
