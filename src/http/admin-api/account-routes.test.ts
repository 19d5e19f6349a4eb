import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { givenOperator } from '../../../test/helpers/factories.js';
import { givenPsu } from '../../../test/helpers/funds.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

let t: TestContext;
let admin: string;
let officer: string;
let ann: string;
let bob: string;

beforeAll(async () => {
  t = await createTestContext();
  admin = (await givenOperator(t.ctx, 'root', ['admin'])).authorization;
  officer = (await givenOperator(t.ctx, 'care', ['customer-care-officer'])).authorization;
  ann = (await givenPsu(t.ctx, 'ann')).customerId;
  bob = (await givenPsu(t.ctx, 'bob')).customerId;
});
afterAll(() => t.close());

const account = (fields: Record<string, unknown> = {}) => ({
  customerId: ann,
  schemeName: 'UK.OBIE.SortCodeAccountNumber',
  identification: `4040040000${Math.floor(Math.random() * 1e6)}`,
  name: 'Ann Main',
  currency: 'GBP',
  balance: '250.10',
  ...fields,
});

function send(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object, authorization = admin) {
  return t.app.inject({ method, url, headers: { authorization }, ...(payload ? { payload } : {}) });
}

const row = (accountId: string) =>
  t.database.db
    .selectFrom('bank_accounts')
    .selectAll()
    .where('account_id', '=', accountId)
    .executeTakeFirst();

describe('POST /admin/accounts', () => {
  it('creates an account (201, same fields), with an audit row', async () => {
    const body = account({ accountId: 'A-1', secondaryIdentification: 'roll-7' });
    const response = await send('POST', '/admin/accounts', body);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual(body);
    expect(await row('A-1')).toMatchObject({
      customer_id: ann,
      balance: '250.10',
      secondary_identification: 'roll-7',
    });
    const audit = await t.ctx.storage.repos.audit.listForTarget('account', 'A-1');
    expect(audit).toEqual([
      expect.objectContaining({ action: 'account.created', actor: { type: 'admin', id: 'root' } }),
    ]);
  });

  it('generates the account id when none is given, and keeps a numeric balance as decimal text', async () => {
    const response = await send('POST', '/admin/accounts', account({ balance: 12.5 }));
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ accountId: expect.any(String), balance: '12.5' });
  });

  it('refuses an unknown customer (400), a duplicate (409) and bad fields (400)', async () => {
    const unknown = await send('POST', '/admin/accounts', account({ customerId: 'nobody' }));
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: 'account.customer_unknown' });
    await send('POST', '/admin/accounts', account({ accountId: 'A-dup', identification: 'dup-ident' }));
    const sameId = await send('POST', '/admin/accounts', account({ accountId: 'A-dup' }));
    expect(sameId.statusCode).toBe(409);
    expect(sameId.json()).toMatchObject({ code: 'account.exists' });
    const sameIdentification = await send(
      'POST',
      '/admin/accounts',
      account({ identification: 'dup-ident' }),
    );
    expect(sameIdentification.statusCode).toBe(409);
    for (const bad of [
      account({ currency: 'gbp' }),
      account({ balance: '1,00' }),
      account({ balance: 1e-7 }),
      account({ extra: true }),
      { ...account(), name: undefined },
    ]) {
      const response = await send('POST', '/admin/accounts', JSON.parse(JSON.stringify(bad)));
      expect(response.statusCode).toBe(400);
    }
  });

  it('needs an admin: 401 without credentials, 403 for an officer', async () => {
    expect(
      (await t.app.inject({ method: 'POST', url: '/admin/accounts', payload: account() })).statusCode,
    ).toBe(401);
    expect((await send('POST', '/admin/accounts', account(), officer)).statusCode).toBe(403);
    expect((await send('GET', '/admin/accounts', undefined, officer)).statusCode).toBe(403);
  });
});

describe('GET /admin/accounts', () => {
  it('lists accounts, filtered by customerId', async () => {
    await send('POST', '/admin/accounts', account({ accountId: 'B-1', customerId: bob }));
    const all = (await send('GET', '/admin/accounts')).json();
    expect(all.length).toBeGreaterThan(1);
    const bobs = (await send('GET', `/admin/accounts?customerId=${bob}`)).json();
    expect(bobs).toEqual([expect.objectContaining({ accountId: 'B-1', customerId: bob })]);
    expect((await send('GET', '/admin/accounts?customerId=nobody')).json()).toEqual([]);
  });
});

describe('PATCH /admin/accounts/{accountId}', () => {
  it('changes the balance and other fields, with an audit row', async () => {
    await send('POST', '/admin/accounts', account({ accountId: 'P-1', secondaryIdentification: 'x' }));
    const response = await send('PATCH', '/admin/accounts/P-1', {
      balance: '-20.5',
      name: 'Renamed',
      secondaryIdentification: null,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ accountId: 'P-1', balance: '-20.5', name: 'Renamed' });
    expect(response.json()).not.toHaveProperty('secondaryIdentification');
    expect(await row('P-1')).toMatchObject({ balance: '-20.5', secondary_identification: null });
    const audit = await t.ctx.storage.repos.audit.listForTarget('account', 'P-1');
    expect(audit.map((a) => a.action)).toEqual(['account.created', 'account.updated']);
  });

  it('answers 404 for an unknown account and 400 for an empty or bad change', async () => {
    const unknown = await send('PATCH', '/admin/accounts/none', { balance: '1' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'account.not_found' });
    await send('POST', '/admin/accounts', account({ accountId: 'P-2' }));
    expect((await send('PATCH', '/admin/accounts/P-2', {})).statusCode).toBe(400);
    expect((await send('PATCH', '/admin/accounts/P-2', { currency: 'EURO' })).statusCode).toBe(400);
    expect((await send('PATCH', '/admin/accounts/P-2', { customerId: 'nobody' })).statusCode).toBe(400);
    expect((await row('P-2'))?.balance).toBe('250.10');
  });
});
