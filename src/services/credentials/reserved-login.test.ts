// Issue 13 item 1: 99 wrong passwords and the right one, sent at once from one address. The lockout is
// decided before any password is checked, so at most the limit's number of guesses are evaluated and the
// right one (sent last) is refused; a lock drops cached verifications at once; a locked source answers the
// right and a wrong password alike; a lock that has ended restarts the count. Since item 2 the lock is
// per account and source (app.inject comes from 127.0.0.1); the account itself stays unlocked.
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import {
  auditRows,
  b2b,
  CUSTOMER_PASSWORD,
  givenCustomer,
  givenPartner,
  lookupBody,
} from '../../../test/helpers/customers.js';
import { basic, givenClient, givenOperator } from '../../../test/helpers/factories.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { authenticateCustomer } from '../customers/authenticate-customer.js';
import { getIssuingPartner } from '../customers/get-issuing-partner.js';

let t: TestContext;
const GUESSES = 99;

beforeAll(async () => {
  t = await createTestContext();
  await givenClient(t.ctx, 'guess-tpp');
});
afterAll(() => t.close());

const SOURCE = '127.0.0.1';

function sourceRow(type: 'operator' | 'partner' | 'customer', id: string) {
  return t.ctx.storage.repos.loginSources.find({ type, id, source: SOURCE });
}

const validation = { consentId: '5f0f5c4e-8a45-4d8e-9a36-0c1b8c7a2b11', clientId: 'guess-tpp' };

function validate(authorization: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/fs/consent/validate',
    headers: { authorization, 'content-type': 'application/json' },
    payload: JSON.stringify(validation),
  });
}

/** How many reservations were granted, i.e. how many passwords were actually checked. */
async function evaluated(spy: MockInstance): Promise<number> {
  const granted = await Promise.all(spy.mock.results.map((r) => r.value as Promise<unknown>));
  return granted.filter((g) => g !== undefined).length;
}

/** The wire body without the per-request id, to compare two refusals. */
function refusal(body: string): unknown {
  const parsed = JSON.parse(body) as Record<string, unknown>;
  delete parsed.Id;
  return parsed;
}

describe('parallel guesses against an operator (Basic on /api/fs/consent/validate)', () => {
  it('evaluates at most the limit, refuses the right password sent last, locks once', async () => {
    const gw = await givenOperator(t.ctx, 'guess-gw', ['consent-manager']);
    const limit = t.ctx.config.maxFailedLogins;
    const reserve = vi.spyOn(t.ctx.storage.repos.loginSources, 'reserveLoginAttempt');
    try {
      const headers = [
        ...Array.from({ length: GUESSES }, (_, i) => basic('guess-gw', `wrong-${i}`)),
        gw.authorization,
      ];
      const answers = await Promise.all(headers.map((h) => validate(h)));
      expect(answers.map((a) => a.statusCode)).toEqual(headers.map(() => 401));
      expect(await evaluated(reserve)).toBeLessThanOrEqual(limit);
    } finally {
      reserve.mockRestore();
    }
    const lockedUntil = t.clock.now() + t.ctx.config.lockoutMinutes * 60_000;
    const stored = await t.ctx.storage.repos.operators.findByUsername('guess-gw');
    expect(stored).toMatchObject({ failedLogins: limit, lockedUntil: null });
    expect(await sourceRow('operator', stored!.operatorId)).toEqual({ failures: limit, lockedUntil });
    const locks = (await auditRows(t, 'operator.locked')).filter((r) => r.target_id === 'guess-gw');
    expect(locks).toHaveLength(1);
    expect(locks[0]!.details).toEqual({ scope: 'source', source: SOURCE, failedLogins: limit, lockedUntil });
  });

  it('drops a cached verification the moment the lock is set; right and wrong then answer alike', async () => {
    const gw = await givenOperator(t.ctx, 'guess-cached', ['consent-manager']);
    expect((await validate(gw.authorization)).statusCode).toBe(200); // verified and cached
    for (let i = 0; i < t.ctx.config.maxFailedLogins; i++)
      expect((await validate(basic('guess-cached', `wrong-${i}`))).statusCode).toBe(401);
    // No clock advance: the cache entry is still fresh, yet the lock wins at once.
    const right = await validate(gw.authorization);
    const wrong = await validate(basic('guess-cached', 'wrong-again'));
    expect(right.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(refusal(right.body)).toEqual(refusal(wrong.body));
    expect(refusal(right.body)).toMatchObject({
      Code: '401',
      Errors: [{ ErrorCode: 'UK.OBIE.Header.Invalid' }],
    });
    // Nothing is counted while locked.
    const stored = await t.ctx.storage.repos.operators.findByUsername('guess-cached');
    expect(stored!.failedLogins).toBe(t.ctx.config.maxFailedLogins);
    expect((await sourceRow('operator', stored!.operatorId))!.failures).toBe(t.ctx.config.maxFailedLogins);
  });

  it('restarts the count when a lock ends, so one guess per period cannot keep the account locked', async () => {
    const gw = await givenOperator(t.ctx, 'guess-ends', ['consent-manager']);
    for (let i = 0; i < t.ctx.config.maxFailedLogins; i++) await validate(basic('guess-ends', `wrong-${i}`));
    t.clock.advance(t.ctx.config.lockoutMinutes * 60_000 + 1);
    expect((await validate(basic('guess-ends', 'one-more'))).statusCode).toBe(401);
    const { operatorId } = (await t.ctx.storage.repos.operators.findByUsername('guess-ends'))!;
    expect(await sourceRow('operator', operatorId)).toEqual({ failures: 1, lockedUntil: null });
    expect((await validate(gw.authorization)).statusCode).toBe(200);
    expect((await t.ctx.storage.repos.operators.findByUsername('guess-ends'))!.failedLogins).toBe(0);
    expect(await sourceRow('operator', operatorId)).toBeUndefined();
  });
});

describe('parallel guesses against a B2B partner (Basic on /b2b-gateway/customers/lookup)', () => {
  it('evaluates at most the limit and refuses the right secret sent last', async () => {
    const partner = await givenPartner(t.ctx, 'guess-bank');
    await getIssuingPartner(t.ctx, partner.clientId);
    const limit = t.ctx.config.maxFailedLogins;
    const reserve = vi.spyOn(t.ctx.storage.repos.loginSources, 'reserveLoginAttempt');
    const body = lookupBody({ emailAddress: 'nobody@example.com' });
    try {
      const headers = [
        ...Array.from({ length: GUESSES }, (_, i) => basic(partner.clientId, `wrong-${i}`)),
        partner.authorization,
      ];
      const answers = await Promise.all(headers.map((h) => b2b(t, 'lookup', body, h)));
      expect(answers.map((a) => a.statusCode)).toEqual(headers.map(() => 401));
      expect(await evaluated(reserve)).toBeLessThanOrEqual(limit);
      // A locked partner: the right and a wrong secret get the same body.
      const right = await b2b(t, 'lookup', body, partner.authorization);
      const wrong = await b2b(t, 'lookup', body, basic(partner.clientId, 'nope'));
      expect(right.statusCode).toBe(401);
      expect(right.json()).toEqual(wrong.json());
    } finally {
      reserve.mockRestore();
    }
    const row = await t.database.db
      .selectFrom('issuing_partners')
      .select(['failed_logins', 'locked_until'])
      .where('client_id', '=', partner.clientId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ failed_logins: limit, locked_until: null });
    expect(await sourceRow('partner', partner.clientId)).toEqual({
      failures: limit,
      lockedUntil: t.clock.now() + t.ctx.config.lockoutMinutes * 60_000,
    });
    expect(
      (await auditRows(t, 'partner.locked')).filter((r) => r.target_id === partner.clientId),
    ).toHaveLength(1);
  });
});

describe('parallel guesses against a customer (authenticateCustomer, used by DirectLogin)', () => {
  it('evaluates at most the limit, refuses the right password sent last, and a later success does not unlock the source', async () => {
    await givenPartner(t.ctx, 'guess-wallets');
    const { customer } = await givenCustomer(t.ctx, 'guess-wallets');
    const limit = t.ctx.config.maxFailedLogins;
    const reserve = vi.spyOn(t.ctx.storage.repos.loginSources, 'reserveLoginAttempt');
    try {
      const passwords = [...Array.from({ length: GUESSES }, (_, i) => `wrong-${i}`), CUSTOMER_PASSWORD];
      const results = await Promise.allSettled(
        passwords.map((password) =>
          authenticateCustomer(t.ctx, { source: '127.0.0.1', username: customer.username, password }),
        ),
      );
      expect(results.map((r) => r.status === 'rejected' && (r.reason as { code: string }).code)).toEqual(
        passwords.map(() => 'auth.invalid'),
      );
      expect(await evaluated(reserve)).toBeLessThanOrEqual(limit);
    } finally {
      reserve.mockRestore();
    }
    // Locked: the right password answers exactly as a wrong one, and neither resets the count.
    const right = authenticateCustomer(t.ctx, {
      source: '127.0.0.1',
      username: customer.username,
      password: CUSTOMER_PASSWORD,
    });
    await expect(right).rejects.toMatchObject({ code: 'auth.invalid', message: expect.any(String) });
    const wrong = await authenticateCustomer(t.ctx, {
      source: '127.0.0.1',
      username: customer.username,
      password: 'x',
    }).catch((e: Error) => e.message);
    expect(await right.catch((e: Error) => e.message)).toBe(wrong);
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject({
      locked: false,
      active: true,
      failedLogins: limit,
      lastLoginAt: null,
    });
    expect((await sourceRow('customer', customer.customerId))!.failures).toBe(limit);
    const locks = (await auditRows(t, 'customer.locked')).filter((r) => r.target_id === customer.customerId);
    expect(locks).toHaveLength(1);
    expect(locks[0]!.details).toMatchObject({ scope: 'source', failedLogins: limit, maxFailedLogins: limit });
  }, 60_000); // each refused attempt still costs the decoy scrypt (same timing as a wrong password)

  it('a right password that is the attempt reaching the limit lifts its own provisional lock', async () => {
    await givenPartner(t.ctx, 'guess-wallets-2');
    const { customer } = await givenCustomer(t.ctx, 'guess-wallets-2');
    const limit = t.ctx.config.maxFailedLogins;
    for (let i = 0; i < limit - 1; i++)
      await expect(
        authenticateCustomer(t.ctx, {
          source: '127.0.0.1',
          username: customer.username,
          password: `wrong-${i}`,
        }),
      ).rejects.toMatchObject({ code: 'auth.invalid' });
    await expect(
      authenticateCustomer(t.ctx, {
        source: '127.0.0.1',
        username: customer.username,
        password: CUSTOMER_PASSWORD,
      }),
    ).resolves.toMatchObject({ customerId: customer.customerId, failedLogins: 0 });
    expect(await t.ctx.storage.repos.customers.findById(customer.customerId)).toMatchObject({
      locked: false,
      failedLogins: 0,
      lastLoginAt: t.clock.now(),
    });
    expect(
      (await auditRows(t, 'customer.locked')).filter((r) => r.target_id === customer.customerId),
    ).toEqual([]);
  });
});
