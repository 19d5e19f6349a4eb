// Issue 13 item 8: the manage, validate and B2B APIs had no rate limit. Each now limits every caller
// (CALLER_RATE_LIMIT_PER_SECOND / _BURST, 0 = off): over the limit a 429 in the API's own format with
// Retry-After; another caller on the same address is not slowed.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { givenPartner, lookupBody } from '../helpers/customers.js';
import { basic, givenClient, givenOperator } from '../helpers/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

// Each test sends dozens of logins, each costing a scrypt: room for a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const BURST = 3;
let t: TestContext;
let off: TestContext;

beforeAll(async () => {
  t = await createTestContext({ callerRateLimitPerSecond: 1, callerRateLimitBurst: BURST });
  off = await createTestContext({ callerRateLimitPerSecond: 0, callerRateLimitBurst: 1 });
  for (const c of [t, off]) {
    await givenOperator(c.ctx, 'gw-a', ['consent-manager']);
    await givenOperator(c.ctx, 'gw-b', ['consent-manager']);
    await givenClient(c.ctx, 'rl-tpp');
  }
  await givenPartner(t.ctx, 'rl-bank-a');
  await givenPartner(t.ctx, 'rl-bank-b');
});
afterAll(async () => {
  await t.close();
  await off.close();
});

const ADDRESS = '10.1.1.1';

function validate(c: TestContext, who: string) {
  return c.app.inject({
    method: 'POST',
    url: '/api/fs/consent/validate',
    remoteAddress: ADDRESS,
    headers: { authorization: basic(who, 'test-password-1'), 'content-type': 'application/json' },
    payload: { consentId: '5f0f5c4e-8a45-4d8e-9a36-0c1b8c7a2b11', clientId: 'rl-tpp' },
  });
}

function manageGet(who: string) {
  return t.app.inject({
    method: 'GET',
    url: '/api/fs/consent/manage/account-access-consents/5f0f5c4e-8a45-4d8e-9a36-0c1b8c7a2b11',
    remoteAddress: ADDRESS,
    headers: { authorization: basic(who, 'test-password-1'), 'x-wso2-client-id': 'rl-tpp' },
  });
}

function lookup(partner: string) {
  return t.app.inject({
    method: 'POST',
    url: '/b2b-gateway/customers/lookup',
    remoteAddress: ADDRESS,
    headers: { authorization: basic(partner, `${partner}-secret`), 'content-type': 'application/json' },
    payload: lookupBody({ phone: '0000000000' }),
  });
}

describe('per-caller rate limits', () => {
  it('validate: a gateway over its limit gets the OB 429 with Retry-After; another on the same address is served', async () => {
    for (let i = 0; i < BURST; i++) expect((await validate(t, 'gw-a')).statusCode).toBe(200);
    const limited = await validate(t, 'gw-a');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json()).toMatchObject({ Code: '429', Errors: [{ ErrorCode: 'UK.OBIE.UnexpectedError' }] });
    expect((await validate(t, 'gw-b')).statusCode).toBe(200);
    t.clock.advance(1000);
    expect((await validate(t, 'gw-a')).statusCode).toBe(200);
  });

  it('manage: its own budget per caller, the OB 429', async () => {
    for (let i = 0; i < BURST; i++) expect((await manageGet('gw-a')).statusCode).not.toBe(429);
    const limited = await manageGet('gw-a');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(limited.json()).toMatchObject({ Code: '429' });
    expect((await manageGet('gw-b')).statusCode).not.toBe(429);
  });

  it('B2B: a partner over its limit gets the B2B 429; another partner is served', async () => {
    for (let i = 0; i < BURST; i++) expect((await lookup('rl-bank-a')).statusCode).toBe(200);
    const limited = await lookup('rl-bank-a');
    expect(limited.statusCode).toBe(429);
    expect(limited.headers['retry-after']).toBe('1');
    expect(JSON.stringify(limited.json())).toContain('RATE_LIMITED');
    expect((await lookup('rl-bank-b')).statusCode).toBe(200);
  });

  it('unauthenticated callers are refused by authentication, not counted against anyone', async () => {
    const anonymous = await t.app.inject({
      method: 'POST',
      url: '/api/fs/consent/validate',
      remoteAddress: ADDRESS,
      headers: { 'content-type': 'application/json' },
      payload: {},
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it('CALLER_RATE_LIMIT_PER_SECOND=0 turns the limit off', async () => {
    for (let i = 0; i < 5; i++) expect((await validate(off, 'gw-a')).statusCode).toBe(200);
  });
});
