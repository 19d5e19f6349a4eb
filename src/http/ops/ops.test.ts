import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenClient, givenOperator } from '../../../test/helpers/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

describe('operations endpoints', () => {
  it('reports liveness and readiness', async () => {
    expect((await t.app.inject('/health/live')).json()).toEqual({ status: 'ok' });
    const ready = await t.app.inject('/health/ready');
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ok', database: 'ok' });
  });

  it('exposes request and consent metrics for Prometheus', async () => {
    const gw = await givenOperator(t.ctx, 'metrics-gw', ['consent-manager']);
    await givenClient(t.ctx, 'metrics-tpp');
    await t.app.inject({
      method: 'POST',
      url: '/api/fs/consent/manage/account-access-consents',
      headers: {
        authorization: gw.authorization,
        'x-wso2-client-id': 'metrics-tpp',
        'content-type': 'application/json',
      },
      payload: { Data: { Permissions: ['ReadAccountsBasic'] }, Risk: {} },
    });
    const res = await t.app.inject('/metrics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toMatch(
      /consenthub_http_requests_total\{method="POST",route="\/api\/fs\/consent\/manage\/account-access-consents",status="201"\} 1/,
    );
    expect(res.body).toContain('consenthub_http_request_duration_seconds_bucket');
    // The count follows the histogram's own _count, scrape after scrape.
    await t.app.inject('/health/live');
    await t.app.inject('/health/live');
    const again = (await t.app.inject('/metrics')).body;
    expect(again).toMatch(
      /consenthub_http_requests_total\{method="GET",route="\/health\/live",status="200"\} 3\n/,
    );
    expect(again).toMatch(
      /consenthub_http_request_duration_seconds_count\{method="GET",route="\/health\/live",status="200"\} 3\n/,
    );
    expect(again).toMatch(
      /consenthub_http_requests_total\{method="GET",route="\/metrics",status="200"\} 1\n/,
    );
    expect(res.body).toMatch(
      /consenthub_consents\{consent_type="accounts",status="AwaitingAuthorisation"\} 1/,
    );
  });

  it('serves the OpenAPI document generated from the route schemas, and the docs UI', async () => {
    const doc = (await t.app.inject('/openapi.json')).json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/fs/consent/manage/account-access-consents',
        '/api/fs/consent/validate',
        '/admin/clients',
        '/health/ready',
      ]),
    );
    const ui = await t.app.inject('/docs/');
    expect(ui.statusCode).toBe(200);
    expect(ui.body).toContain('swagger');
  });
});
