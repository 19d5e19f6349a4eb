import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic, givenOperator } from '../../../test/helpers/factories.js';
import { givenTpp, tokenFor } from '../../../test/helpers/funds.js';
import { createTestContext, TEST_NOW, type TestContext } from '../../../test/helpers/test-context.js';
import { rotateClientSecret } from '../../services/admin/rotate-client-secret.js';
import { updateClient } from '../../services/admin/update-client.js';

const FORM = 'application/x-www-form-urlencoded';
const ADMIN = { type: 'admin' as const, id: 'test-admin' };

let t: TestContext;
let gateway: string;
beforeAll(async () => {
  t = await createTestContext({ rateLimitBurst: 100_000 });
  gateway = (await givenOperator(t.ctx, 'gw', ['consent-manager'])).authorization;
  await givenOperator(t.ctx, 'officer', ['customer-care-officer']);
  await givenTpp(t, 'cbpii-1', ['CBPII']);
  await givenTpp(t, 'multi-1', ['AISP', 'PISP', 'CBPII']);
  await givenTpp(t, 'partner-1', ['B2B_PARTNER']);
});
afterAll(() => t.close());

function token(payload: string, headers: Record<string, string> = {}) {
  return t.app.inject({
    method: 'POST',
    url: '/oauth2/token',
    headers: { 'content-type': FORM, ...headers },
    payload,
  });
}

async function storedToken(accessToken: string) {
  const hash = createHash('sha256').update(accessToken).digest('base64url');
  return t.database.db
    .selectFrom('oauth_tokens')
    .selectAll()
    .where('token_hash', '=', hash)
    .executeTakeFirst();
}

describe('POST /oauth2/token', () => {
  it('issues a 256-bit token with client_secret_basic, stored only as a hash with client, scopes, expiry', async () => {
    const response = await token('grant_type=client_credentials&scope=fundsconfirmations', {
      authorization: basic('cbpii-1', 'cbpii-1-secret'),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.headers.pragma).toBe('no-cache');
    const body = response.json();
    expect(body).toEqual({
      access_token: expect.any(String),
      token_type: 'Bearer',
      expires_in: 3600,
      scope: 'fundsconfirmations',
    });
    expect(Buffer.from(body.access_token, 'base64url')).toHaveLength(32);
    const row = await storedToken(body.access_token);
    expect(row).toMatchObject({
      client_id: 'cbpii-1',
      scopes: '["fundsconfirmations"]',
      issued_at: TEST_NOW,
      expires_at: TEST_NOW + 3600 * 1000,
    });
    const all = await t.database.db.selectFrom('oauth_tokens').select('token_hash').execute();
    expect(all.map((r) => r.token_hash)).not.toContain(body.access_token);
  });

  it('accepts client_secret_post and grants every allowed scope when none is asked for', async () => {
    const response = await token(
      'grant_type=client_credentials&client_id=multi-1&client_secret=multi-1-secret',
    );
    expect(response.statusCode).toBe(200);
    expect(response.json().scope).toBe('accounts payments fundsconfirmations');
  });

  it('limits scopes to the client roles', async () => {
    const response = await token('grant_type=client_credentials&scope=accounts', {
      authorization: basic('cbpii-1', 'cbpii-1-secret'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      error: 'invalid_scope',
      error_description: 'The client is not allowed the scope accounts',
    });
    const unknown = await token('grant_type=client_credentials&scope=openid', {
      authorization: basic('cbpii-1', 'cbpii-1-secret'),
    });
    expect(unknown.json()).toEqual({ error: 'invalid_scope', error_description: 'Unknown scope: openid' });
    const none = await token('grant_type=client_credentials', {
      authorization: basic('partner-1', 'partner-1-secret'),
    });
    expect(none.statusCode).toBe(400);
    expect(none.json().error).toBe('invalid_scope');
  });

  it('answers invalid_client 401 with WWW-Authenticate for a wrong secret, unknown client or no credentials', async () => {
    const attempts: Record<string, string>[] = [
      { authorization: basic('cbpii-1', 'wrong') },
      { authorization: basic('nobody', 'secret') },
      {},
    ];
    for (const headers of attempts) {
      const response = await token('grant_type=client_credentials', headers);
      expect(response.statusCode).toBe(401);
      expect(response.headers['www-authenticate']).toBe('Basic realm="ConsentHub"');
      expect(response.json().error).toBe('invalid_client');
    }
  });

  it('answers invalid_request for a missing grant type, two auth methods and a repeated parameter', async () => {
    const missing = await token('scope=fundsconfirmations', {
      authorization: basic('cbpii-1', 'cbpii-1-secret'),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({ error: 'invalid_request', error_description: 'grant_type is required' });
    const both = await token('grant_type=client_credentials&client_id=cbpii-1&client_secret=cbpii-1-secret', {
      authorization: basic('cbpii-1', 'cbpii-1-secret'),
    });
    expect(both.statusCode).toBe(400);
    expect(both.json().error).toBe('invalid_request');
    const repeated = await token('grant_type=client_credentials&grant_type=client_credentials', {
      authorization: basic('cbpii-1', 'cbpii-1-secret'),
    });
    expect(repeated.statusCode).toBe(400);
    expect(repeated.json()).toEqual({
      error: 'invalid_request',
      error_description: 'grant_type must not be repeated',
    });
  });

  it('answers unsupported_grant_type for other grants', async () => {
    const response = await token('grant_type=password&username=a&password=b', {
      authorization: basic('cbpii-1', 'cbpii-1-secret'),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toBe('unsupported_grant_type');
  });

  it('refuses JSON bodies (415) and other methods (405)', async () => {
    const json = await t.app.inject({
      method: 'POST',
      url: '/oauth2/token',
      headers: { authorization: basic('cbpii-1', 'cbpii-1-secret'), 'content-type': 'application/json' },
      payload: { grant_type: 'client_credentials' },
    });
    expect(json.statusCode).toBe(415);
    expect(json.json().error).toBe('invalid_request');
    const get = await t.app.inject({ method: 'GET', url: '/oauth2/token' });
    expect(get.statusCode).toBe(405);
    expect(get.headers.allow).toBe('POST');
  });

  it('remembers a verified secret briefly, and forgets it when the secret rotates', async () => {
    await tokenFor(t, 'cbpii-1');
    // With the stored hash broken, only the cache can still admit the client.
    await t.database.db
      .updateTable('clients')
      .set({ secret_hash: 'scrypt$broken' })
      .where('client_id', '=', 'cbpii-1')
      .execute();
    expect(await tokenFor(t, 'cbpii-1')).toEqual(expect.any(String));
    t.clock.advance(t.ctx.config.credentialCacheSeconds * 1000 + 1);
    const after = await token('grant_type=client_credentials', {
      authorization: basic('cbpii-1', 'cbpii-1-secret'),
    });
    expect(after.statusCode).toBe(401);
  });
});

describe('token revocation through client administration', () => {
  it('disabling a client deletes its tokens', async () => {
    await givenTpp(t, 'cbpii-off', ['CBPII']);
    const access = await tokenFor(t, 'cbpii-off');
    expect(await storedToken(access)).toBeDefined();
    await updateClient(t.ctx, 'cbpii-off', { active: false }, ADMIN, null);
    expect(await storedToken(access)).toBeUndefined();
    const response = await token('grant_type=client_credentials', {
      authorization: basic('cbpii-off', 'cbpii-off-secret'),
    });
    expect(response.statusCode).toBe(401);
  });

  it('rotating a secret deletes its tokens and the old secret stops working', async () => {
    await givenTpp(t, 'cbpii-rot', ['CBPII']);
    const access = await tokenFor(t, 'cbpii-rot');
    const { clientSecret } = await rotateClientSecret(t.ctx, 'cbpii-rot', ADMIN, null);
    expect(await storedToken(access)).toBeUndefined();
    const old = await token('grant_type=client_credentials', {
      authorization: basic('cbpii-rot', 'cbpii-rot-secret'),
    });
    expect(old.statusCode).toBe(401);
    const fresh = await token('grant_type=client_credentials', {
      authorization: basic('cbpii-rot', clientSecret),
    });
    expect(fresh.statusCode).toBe(200);
  });
});

describe('POST /oauth2/introspect', () => {
  function introspect(payload: string, authorization = gateway) {
    return t.app.inject({
      method: 'POST',
      url: '/oauth2/introspect',
      headers: { authorization, 'content-type': FORM },
      payload,
    });
  }

  it('describes an active token (RFC 7662)', async () => {
    await givenTpp(t, 'cbpii-intro', ['CBPII']);
    const access = await tokenFor(t, 'cbpii-intro');
    const response = await introspect(`token=${access}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      active: true,
      client_id: 'cbpii-intro',
      scope: 'fundsconfirmations',
      token_type: 'Bearer',
      iat: Math.floor(t.clock.now() / 1000),
      exp: Math.floor(t.clock.now() / 1000) + 3600,
    });
  });

  it('reports unknown and expired tokens as inactive', async () => {
    expect((await introspect('token=nope')).json()).toEqual({ active: false });
    await givenTpp(t, 'cbpii-exp', ['CBPII']);
    const access = await tokenFor(t, 'cbpii-exp');
    t.clock.advance(3600 * 1000);
    expect((await introspect(`token=${access}`)).json()).toEqual({ active: false });
  });

  it('needs an operator of the gateway: 401 without, 403 for other roles, 400 without token', async () => {
    const none = await t.app.inject({
      method: 'POST',
      url: '/oauth2/introspect',
      headers: { 'content-type': FORM },
      payload: 'token=x',
    });
    expect(none.statusCode).toBe(401);
    expect(none.json().error).toBe('invalid_client');
    const officer = await introspect('token=x', basic('officer', 'test-password-1'));
    expect(officer.statusCode).toBe(403);
    expect(officer.json().error).toBe('access_denied');
    const missing = await introspect('');
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({ error: 'invalid_request', error_description: 'token is required' });
  });
});

describe('rate limit scope', () => {
  it('limits /token by caller address but never /introspect, which the gateway calls on every request', async () => {
    const limited = await createTestContext({ rateLimitBurst: 2, rateLimitPerSecond: 1 });
    try {
      const operator = (await givenOperator(limited.ctx, 'gw', ['consent-manager'])).authorization;
      await givenTpp(limited, 'cbpii-rl', ['CBPII']);
      const introspect = (token: string) =>
        limited.app.inject({
          method: 'POST',
          url: '/oauth2/introspect',
          headers: { authorization: operator, 'content-type': FORM },
          payload: `token=${token}`,
        });
      const tokenRequest = () =>
        limited.app.inject({
          method: 'POST',
          url: '/oauth2/token',
          headers: { authorization: basic('cbpii-rl', 'cbpii-rl-secret'), 'content-type': FORM },
          payload: 'grant_type=client_credentials',
        });
      // Introspection first, well past the burst: it must not spend the token budget.
      for (let i = 0; i < 5; i += 1) expect((await introspect('nope')).statusCode).toBe(200);
      const first = await tokenRequest();
      expect(first.statusCode).toBe(200);
      expect((await tokenRequest()).statusCode).toBe(200);
      const refused = await tokenRequest();
      expect(refused.statusCode).toBe(429);
      expect(refused.json().error).toBe('slow_down');
      // With the token budget spent, introspection still answers.
      for (let i = 0; i < 5; i += 1) {
        const response = await introspect(first.json().access_token);
        expect(response.statusCode).toBe(200);
        expect(response.headers['x-ratelimit-remaining']).toBeUndefined();
        expect(response.json()).toMatchObject({ active: true, client_id: 'cbpii-rl' });
      }
    } finally {
      await limited.close();
    }
  });
});
