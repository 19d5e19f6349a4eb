import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COF, givenAccount, givenPsu, givenTpp, tokenFor } from '../../../test/helpers/funds.js';
import { createTestContext, TEST_NOW, type TestContext } from '../../../test/helpers/test-context.js';

const MINUTE = 60_000;
const DAY = 86_400_000;
let t: TestContext;
let token: string;
let otherToken: string;
let account: string;
const ids: string[] = [];
let lapsed: string;

function iso(ms: number) {
  return new Date(ms).toISOString();
}

async function create(withToken: string, expires = TEST_NOW + 30 * DAY): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: `${COF}/funds-confirmation-consents`,
    headers: {
      authorization: `Bearer ${withToken}`,
      'x-fapi-financial-id': t.ctx.config.financialId,
      userid: 'someone',
      'content-type': 'application/json',
    },
    payload: {
      Data: {
        ExpirationDateTime: iso(expires),
        DebtorAccount: { SchemeName: 'UK.OBIE.PAN', Identification: '5555444433332222' },
      },
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().Data.ConsentId;
}

async function bind(consentId: string, userId: string, status: string, accountIds: string[]) {
  const response = await t.app.inject({
    method: 'POST',
    url: `${COF}/funds-confirmation-user-consent`,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: { ConsentId: consentId, userId, accountIds, status, collectionMethod: 'web' },
  });
  expect(response.statusCode).toBe(201);
}

function search(query: string, withToken = token) {
  return t.app.inject({
    method: 'GET',
    url: `${COF}/funds-confirmation-consents${query}`,
    headers: { authorization: `Bearer ${withToken}` },
  });
}

beforeAll(async () => {
  t = await createTestContext({ rateLimitBurst: 100_000 });
  await givenTpp(t, 'cbpii-s', ['CBPII']);
  await givenTpp(t, 'cbpii-t', ['CBPII']);
  token = await tokenFor(t, 'cbpii-s');
  otherToken = await tokenFor(t, 'cbpii-t');
  const ann = await givenPsu(t.ctx, 'ann');
  await givenPsu(t.ctx, 'bob');
  account = (await givenAccount(t.ctx, ann.customerId)).accountId;
  const bobAccount = (
    await givenAccount(t.ctx, (await t.ctx.storage.repos.customers.findByUsername('bob'))!.customerId)
  ).accountId;
  // 30 consents one minute apart: #0 oldest. #0-#9 ann Authorised, #10-#14 bob Rejected, the rest waiting.
  for (let i = 0; i < 30; i += 1) {
    ids.push(await create(token));
    t.clock.advance(MINUTE);
  }
  for (let i = 0; i < 10; i += 1) await bind(ids[i]!, 'ann', 'Authorised', [account]);
  for (let i = 10; i < 15; i += 1) await bind(ids[i]!, 'bob', 'Rejected', [bobAccount]);
  await create(otherToken);
  // Authorised, then past its expiry: stored Authorised, read as Expired.
  lapsed = await create(token, t.clock.now() + MINUTE);
  await bind(lapsed, 'ann', 'Authorised', [account]);
  t.clock.advance(2 * MINUTE);
  token = await tokenFor(t, 'cbpii-s');
  otherToken = await tokenFor(t, 'cbpii-t');
});
afterAll(() => t.close());

describe('GET /funds-confirmation-consents', () => {
  it('lists the caller’s consents newest first, 25 by default, with the total count', async () => {
    const response = await search('');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.count).toBe(31);
    expect(body.list).toHaveLength(25);
    expect(body.list[0].ConsentId).toBe(lapsed);
    expect(body.list[1].ConsentId).toBe(ids[29]);
    expect(body.list.map((i: { clientId: string }) => i.clientId)).toEqual(Array(25).fill('cbpii-s'));
  });

  it('answers each item with the seed fields', async () => {
    const body = (await search(`?userId=ann&limit=1&offset=1`)).json();
    const item = body.list[0];
    expect(item).toEqual({
      ConsentId: ids[9],
      fundsConfirmationResponseData: {
        Data: {
          ConsentId: ids[9],
          CreationDateTime: expect.any(String),
          Status: 'Authorised',
          StatusUpdateDateTime: expect.any(String),
          ExpirationDateTime: expect.any(String),
          DebtorAccount: { SchemeName: 'UK.OBIE.PAN', Identification: '5555444433332222' },
        },
        Links: { Self: expect.stringContaining(`/funds-confirmation-consents/${ids[9]}`) },
        Meta: { TotalPages: 1 },
      },
      initiationTimestamp: iso(TEST_NOW + 9 * MINUTE),
      status: 'Authorised',
      clientId: 'cbpii-s',
      userId: 'ann',
      debtorAccount: account,
      consentGivenTimestamp: expect.any(String),
      collectionMethod: 'web',
    });
    const waiting = (await search(`?status=AwaitingAuthorisation&limit=1`)).json().list[0];
    expect(waiting).toMatchObject({
      userId: null,
      debtorAccount: '5555444433332222',
      consentGivenTimestamp: null,
      collectionMethod: null,
    });
  });

  it('pages with limit and offset; count stays the total', async () => {
    const page = (await search('?limit=5&offset=28')).json();
    expect(page.count).toBe(31);
    expect(page.list.map((i: { ConsentId: string }) => i.ConsentId)).toEqual([ids[2], ids[1], ids[0]]);
    expect((await search('?limit=1000')).json().list).toHaveLength(31);
  });

  it('filters by user, status (with lazy expiry) and client', async () => {
    expect((await search('?userId=ann')).json().count).toBe(11);
    expect((await search('?userId=bob')).json().count).toBe(5);
    expect((await search('?userId=ann,bob')).json().count).toBe(16);
    expect((await search('?status=Authorised')).json().count).toBe(10);
    expect((await search('?status=Rejected')).json().count).toBe(5);
    expect((await search('?status=AwaitingAuthorisation')).json().count).toBe(15);
    const expired = (await search('?status=Expired')).json();
    expect(expired.count).toBe(1);
    expect(expired.list[0]).toMatchObject({ ConsentId: lapsed, status: 'Expired' });
    expect((await search('?status=Authorised,Rejected')).json().count).toBe(15);
    expect((await search('?userId=ann&status=Authorised')).json().count).toBe(10);
    expect((await search('?clientId=cbpii-s')).json().count).toBe(31);
  });

  it('never shows another client’s consents', async () => {
    expect((await search('?clientId=cbpii-t')).json()).toEqual({ count: 0, list: [] });
    const other = (await search('', otherToken)).json();
    expect(other.count).toBe(1);
    expect(other.list[0].clientId).toBe('cbpii-t');
  });

  it('filters by creation time, both ends inclusive', async () => {
    const from = iso(TEST_NOW + 10 * MINUTE);
    const to = iso(TEST_NOW + 14 * MINUTE);
    const body = (await search(`?fromTimestamp=${from}&toTimestamp=${to}`)).json();
    expect(body.count).toBe(5);
    expect(body.list.map((i: { ConsentId: string }) => i.ConsentId)).toEqual(
      [14, 13, 12, 11, 10].map((i) => ids[i]),
    );
    // 08:46:08Z, written with an offset: the 30 minutes of consents and the lapsed one at its end.
    const offset = encodeURIComponent('2026-03-16T09:46:08+01:00');
    expect((await search(`?toTimestamp=${offset}`)).json().count).toBe(31);
  });

  it('refuses bad parameters with 400 in the OB format', async () => {
    for (const [query, errorCode] of [
      ['?fromTimestamp=yesterday', 'UK.OBIE.Field.InvalidDate'],
      ['?toTimestamp=2026-03-16', 'UK.OBIE.Field.InvalidDate'],
      [`?fromTimestamp=${iso(TEST_NOW + DAY)}&toTimestamp=${iso(TEST_NOW)}`, 'UK.OBIE.Field.InvalidDate'],
      ['?limit=1001', 'UK.OBIE.Field.Invalid'],
      ['?limit=0', 'UK.OBIE.Field.Invalid'],
      ['?limit=ten', 'UK.OBIE.Field.Invalid'],
      ['?offset=-1', 'UK.OBIE.Field.Invalid'],
      ['?status=Bogus', 'UK.OBIE.Field.Invalid'],
    ] as const) {
      const response = await search(query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json().Errors[0].ErrorCode, query).toBe(errorCode);
    }
  });

  it('answers 401 without a token and 403 for another financial id', async () => {
    const none = await t.app.inject({ method: 'GET', url: `${COF}/funds-confirmation-consents` });
    expect(none.statusCode).toBe(401);
    const other = await t.app.inject({
      method: 'GET',
      url: `${COF}/funds-confirmation-consents`,
      headers: { authorization: `Bearer ${token}`, 'x-fapi-financial-id': 'another-bank' },
    });
    expect(other.statusCode).toBe(403);
  });
});
