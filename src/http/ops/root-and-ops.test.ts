// Issue 12: `/` for a browser, 404s in each API family's own format, the OpenAPI document (validated, every
// operation with its real security scheme), and the exposure of health and metrics (OPS_PORT, METRICS_TOKEN).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, givenClient, givenOperator } from '../../../test/helpers/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { buildOpsApp } from './ops-app.js';
import { landingPage } from './root-routes.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('/ for a browser', () => {
  it('redirects / to the landing page (the portal once built, else /docs), and /docs serves the API docs', async () => {
    const root = await t.app.inject('/');
    expect(root.statusCode).toBe(302);
    expect(root.headers.location).toBe(landingPage());
    const docs = await t.app.inject('/docs');
    const page = docs.statusCode === 302 ? await t.app.inject(docs.headers.location as string) : docs;
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('swagger');
  });

  it('goes to /portal once the portal bundle exists', () => {
    const dir = mkdtempSync(join(tmpdir(), 'consenthub-portal-'));
    try {
      const index = join(dir, 'index.html');
      expect(landingPage(index)).toBe('/docs');
      writeFileSync(index, '<!doctype html>');
      expect(landingPage(index)).toBe('/portal');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('unknown routes answer 404 in the format of their API family', () => {
  let admin: string;
  let partner: string;
  let gateway: string;
  beforeAll(async () => {
    admin = (await givenOperator(t.ctx, 'root-admin', ['admin'])).authorization;
    gateway = (await givenOperator(t.ctx, 'root-gateway', ['consent-manager'])).authorization;
    await givenClient(t.ctx, 'root-tpp');
    const { clientSecret } = await givenClient(t.ctx, 'root-partner', ['B2B_PARTNER'], {
      shortName: 'rootp',
    });
    partner = basic('root-partner', clientSecret);
  });

  const ob = (status: number) => (body: Record<string, unknown>, id: string) =>
    expect(body).toEqual({
      Code: String(status),
      Id: id,
      Message: status === 404 ? 'Not found' : 'Unauthorized',
      Errors: [{ ErrorCode: expect.stringMatching(/^UK\.OBIE\./), Message: expect.any(String) }],
    });
  const simple = (body: Record<string, unknown>, id: string) =>
    expect(body).toEqual({ code: 'request.not_found', message: expect.any(String), interactionId: id });

  it.each([
    // The manage API authenticates first: with the gateway's credentials an unknown path is a 404.
    ['/api/fs/consent/manage/no-such-consents', 404, ob(404), true],
    ['/api/fs/consent/nothing-here', 404, ob(404), false],
    // The CoF API wants a bearer token before anything: without one, its own OB-format 401.
    ['/api/consent-mgt/cof/v3.0/no-such-resource', 401, ob(401), false],
    ['/api/consent-mgt/cof/v9.9/funds-confirmation-consents', 404, ob(404), false],
    ['/api/somewhere-else', 404, ob(404), false],
    ['/health/nope', 404, simple, false],
    ['/metrics/extra', 404, simple, false],
    ['/nothing-at-all', 404, simple, false],
  ])('GET %s -> %i', async (url, status, shape, asGateway) => {
    const res = await t.app.inject({
      url,
      headers: {
        'x-fapi-interaction-id': 'not-found-1',
        ...(asGateway ? { authorization: gateway, 'x-wso2-client-id': 'root-tpp' } : {}),
      },
    });
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/json');
    shape(res.json(), 'not-found-1');
  });

  it('under /admin: the admin API body, after authentication', async () => {
    const res = await t.app.inject({ url: '/admin/nothing', headers: { authorization: admin } });
    expect(res.statusCode).toBe(404);
    simple(res.json(), res.headers['x-fapi-interaction-id'] as string);
  });

  it('under /b2b-gateway: the B2B FAILURE envelope', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/b2b-gateway/customers/nothing',
      headers: { authorization: partner, 'content-type': 'application/json' },
      payload: '{}',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().errorResponse.status).toEqual({
      statusCode: 'FAILURE',
      statusDescription: 'No such B2B operation',
      errors: [{ code: 'UNKNOWN_OPERATION', message: 'No such B2B operation' }],
    });
  });

  it('under /oauth2: the OAuth2 error body', async () => {
    const res = await t.app.inject({ url: '/oauth2/nothing' });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ error: expect.any(String) });
  });
});

describe('the OpenAPI document', () => {
  let doc: {
    security?: unknown;
    components: { securitySchemes: Record<string, { type: string; scheme: string }> };
    paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
  };
  beforeAll(async () => {
    doc = (await t.app.inject('/openapi.json')).json();
  });

  it('is a valid OpenAPI document', async () => {
    await expect(SwaggerParser.validate(structuredClone(doc) as never)).resolves.toBeDefined();
  });

  it('has no global security: every operation declares its own, naming only known schemes', () => {
    expect(doc.security).toBeUndefined();
    const undeclared: string[] = [];
    for (const [path, operations] of Object.entries(doc.paths))
      for (const [method, operation] of Object.entries(operations)) {
        if (!Array.isArray(operation.security)) undeclared.push(`${method.toUpperCase()} ${path}`);
        for (const requirement of operation.security ?? [])
          for (const scheme of Object.keys(requirement))
            expect(doc.components.securitySchemes[scheme], scheme).toBeDefined();
      }
    expect(undeclared).toEqual([]);
  });

  it.each([
    ['post', '/api/consent-mgt/cof/v3.0/funds-confirmation-consents', [{ bearer: [] }]],
    ['post', '/api/consent-mgt/cof/v3.0/funds-confirmations', [{ bearer: [] }]],
    ['post', '/oauth2/token', [{ clientBasic: [] }, {}]],
    ['post', '/oauth2/introspect', [{ operatorBasic: [] }]],
    ['post', '/api/fs/consent/validate', [{ operatorBasic: [] }]],
    ['post', '/api/fs/consent/manage/account-access-consents', [{ operatorBasic: [] }]],
    ['post', '/b2b-gateway/customers/lookup', [{ partnerBasic: [] }]],
    ['get', '/admin/clients', [{ operatorBasic: [] }]],
    ['get', '/health/live', []],
    ['get', '/health/ready', []],
    ['get', '/metrics', []],
  ])('%s %s declares %j', (method, path, security) => {
    expect(doc.paths[path]?.[method]?.security).toEqual(security);
  });

  it('names bearer as HTTP bearer and the Basic schemes as HTTP basic', () => {
    const { securitySchemes } = doc.components;
    expect(securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    for (const name of ['operatorBasic', 'partnerBasic', 'clientBasic'])
      expect(securitySchemes[name]).toMatchObject({ type: 'http', scheme: 'basic' });
  });
});

describe('OPS_PORT: health and metrics on a port of their own', () => {
  let own: TestContext;
  beforeAll(async () => {
    own = await createTestContext({ opsPort: 0 });
  });
  afterAll(() => own.close());

  it('absent from the public port, served by the ops server with the public requests counted', async () => {
    for (const url of ['/health/live', '/health/ready', '/metrics']) {
      const res = await own.app.inject(url);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'request.not_found' });
    }
    await own.app.inject('/api/fs/consent/validate');
    const ops = await buildOpsApp(own.ctx, own.app.metricsRegistry);
    try {
      expect((await ops.inject('/health/ready')).json()).toEqual({ status: 'ok', database: 'ok' });
      const metrics = await ops.inject('/metrics');
      expect(metrics.statusCode).toBe(200);
      expect(metrics.body).toMatch(
        /consenthub_http_requests_total\{method="GET",route="\/api\/fs\/consent\/validate",status="405"\} 1\n/,
      );
      expect((await ops.inject('/admin/clients')).statusCode).toBe(404);
    } finally {
      await ops.close();
    }
    const doc = (await own.app.inject('/openapi.json')).json();
    expect(Object.keys(doc.paths).filter((p) => p.startsWith('/health') || p === '/metrics')).toEqual([]);
  });
});

describe('METRICS_TOKEN: /metrics needs the bearer token', () => {
  const token = 'a-metrics-token-of-some-length';
  let own: TestContext;
  beforeAll(async () => {
    own = await createTestContext({ metricsToken: token });
  });
  afterAll(() => own.close());

  it('refuses no token and a wrong one with 401, answers the right one; health stays open', async () => {
    const missing = await own.app.inject('/metrics');
    expect(missing.statusCode).toBe(401);
    expect(missing.headers['www-authenticate']).toBe('Bearer realm="metrics"');
    expect(missing.json()).toMatchObject({ code: 'auth.missing' });
    const wrong = await own.app.inject({ url: '/metrics', headers: { authorization: 'Bearer not-it' } });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json()).toMatchObject({ code: 'auth.invalid' });
    expect(wrong.body).not.toContain('consenthub_consents');
    const right = await own.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${token}` } });
    expect(right.statusCode).toBe(200);
    expect(right.body).toContain('consenthub_http_requests_total');
    expect((await own.app.inject('/health/live')).statusCode).toBe(200);
    const doc = (await own.app.inject('/openapi.json')).json();
    expect(doc.paths['/metrics'].get.security).toEqual([{ metricsToken: [] }]);
  });
});
