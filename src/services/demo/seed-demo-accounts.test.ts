// The demo data as `npm start` seeds it: accounts for the demo customers, the demo CBPII's consent on
// account 31820, and the README's curl walk-through against it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basic } from '../../../test/helpers/factories.js';
import { COF, FINANCIAL_ID } from '../../../test/helpers/funds.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { DEMO_ACCOUNTS } from './seed-demo-accounts.js';
import { seedDemoData } from './seed-demo.js';

const OLIVIA = 'olivia_wallet_user@hotmail.com';
let t: TestContext;
let token: string;

beforeAll(async () => {
  t = await createTestContext();
  await seedDemoData(t.ctx);
  await seedDemoData(t.ctx);
  const response = await t.app.inject({
    method: 'POST',
    url: '/oauth2/token',
    headers: {
      authorization: basic('demo-cbpii', 'demo-cbpii-secret'),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: 'grant_type=client_credentials&scope=fundsconfirmations',
  });
  expect(response.statusCode).toBe(200);
  token = response.json().access_token;
});
afterAll(() => t.close());

function cof(method: 'GET' | 'POST' | 'DELETE', path: string, payload?: object) {
  return t.app.inject({
    method,
    url: `${COF}${path}`,
    headers: {
      authorization: `Bearer ${token}`,
      'x-fapi-financial-id': FINANCIAL_ID,
      userid: OLIVIA,
      ...(payload ? { 'content-type': 'application/json' } : {}),
    },
    ...(payload ? { payload } : {}),
  });
}

describe('demo accounts', () => {
  it('are seeded once for the demo customers, 31820 being Olivia’s', async () => {
    const accounts = await t.ctx.storage.repos.bankAccounts.list();
    expect(accounts.map((a) => a.accountId).sort()).toEqual(DEMO_ACCOUNTS.map((a) => a.accountId).sort());
    const olivia = await t.ctx.storage.repos.customers.findByUsername(OLIVIA);
    expect((await t.ctx.storage.repos.bankAccounts.findById('31820'))?.customerId).toBe(olivia?.customerId);
  });

  it('back the demo CBPII consent: it confirms funds on 31820', async () => {
    const list = (await cof('GET', '/funds-confirmation-consents?status=Authorised')).json();
    expect(list.count).toBe(1);
    expect(list.list[0]).toMatchObject({ userId: OLIVIA, debtorAccount: '31820', clientId: 'demo-cbpii' });
    const consentId = list.list[0].ConsentId;
    // Its DebtorAccount is account 31820 as the sample bank knows it (the README says so).
    const account = DEMO_ACCOUNTS.find((a) => a.accountId === '31820')!;
    expect((await cof('GET', `/funds-confirmation-consents/${consentId}`)).json().Data.DebtorAccount).toEqual(
      {
        SchemeName: account.schemeName,
        Identification: account.identification,
        Name: account.name,
      },
    );
    const confirm = (amount: string) =>
      cof('POST', '/funds-confirmations', {
        Data: {
          ConsentId: consentId,
          Reference: 'Demo',
          InstructedAmount: { Amount: amount, Currency: 'GBP' },
        },
      });
    expect((await confirm('20.00')).json().Data.FundsAvailable).toBe(true);
    expect((await confirm('5000.00')).json().Data.FundsAvailable).toBe(false);
  });

  it('carry the README walk-through: create, bind, validate, confirm, search, revoke', async () => {
    const created = await cof('POST', '/funds-confirmation-consents', {
      Data: {
        ExpirationDateTime: '2030-01-01T00:00:00+00:00',
        DebtorAccount: {
          SchemeName: 'UK.OBIE.SortCodeAccountNumber',
          Identification: '40400400031820',
          Name: 'Olivia Smith',
        },
      },
    });
    expect(created.statusCode).toBe(201);
    const consentId = created.json().Data.ConsentId;
    const bound = await cof('POST', '/funds-confirmation-user-consent', {
      ConsentId: consentId,
      collectionMethod: 'web',
      userId: OLIVIA,
      accountIds: ['31820'],
      status: 'Authorised',
      givenTimeStamp: '2026-03-16T08:15:00.000Z',
    });
    expect(bound.statusCode).toBe(201);
    const valid = await cof('POST', '/funds-confirmation-validation', {
      clientId: 'demo-cbpii',
      userId: OLIVIA,
      ConsentId: consentId,
    });
    expect(valid.statusCode).toBe(200);
    const confirmed = await cof('POST', '/funds-confirmations', {
      Data: {
        ConsentId: consentId,
        Reference: 'Purchase01',
        InstructedAmount: { Amount: '20.00', Currency: 'GBP' },
      },
    });
    expect(confirmed.json().Data.FundsAvailable).toBe(true);
    const euro = await cof('POST', '/funds-confirmations', {
      Data: {
        ConsentId: consentId,
        Reference: 'Purchase02',
        InstructedAmount: { Amount: '20.00', Currency: 'EUR' },
      },
    });
    expect(euro.statusCode).toBe(400);
    expect((await cof('GET', `/funds-confirmation-consents?userId=${OLIVIA}`)).json().count).toBe(2);
    expect((await cof('DELETE', `/funds-confirmation-consents/${consentId}`)).statusCode).toBe(204);
  });
});
