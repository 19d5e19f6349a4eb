import { landingPage } from '../ops/root-routes.js';
// The portal bundle at /portal: files with the right cache headers, the app for client routes, JSON 404s
// for the API and missing assets, and / redirecting to the portal.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { portalBundleExists, portalWebRoutes } from './routes.js';

const INDEX =
  '<!doctype html><div id="root"></div><script type="module" src="/portal/assets/index-abc123.js"></script>';
let dir: string;
let app: FastifyInstance;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'portal-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), INDEX);
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("portal")');
  writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
  app = Fastify({ routerOptions: { ignoreTrailingSlash: true } });
  await app.register(portalWebRoutes, { root: dir });
  await app.ready();
});
afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('portal web app', () => {
  it('knows whether a bundle was built', () => {
    expect(portalBundleExists(dir)).toBe(true);
    expect(portalBundleExists(join(dir, 'assets'))).toBe(false);
  });

  it('is where / leads once the bundle exists', () => {
    expect(landingPage(join(dir, 'index.html'))).toBe('/portal');
    expect(landingPage(join(dir, 'no-such-index.html'))).toBe('/docs');
  });

  it.each([
    '/portal',
    '/portal/',
    '/portal/consents',
    '/portal/consents/4d0b8b8f?status=Valid',
    '/portal/admin',
  ])('serves the app, never cached, for the client route %s', async (url) => {
    const res = await app.inject({ url });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.body).toBe(INDEX);
  });

  it('serves hashed assets as immutable and other files briefly cached', async () => {
    const asset = await app.inject({ url: '/portal/assets/index-abc123.js' });
    expect(asset.statusCode).toBe(200);
    expect(asset.headers['content-type']).toMatch(/javascript/);
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(asset.body).toBe('console.log("portal")');
    const icon = await app.inject({ url: '/portal/favicon.svg' });
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).toBe('public, max-age=3600');
  });

  it.each([
    ['GET', '/portal/assets/missing-123.js'],
    ['GET', '/portal/api/nothing-here'],
    ['POST', '/portal/consents'],
  ] as const)('answers %s %s with the JSON 404, not the app', async (method, url) => {
    const res = await app.inject({ method, url });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ code: 'request.not_found', message: 'No such endpoint' });
  });

  it('does not serve files outside the bundle', async () => {
    const res = await app.inject({ url: '/portal/../package.json' });
    expect(res.body).not.toContain('"name"');
    const encoded = await app.inject({ url: '/portal/%2e%2e/%2e%2e/etc/passwd' });
    expect(encoded.body).not.toContain('root:');
  });
});
