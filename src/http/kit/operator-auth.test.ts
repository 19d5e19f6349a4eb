// The operator Basic-auth hook over real keep-alive connections: a repeat caller skips decoding and
// hashing its header, yet every check of the credential cache (expiry, invalidation, roles) still applies.
import { Agent, request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { givenClient, givenOperator } from '../../../test/helpers/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

let t: TestContext;
let port: number;
let agent: Agent;

beforeAll(async () => {
  t = await createTestContext();
  await t.app.listen({ host: '127.0.0.1', port: 0 });
  port = (t.app.server.address() as { port: number }).port;
  // One socket: every call below rides the same keep-alive connection.
  agent = new Agent({ keepAlive: true, maxSockets: 1 });
});
afterAll(async () => {
  agent.destroy();
  await t.close();
});

interface Answer {
  status: number;
  body: Record<string, unknown>;
  socketPort: number;
}

function call(method: string, path: string, authorization: string, body?: unknown): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port,
        method,
        path,
        agent,
        headers: {
          authorization,
          'x-wso2-client-id': 'auth-tpp',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        const socketPort = res.socket.localPort!;
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () =>
          resolve({
            status: res.statusCode!,
            body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
            socketPort,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body === undefined ? undefined : JSON.stringify(body));
  });
}

const validation = { consentId: '5f0f5c4e-8a45-4d8e-9a36-0c1b8c7a2b11', clientId: 'auth-tpp' };

describe('operator Basic auth on a keep-alive connection', () => {
  it('verifies once, then admits the same header from memory until the cache lets go', async () => {
    const gw = await givenOperator(t.ctx, 'conn-gw', ['consent-manager']);
    await givenClient(t.ctx, 'auth-tpp');
    const lookups = vi.spyOn(t.ctx.storage.repos.operators, 'findByUsername');
    try {
      const first = await call('POST', '/api/fs/consent/validate', gw.authorization, validation);
      const second = await call('POST', '/api/fs/consent/validate', gw.authorization, validation);
      expect(first.status).toBe(200);
      expect(second.status).toBe(200);
      expect(second.body).toEqual({
        isValid: false,
        errorCode: 'UK.OBIE.Resource.NotFound',
        errorMessage: 'The consent was not found',
      });
      expect(second.socketPort).toBe(first.socketPort);
      expect(lookups).toHaveBeenCalledTimes(1);

      // The remembered credential expires with the cache entry: verified again, on the same connection.
      t.clock.advance(t.ctx.config.credentialCacheSeconds * 1000 + 1);
      const later = await call('POST', '/api/fs/consent/validate', gw.authorization, validation);
      expect(later.status).toBe(200);
      expect(later.socketPort).toBe(first.socketPort);
      expect(lookups).toHaveBeenCalledTimes(2);
    } finally {
      lookups.mockRestore();
    }
  });

  it('still checks the roles of a remembered operator', async () => {
    const gw = await givenOperator(t.ctx, 'conn-gw-roles', ['consent-manager']);
    expect((await call('POST', '/api/fs/consent/validate', gw.authorization, validation)).status).toBe(200);
    const admin = await call('GET', '/admin/clients', gw.authorization);
    expect(admin.status).toBe(403);
    expect(admin.body).toMatchObject({ code: 'auth.forbidden' });
    // Refusing a role is no failed login.
    expect((await t.ctx.storage.repos.operators.findByUsername('conn-gw-roles'))?.failedLogins).toBe(0);
    expect(await t.ctx.storage.repos.audit.listForTarget('operator', 'conn-gw-roles')).toEqual([
      expect.objectContaining({ action: 'operator.created' }),
    ]);
  });

  it('turns away a remembered header once the operator is deactivated', async () => {
    const admin = await givenOperator(t.ctx, 'conn-admin', ['admin']);
    const gw = await givenOperator(t.ctx, 'conn-gw-off', ['consent-manager']);
    expect((await call('POST', '/api/fs/consent/validate', gw.authorization, validation)).status).toBe(200);
    const patched = await call('PATCH', '/admin/operators/conn-gw-off', admin.authorization, {
      active: false,
    });
    expect(patched.status).toBe(200);
    const after = await call('POST', '/api/fs/consent/validate', gw.authorization, validation);
    expect(after.status).toBe(401);
    expect(after.body).toMatchObject({ Code: '401', Errors: [{ ErrorCode: 'UK.OBIE.Header.Invalid' }] });
    expect((await t.ctx.storage.repos.operators.findByUsername('conn-gw-off'))?.active).toBe(false);
    expect(
      (await t.ctx.storage.repos.audit.listForTarget('operator', 'conn-gw-off')).map((e) => e.action),
    ).toEqual(['operator.created', 'operator.updated']);
  });

  it('verifies a different header on the same connection on its own', async () => {
    const gw = await givenOperator(t.ctx, 'conn-gw-other', ['consent-manager']);
    expect((await call('POST', '/api/fs/consent/validate', gw.authorization, validation)).status).toBe(200);
    const wrong = `Basic ${Buffer.from('conn-gw-other:not-the-password').toString('base64')}`;
    const refused = await call('POST', '/api/fs/consent/validate', wrong, validation);
    expect(refused.status).toBe(401);
    const stored = await t.ctx.storage.repos.operators.findByUsername('conn-gw-other');
    expect(stored?.failedLogins).toBe(1);
    // And the right one again, verified afresh (the connection now remembers the wrong one).
    expect((await call('POST', '/api/fs/consent/validate', gw.authorization, validation)).status).toBe(200);
  });
});
