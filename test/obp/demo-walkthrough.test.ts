// The README's OBP walk-through against the demo data, in process: the demo consumer's key from the admin
// API, Olivia's DirectLogin, an EMAIL consent on 31820, the code from the dev outbox, calls with the JWT,
// and the demo manager's management list.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { seedDemoData } from '../../src/services/demo/seed-demo.js';
import { basic } from '../helpers/factories.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { directLoginHeader, obp } from '../helpers/obp.js';

let t: TestContext;
beforeAll(async () => {
  t = await createTestContext({}, { OTP_TRANSPORT: 'outbox' });
  await seedDemoData(t.ctx);
});
afterAll(() => t.close());

const admin = { authorization: basic('admin', 'demo-admin-password') };
const OLIVIA = 'olivia_wallet_user@hotmail.com';

it('walks the SCA flow of the README with the demo consumer and Olivia', async () => {
  const client = await t.app.inject({ url: '/admin/clients/demo-obp', headers: admin });
  const key = client.json().consumerKey as string;
  const login = await obp(t, 'POST', '/obp/v5.1.0/my/logins/direct', {
    headers: { directlogin: directLoginHeader(OLIVIA, 'demo-olivia-password', key) },
  });
  const token = login.json().token as string;
  const created = await obp(t, 'POST', '/obp/v5.1.0/banks/gh.29.uk/my/consents/EMAIL', {
    token,
    body: {
      everything: false,
      views: [{ bank_id: 'gh.29.uk', account_id: '31820', view_id: 'owner' }],
      entitlements: [],
      email: OLIVIA,
    },
  });
  expect(created.statusCode).toBe(201);
  const { consent_id: consentId, jwt } = created.json();
  const outbox = await t.app.inject({
    url: `/admin/dev/outbox?to=${encodeURIComponent(OLIVIA)}`,
    headers: admin,
  });
  const [message] = outbox.json().messages;
  expect(message).toMatchObject({ channel: 'EMAIL', to: OLIVIA, consentId });
  const answered = await obp(t, 'POST', `/obp/v5.1.0/banks/gh.29.uk/consents/${consentId}/challenge`, {
    token,
    body: { answer: message.code },
  });
  expect(answered.json().status).toBe('ACCEPTED');
  const headers = { 'consent-jwt': jwt, 'consumer-key': key };
  const own = await obp(t, 'GET', '/obp/v5.1.0/banks/gh.29.uk/accounts/31820/owner/account', { headers });
  expect(own.json()).toMatchObject({ id: '31820', balance: { currency: 'GBP', amount: '2500.00' } });
  const other = await obp(t, 'GET', '/obp/v5.1.0/banks/gh.29.uk/accounts/31822/owner/account', { headers });
  expect(other.statusCode).toBe(404);
  // Olivia is a PSU and holds no roles: the management list is the demo manager's.
  expect(await t.ctx.storage.repos.entitlements.listForCustomer('latYxDdNJhzm')).toEqual([]);
  const management = '/obp/v5.1.0/management/consents/banks/gh.29.uk';
  const refused = await obp(t, 'GET', management, { token });
  expect(refused.statusCode).toBe(403);
  expect(refused.json().message).toMatch(
    /^OBP-20006: User is missing one or more roles: CanGetConsentsAtOneBank/,
  );
  const managerLogin = await obp(t, 'POST', '/obp/v5.1.0/my/logins/direct', {
    headers: { directlogin: directLoginHeader('obp_manager@demo.example', 'demo-manager-password', key) },
  });
  expect(managerLogin.statusCode).toBe(201);
  const listed = await obp(t, 'GET', `${management}?user_id=latYxDdNJhzm`, {
    token: managerLogin.json().token as string,
  });
  expect(listed.statusCode).toBe(200);
  expect(listed.json().consents).toEqual([
    expect.objectContaining({ consent_reference_id: consentId, consumer_id: 'demo-obp', status: 'ACCEPTED' }),
  ]);
});
