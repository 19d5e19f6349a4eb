// Issue 13 item 2, "Anyone can lock the gateway out": before, MAX_FAILED_LOGINS wrong passwords for the
// gateway's consent-manager account from anywhere locked it for LOCKOUT_MINUTES and every validation of the
// bank failed. Failures now count per account and source address: the attacker's address is refused for
// that account (the API's 401, the same for the right and a wrong password), the gateway's own address
// keeps working; an account-wide lock needs LOCKOUT_ACCOUNT_SOURCES locked sources and never hits a
// service account; an account can be limited to source networks. Every lock writes an audit row.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCommand } from '../../src/cli.js';
import { authenticateCustomer } from '../../src/services/customers/authenticate-customer.js';
import {
  auditRows,
  CUSTOMER_PASSWORD,
  givenCustomer,
  givenPartner,
  lookupBody,
} from '../helpers/customers.js';
import { basic, givenClient, givenOperator } from '../helpers/factories.js';
import { PORTAL, PORTAL_ORIGIN } from '../helpers/portal.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';

// Each test sends dozens of logins, each costing a scrypt: room for a loaded machine.
vi.setConfig({ testTimeout: 60_000 });

const ACCOUNT_SOURCES = 3;
const GATEWAY_ADDRESS = '10.20.0.5';
const ATTACKERS = ['203.0.113.7', '203.0.113.8', '198.51.100.9', '192.0.2.44'];

let t: TestContext;
let limit: number;
let admin: string;

beforeAll(async () => {
  t = await createTestContext({ lockoutAccountSources: ACCOUNT_SOURCES });
  limit = t.ctx.config.maxFailedLogins;
  admin = (await givenOperator(t.ctx, 'src-admin', ['admin'])).authorization;
  await givenClient(t.ctx, 'src-tpp');
});
afterAll(() => t.close());

function validate(authorization: string, from: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/fs/consent/validate',
    remoteAddress: from,
    headers: { authorization, 'content-type': 'application/json' },
    payload: { consentId: '5f0f5c4e-8a45-4d8e-9a36-0c1b8c7a2b11', clientId: 'src-tpp' },
  });
}

function patchOperator(username: string, body: object) {
  return t.app.inject({
    method: 'PATCH',
    url: `/admin/operators/${username}`,
    remoteAddress: '127.0.0.1',
    headers: { authorization: admin, 'content-type': 'application/json' },
    payload: body,
  });
}

async function guess(username: string, from: string, times = limit) {
  for (let i = 0; i < times; i++)
    expect((await validate(basic(username, `wrong-${from}-${i}`), from)).statusCode).toBe(401);
}

function refusal(body: string): unknown {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  delete parsed.Id;
  return parsed;
}

async function locks(action: string, target: string) {
  return (await auditRows(t, action)).filter((r) => r.target_id === target).map((r) => r.details);
}

describe('operators (Basic on the validate API)', () => {
  it("an attacker's wrong passwords lock only the attacker's address; the gateway keeps validating", async () => {
    const gw = await givenOperator(t.ctx, 'src-gw', ['consent-manager']);
    await guess('src-gw', ATTACKERS[0]!);
    // The attacker's address: the right password answers exactly as a wrong one.
    const right = await validate(gw.authorization, ATTACKERS[0]!);
    const wrong = await validate(basic('src-gw', 'another-guess'), ATTACKERS[0]!);
    expect(right.statusCode).toBe(401);
    expect(refusal(right.body)).toEqual(refusal(wrong.body));
    // The gateway's address, at the same time: served.
    expect((await validate(gw.authorization, GATEWAY_ADDRESS)).statusCode).toBe(200);
    const stored = await t.ctx.storage.repos.operators.findByUsername('src-gw');
    expect(stored).toMatchObject({ lockedUntil: null, failedLogins: 0 });
    const lockedUntil = t.clock.now() + t.ctx.config.lockoutMinutes * 60_000;
    expect(
      await t.ctx.storage.repos.loginSources.find({
        type: 'operator',
        id: stored!.operatorId,
        source: ATTACKERS[0]!,
      }),
    ).toEqual({ failures: limit, lockedUntil });
    expect(await locks('operator.locked', 'src-gw')).toEqual([
      { scope: 'source', source: ATTACKERS[0], failedLogins: limit, lockedUntil },
    ]);
  });

  it('locks the account only when LOCKOUT_ACCOUNT_SOURCES sources are locked, audited once per lock', async () => {
    const op = await givenOperator(t.ctx, 'src-person', ['consent-manager']);
    for (const from of ATTACKERS.slice(0, ACCOUNT_SOURCES - 1)) await guess('src-person', from);
    expect((await validate(op.authorization, GATEWAY_ADDRESS)).statusCode).toBe(200);
    await guess('src-person', ATTACKERS[ACCOUNT_SOURCES - 1]!);
    // Now locked account-wide: a fresh address with the right password is refused too.
    const right = await validate(op.authorization, ATTACKERS[3]!);
    expect(right.statusCode).toBe(401);
    expect(refusal(right.body)).toEqual(
      refusal((await validate(basic('src-person', 'x'), '192.0.2.99')).body),
    );
    const lockedUntil = t.clock.now() + t.ctx.config.lockoutMinutes * 60_000;
    // (the success from the gateway's address above reset the account's count)
    expect(await t.ctx.storage.repos.operators.findByUsername('src-person')).toMatchObject({
      lockedUntil,
      failedLogins: limit,
    });
    const rows = await locks('operator.locked', 'src-person');
    expect(rows.map((r) => r.scope)).toEqual([...Array(ACCOUNT_SOURCES - 1).fill('source'), 'account']);
    expect(rows.at(-1)).toEqual({
      scope: 'account',
      source: ATTACKERS[ACCOUNT_SOURCES - 1],
      failedLogins: limit,
      lockedSources: ACCOUNT_SOURCES,
      lockedUntil,
    });
    // The lock ends by itself, and every count starts again from zero.
    t.clock.advance(t.ctx.config.lockoutMinutes * 60_000 + 1);
    expect((await validate(basic('src-person', 'one-more'), ATTACKERS[0]!)).statusCode).toBe(401);
    expect((await validate(op.authorization, GATEWAY_ADDRESS)).statusCode).toBe(200);
    expect(await t.ctx.storage.repos.operators.findByUsername('src-person')).toMatchObject({
      lockedUntil: null,
      failedLogins: 0,
    });
  });

  it('never locks a service account account-wide (set by the admin API); its own address keeps working', async () => {
    const gw = await givenOperator(t.ctx, 'src-service', ['consent-manager']);
    const marked = await patchOperator('src-service', { serviceAccount: true });
    expect(marked.statusCode).toBe(200);
    expect(marked.json()).toMatchObject({ serviceAccount: true, allowedSources: [] });
    for (const from of ATTACKERS) await guess('src-service', from);
    expect((await validate(gw.authorization, GATEWAY_ADDRESS)).statusCode).toBe(200);
    expect((await t.ctx.storage.repos.operators.findByUsername('src-service'))!.lockedUntil).toBeNull();
    const rows = await locks('operator.locked', 'src-service');
    expect(rows.map((r) => [r.scope, r.source])).toEqual(ATTACKERS.map((a) => ['source', a]));
  });

  it('limits an account to its source networks: elsewhere even the right password is refused, uncounted', async () => {
    const gw = await givenOperator(t.ctx, 'src-networks', ['consent-manager']);
    const bad = await patchOperator('src-networks', { allowedSources: ['10.20.0.0/16', '300.1.2.3/8'] });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('300.1.2.3/8');
    expect((await t.ctx.storage.repos.operators.findByUsername('src-networks'))!.allowedSources).toEqual([]);
    const ok = await patchOperator('src-networks', { allowedSources: ['10.20.0.0/16', '2001:db8::/32'] });
    expect(ok.json()).toMatchObject({ allowedSources: ['10.20.0.0/16', '2001:db8::/32'] });
    expect((await validate(gw.authorization, GATEWAY_ADDRESS)).statusCode).toBe(200);
    expect((await validate(gw.authorization, '2001:db8::7')).statusCode).toBe(200);
    const outside = await validate(gw.authorization, ATTACKERS[0]!);
    expect(outside.statusCode).toBe(401);
    expect(refusal(outside.body)).toEqual(
      refusal((await validate(basic('src-networks', 'x'), ATTACKERS[0]!)).body),
    );
    const { operatorId } = (await t.ctx.storage.repos.operators.findByUsername('src-networks'))!;
    expect(
      await t.ctx.storage.repos.loginSources.find({
        type: 'operator',
        id: operatorId,
        source: ATTACKERS[0]!,
      }),
    ).toBeUndefined();
  });

  it('counts an IPv6 attacker by its /64, so fresh addresses of one host are one source', async () => {
    await givenOperator(t.ctx, 'src-v6', ['consent-manager']);
    for (let i = 0; i < limit; i++)
      expect((await validate(basic('src-v6', `w${i}`), `2001:db8:1:2::${i + 1}`)).statusCode).toBe(401);
    expect(await locks('operator.locked', 'src-v6')).toMatchObject([
      { scope: 'source', source: '2001:db8:1:2::/64', failedLogins: limit },
    ]);
  });

  it('the CLI marks a service account and sets its networks', async () => {
    await givenOperator(t.ctx, 'src-cli', ['consent-manager']);
    const out: string[] = [];
    await runCommand(
      t.ctx,
      'set-login-policy',
      { username: 'src-cli', 'service-account': 'yes', 'allowed-sources': '10.0.0.0/8' },
      (l) => out.push(l),
    );
    expect(out).toEqual(['operator src-cli: service account, logs in from 10.0.0.0/8']);
    expect(await t.ctx.storage.repos.operators.findByUsername('src-cli')).toMatchObject({
      serviceAccount: true,
      allowedSources: ['10.0.0.0/8'],
    });
    await expect(
      runCommand(t.ctx, 'set-login-policy', { username: 'src-cli', 'allowed-sources': 'nope' }, () => {}),
    ).rejects.toMatchObject({ code: 'request.field_invalid' });
  });
});

describe('issuing partners (Basic on the B2B API)', () => {
  it("an attacker's address is refused; the partner's own keeps working; a service partner never locks", async () => {
    const partner = await givenPartner(t.ctx, 'src-bank');
    const body = lookupBody({ phone: '0000000000' });
    const call = (authorization: string, from: string) =>
      t.app.inject({
        method: 'POST',
        url: '/b2b-gateway/customers/lookup',
        remoteAddress: from,
        headers: { authorization, 'content-type': 'application/json' },
        payload: body,
      });
    for (const from of ATTACKERS.slice(0, ACCOUNT_SOURCES - 1))
      for (let i = 0; i < limit; i++)
        expect((await call(basic(partner.clientId, `w${i}`), from)).statusCode).toBe(401);
    const right = await call(partner.authorization, ATTACKERS[0]!);
    expect(right.statusCode).toBe(401);
    expect(right.json()).toEqual((await call(basic(partner.clientId, 'x'), ATTACKERS[0]!)).json());
    expect((await call(partner.authorization, GATEWAY_ADDRESS)).statusCode).toBe(200);
    // Marked as a service account through the admin API: one more locked source does not lock it.
    const marked = await t.app.inject({
      method: 'PATCH',
      url: `/admin/clients/${partner.clientId}`,
      headers: { authorization: admin, 'content-type': 'application/json' },
      payload: { serviceAccount: true },
    });
    expect(marked.json()).toMatchObject({ serviceAccount: true });
    for (let i = 0; i < limit; i++)
      expect((await call(basic(partner.clientId, `w${i}`), ATTACKERS[2]!)).statusCode).toBe(401);
    expect((await call(partner.authorization, GATEWAY_ADDRESS)).statusCode).toBe(200);
    expect((await locks('partner.locked', partner.clientId)).map((r) => r.scope)).toEqual([
      'source',
      'source',
      'source',
    ]);
  });
});

describe('customers (DirectLogin through the customer authentication)', () => {
  it("locks the attacker's address, not the wallet, until enough sources are locked", async () => {
    await givenPartner(t.ctx, 'src-wallets');
    const { customer } = await givenCustomer(t.ctx, 'src-wallets');
    const login = (password: string, source: string) =>
      authenticateCustomer(t.ctx, { username: customer.username, password, source });
    for (const from of ATTACKERS.slice(0, ACCOUNT_SOURCES - 1))
      for (let i = 0; i < limit; i++)
        await expect(login(`w${i}`, from)).rejects.toMatchObject({ code: 'auth.invalid' });
    await expect(login(CUSTOMER_PASSWORD, ATTACKERS[0]!)).rejects.toMatchObject({ code: 'auth.invalid' });
    await expect(login(CUSTOMER_PASSWORD, GATEWAY_ADDRESS)).resolves.toMatchObject({
      customerId: customer.customerId,
    });
    for (let i = 0; i < limit; i++)
      await expect(login(`w${i}`, ATTACKERS[2]!)).rejects.toMatchObject({ code: 'auth.invalid' });
    // ACCOUNT_SOURCES sources locked: the wallet is locked (still active) until its partner unlocks it.
    await expect(login(CUSTOMER_PASSWORD, GATEWAY_ADDRESS)).rejects.toMatchObject({ code: 'auth.invalid' });
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject({
      locked: true,
      active: true,
    });
    const rows = await locks('customer.locked', customer.customerId);
    expect(rows.map((r) => r.scope)).toEqual(['source', 'source', 'account']);
    expect(rows.at(-1)).toMatchObject({ lockedSources: ACCOUNT_SOURCES, partner: 'src-wallets' });
  }, 60_000);
});

describe('portal sign-in', () => {
  it("counts toward the operator's lockout for that address only", async () => {
    const officer = await givenOperator(t.ctx, 'src-officer', ['customer-care-officer', 'consent-manager']);
    const signIn = (password: string, from: string) =>
      t.app.inject({
        method: 'POST',
        url: `${PORTAL}/session`,
        remoteAddress: from,
        headers: { origin: PORTAL_ORIGIN, 'content-type': 'application/json' },
        payload: { username: 'src-officer', password },
      });
    for (let i = 0; i < limit; i++) expect((await signIn(`w${i}`, ATTACKERS[0]!)).statusCode).toBe(401);
    expect((await validate(officer.authorization, ATTACKERS[0]!)).statusCode).toBe(401);
    expect((await validate(officer.authorization, GATEWAY_ADDRESS)).statusCode).toBe(200);
    expect(await locks('operator.locked', 'src-officer')).toMatchObject([
      { scope: 'source', source: ATTACKERS[0] },
    ]);
  });
});

describe('behind a reverse proxy (TRUST_PROXY)', () => {
  const PROXY = '10.9.0.1';
  let p: TestContext;
  beforeAll(async () => {
    p = await createTestContext({ trustProxy: ['10.9.0.0/16'] });
    await givenClient(p.ctx, 'src-tpp');
  });
  afterAll(() => p.close());
  const via = (authorization: string, connection: string, forwardedFor?: string) =>
    p.app.inject({
      method: 'POST',
      url: '/api/fs/consent/validate',
      remoteAddress: connection,
      headers: {
        authorization,
        'content-type': 'application/json',
        ...(forwardedFor !== undefined ? { 'x-forwarded-for': forwardedFor } : {}),
      },
      payload: { consentId: '5f0f5c4e-8a45-4d8e-9a36-0c1b8c7a2b11', clientId: 'src-tpp' },
    });

  it('counts failures per forwarded client, and believes X-Forwarded-For only from the listed proxies', async () => {
    const gw = await givenOperator(p.ctx, 'src-proxied-gw', ['consent-manager']);
    const max = p.ctx.config.maxFailedLogins;
    for (let i = 0; i < max; i++)
      expect((await via(basic('src-proxied-gw', `wrong-${i}`), PROXY, ATTACKERS[0])).statusCode).toBe(401);
    const stored = await p.ctx.storage.repos.operators.findByUsername('src-proxied-gw');
    // The attacker's forwarded address is locked, not the proxy's.
    expect(
      await p.ctx.storage.repos.loginSources.find({
        type: 'operator',
        id: stored!.operatorId,
        source: ATTACKERS[0]!,
      }),
    ).toMatchObject({ failures: max });
    expect(
      await p.ctx.storage.repos.loginSources.find({
        type: 'operator',
        id: stored!.operatorId,
        source: PROXY,
      }),
    ).toBeUndefined();
    expect((await via(gw.authorization, PROXY, ATTACKERS[0])).statusCode).toBe(401);
    // The gateway through the same proxy keeps validating.
    expect((await via(gw.authorization, PROXY, GATEWAY_ADDRESS)).statusCode).toBe(200);
    // A caller that is not a listed proxy cannot claim another address: its own counts.
    expect((await via(gw.authorization, ATTACKERS[0]!, GATEWAY_ADDRESS)).statusCode).toBe(401);
  });
});
