// The portal's customer screen (seed 001), audit log and administration, and the back office's
// /admin/consents search, through the API (docs/portal-api.md §6-§9).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addCustomerDevice } from '../../services/customers/add-customer-device.js';
import { auditRows, customerTables, givenCustomer, givenPartner } from '../../../test/helpers/customers.js';
import { basic, givenOperator } from '../../../test/helpers/factories.js';
import { createManageHarness, OTHER_TPP, TPP, type ManageHarness } from '../../../test/helpers/manage-api.js';
import { portal, signIn, type PortalSession } from '../../../test/helpers/portal.js';

let h: ManageHarness;
let officer: PortalSession;
let admin: PortalSession;
let olivia: string;
let paul: string;
let paulsPhone: string;
const OFFICER = { username: 'ann@gold.com', password: 'officer-password-1' };
const ADMIN = { username: 'root', password: 'admin-password-1' };
const SYSTEM = { type: 'system' as const, id: 'test' };

beforeEach(async () => {
  h = await createManageHarness();
  await givenOperator(h.t.ctx, OFFICER.username, ['customer-care-officer'], OFFICER.password);
  await givenOperator(h.t.ctx, ADMIN.username, ['admin'], ADMIN.password);
  await givenPartner(h.t.ctx, 'certnew');
  olivia = (
    await givenCustomer(h.t.ctx, 'certnew', {
      username: 'olivia_wallet_user@hotmail.com',
      email: 'olivia_wallet_user@hotmail.com',
      firstName: 'Olivia',
      lastName: 'Smith',
      phone: '9991234444',
      additionalCustomerInformation: [{ key: 'birthday', value: '08281970' }],
    })
  ).customer.customerId;
  h.t.clock.advance(1000);
  const paulProfile = await givenCustomer(h.t.ctx, 'certnew', {
    username: 'pauls_wallet@yahoo.com',
    email: 'pauls_wallet@yahoo.com',
    firstName: 'Paul',
    lastName: 'Casey',
    phone: '999-123-4444',
    address1: '445 Graceland Drive',
    city: 'Laguna Beach',
    additionalCustomerInformation: [{ key: 'birthday', value: '07101969' }],
  });
  paul = paulProfile.customer.customerId;
  paulsPhone = paulProfile.customer.phone;
  // Paul exceeded his failed password attempts (seed 001).
  await h.t.database.db
    .updateTable('customers')
    .set({ locked: 1, failed_logins: 5 })
    .where('customer_id', '=', paul)
    .execute();
  officer = await signIn(h.t, OFFICER.username, OFFICER.password);
  admin = await signIn(h.t, ADMIN.username, ADMIN.password);
});
afterEach(() => h.close());

describe('customers', () => {
  it('a phone lookup lists every match with what tells them apart, newest first, and is audited', async () => {
    const response = await portal(h.t, officer, 'GET', '/customers?phone=(999)%20123%204444');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.truncated).toBe(false);
    expect(body.items).toHaveLength(2);
    expect(body.items[0]).toMatchObject({
      customerId: paul,
      firstName: 'Paul',
      lastName: 'Casey',
      phone: paulsPhone,
      birthday: '07101969',
      address: { address1: '445 Graceland Drive', city: 'Laguna Beach' },
      active: true,
      locked: true,
      issuingPartner: { clientId: 'certnew', shortName: 'certnew' },
    });
    expect(body.items[0].customerUri).toMatch(/^certnew:entity:customer#/);
    expect(body.items[1]).toMatchObject({
      customerId: olivia,
      firstName: 'Olivia',
      birthday: '08281970',
      locked: false,
    });
    const audit = await auditRows(h.t, 'customer.lookup');
    expect(audit.at(-1)).toMatchObject({ actor_type: 'officer', actor_id: OFFICER.username });
    expect(audit.at(-1)!.details.customerIds).toEqual([paul, olivia]);
  });

  it.each([
    ['email', 'email=Pauls_Wallet@Yahoo.com', ['paul']],
    ['one-word name (first or last)', 'name=casey', ['paul']],
    ['first and last name', 'name=Olivia%20Smith', ['olivia']],
    ['username', 'username=olivia_wallet_user@hotmail.com', ['olivia']],
    ['customer id', 'customerId=PAUL', ['paul']],
    ['phone and name together', 'phone=9991234444&name=olivia', ['olivia']],
    ['a name nobody has', 'name=nobody', []],
  ])('looks up by %s', async (_case, query, expected) => {
    const resolved = query.replace('PAUL', paul);
    const response = await portal(h.t, officer, 'GET', `/customers?${resolved}`);
    expect(response.statusCode).toBe(200);
    const names = { [paul]: 'paul', [olivia]: 'olivia' };
    expect(response.json().items.map((c: { customerId: string }) => names[c.customerId])).toEqual(expected);
  });

  it('a lookup with no criterion is a 400', async () => {
    for (const query of ['', '?phone=%20', '?shoeSize=9']) {
      const response = await portal(h.t, officer, 'GET', `/customers${query}`);
      expect(response.statusCode, query).toBe(400);
    }
  });

  it('opens a customer with devices and consents', async () => {
    const device = await addCustomerDevice(
      h.t.ctx,
      paul,
      { deviceName: "Paul's phone", deviceType: 'iPhone' },
      SYSTEM,
      null,
    );
    const { consentId } = await h.create('account-access-consents');
    await h.send('PUT', `account-access-consents/${consentId}`, {
      internal: true,
      payload: {
        status: 'Authorised',
        authorizationResources: [
          {
            userID: 'pauls_wallet@yahoo.com',
            authorizationType: 'authorisation',
            authorizationStatus: 'Authorised',
            resources: [{ accountID: '31820', permission: 'ReadBalances', mappingStatus: 'active' }],
          },
        ],
      },
    });
    const response = await portal(h.t, officer, 'GET', `/customers/${paul}`);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      customer: { customerId: paul, locked: true, failedLogins: 5, emailVerified: false },
      devices: [{ deviceId: device.deviceId, deviceName: "Paul's phone", active: true }],
      consents: [{ consentId, status: 'Valid', userId: 'pauls_wallet@yahoo.com' }],
    });
    expect((await portal(h.t, officer, 'GET', '/customers/nobody')).statusCode).toBe(404);
  });

  it('unlock runs deactivate then activate as one action: locked turns false, both steps audited', async () => {
    const response = await portal(h.t, officer, 'POST', `/customers/${paul}/unlock`);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json().customer).toMatchObject({
      customerId: paul,
      active: true,
      locked: false,
      failedLogins: 0,
    });
    const row = await h.t.database.db
      .selectFrom('customers')
      .selectAll()
      .where('customer_id', '=', paul)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({ active: 1, locked: 0, failed_logins: 0 });
    const audit = (await auditRows(h.t)).filter((r) => r.target_id === paul);
    expect(audit.map((r) => r.action)).toEqual([
      'customer.created',
      'customer.deactivated',
      'customer.activated',
    ]);
    expect(audit[2]).toMatchObject({ actor_type: 'officer', actor_id: OFFICER.username });
    expect(audit[2]!.details).toMatchObject({
      partner: 'certnew',
      before: { locked: true },
      after: { locked: false },
    });

    // The audit log shows it to the officer.
    const log = await portal(h.t, officer, 'GET', `/audit-events?targetId=${paul}&action=customer.activated`);
    expect(log.json()).toMatchObject({
      total: 1,
      items: [{ actorId: OFFICER.username, action: 'customer.activated' }],
    });

    // Olivia is not locked: nothing to do, nothing audited.
    const before = await auditRows(h.t);
    expect((await portal(h.t, officer, 'POST', `/customers/${olivia}/unlock`)).statusCode).toBe(200);
    expect(await auditRows(h.t)).toHaveLength(before.length);
  });

  it('wallet and device deactivate/activate, audited with the officer; unknown ids are 404 and change nothing', async () => {
    const device = await addCustomerDevice(
      h.t.ctx,
      olivia,
      { deviceName: 'Tablet', deviceType: 'iPad' },
      SYSTEM,
      null,
    );
    const off = await portal(h.t, officer, 'POST', `/customers/${olivia}/deactivate`, { payload: {} });
    expect(off.json().customer.active).toBe(false);
    const on = await portal(h.t, officer, 'POST', `/customers/${olivia}/activate`);
    expect(on.json().customer.active).toBe(true);
    const deviceOff = await portal(
      h.t,
      officer,
      'POST',
      `/customers/${olivia}/devices/${device.deviceId}/deactivate`,
    );
    expect(deviceOff.json().devices).toMatchObject([{ deviceId: device.deviceId, active: false }]);
    const deviceOn = await portal(
      h.t,
      officer,
      'POST',
      `/customers/${olivia}/devices/${device.deviceId}/activate`,
    );
    expect(deviceOn.json().devices).toMatchObject([{ deviceId: device.deviceId, active: true }]);
    const actions = (await auditRows(h.t))
      .filter((r) => r.actor_type === 'officer' && r.target_id === olivia)
      .map((r) => r.action);
    expect(actions).toEqual([
      'customer.deactivated',
      'customer.activated',
      'device.deactivated',
      'device.activated',
    ]);

    const before = await customerTables(h.t);
    expect((await portal(h.t, officer, 'POST', `/customers/nobody/unlock`)).statusCode).toBe(404);
    const otherDevice = await portal(
      h.t,
      officer,
      'POST',
      `/customers/${paul}/devices/${device.deviceId}/deactivate`,
    );
    expect(otherDevice.statusCode).toBe(404);
    expect(otherDevice.json().code).toBe('device.not_found');
    expect(await customerTables(h.t)).toEqual(before);
  });
});

describe('audit log', () => {
  it('filters by officer, action, target and date, and pages', async () => {
    await portal(h.t, officer, 'POST', `/customers/${paul}/unlock`);
    h.t.clock.advance(60_000);
    const later = new Date(h.t.clock.now()).toISOString();
    await portal(h.t, officer, 'POST', `/customers/${olivia}/deactivate`);
    const mine = await portal(
      h.t,
      officer,
      'GET',
      `/audit-events?actor=${encodeURIComponent(OFFICER.username)}`,
    );
    const actions = mine.json().items.map((i: { action: string }) => i.action);
    expect(actions).toEqual([
      'customer.deactivated',
      'customer.activated',
      'customer.deactivated',
      'portal.signed_in',
    ]);
    expect(mine.json().total).toBe(4);
    const page = await portal(
      h.t,
      officer,
      'GET',
      `/audit-events?actor=${encodeURIComponent(OFFICER.username)}&limit=2&offset=1`,
    );
    expect(page.json()).toMatchObject({ total: 4, limit: 2, offset: 1 });
    expect(page.json().items.map((i: { action: string }) => i.action)).toEqual([
      'customer.activated',
      'customer.deactivated',
    ]);
    const since = await portal(h.t, officer, 'GET', `/audit-events?from=${encodeURIComponent(later)}`);
    expect(since.json().items).toMatchObject([{ action: 'customer.deactivated', targetId: olivia }]);
    const target = await portal(h.t, officer, 'GET', `/audit-events?targetType=customer&targetId=${olivia}`);
    expect(target.json().items.map((i: { action: string }) => i.action)).toEqual([
      'customer.deactivated',
      'customer.created',
    ]);
    expect((await portal(h.t, officer, 'GET', '/audit-events?limit=1000')).statusCode).toBe(400);
    expect((await portal(h.t, officer, 'GET', '/audit-events?from=soon')).statusCode).toBe(400);
  });
});

describe('administration', () => {
  it('operators: create, roles, reset password, unlock, deactivate; audited as the admin', async () => {
    const created = await portal(h.t, admin, 'POST', '/admin/operators', {
      payload: { username: 'bob@gold.com', password: 'bob-password-1', roles: ['customer-care-officer'] },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      username: 'bob@gold.com',
      roles: ['customer-care-officer'],
      active: true,
      locked: false,
    });
    const roles = await portal(h.t, admin, 'PATCH', '/admin/operators/bob@gold.com', {
      payload: { roles: ['admin'] },
    });
    expect(roles.json().roles).toEqual(['admin']);
    const reset = await portal(h.t, admin, 'PATCH', '/admin/operators/bob@gold.com', {
      payload: { password: 'new-password-1' },
    });
    expect(reset.statusCode).toBe(200);
    expect((await signIn(h.t, 'bob@gold.com', 'new-password-1')).csrfToken).toBeTruthy();
    const off = await portal(h.t, admin, 'PATCH', '/admin/operators/bob@gold.com', {
      payload: { active: false },
    });
    expect(off.json().active).toBe(false);
    const audit = (await auditRows(h.t)).filter(
      (r) => r.target_id === 'bob@gold.com' && r.actor_type === 'admin',
    );
    expect(audit.length).toBeGreaterThanOrEqual(3);
    expect(audit.every((r) => r.actor_id === ADMIN.username)).toBe(true);
    const dup = await portal(h.t, admin, 'POST', '/admin/operators', {
      payload: { username: 'bob@gold.com', password: 'bob-password-1', roles: ['admin'] },
    });
    expect(dup.statusCode).toBe(409);
    const bad = await portal(h.t, admin, 'POST', '/admin/operators', {
      payload: { username: 'x', roles: ['king'] },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('TPP clients: register, rotate the secret (shown once), disable', async () => {
    const created = await portal(h.t, admin, 'POST', '/admin/clients', {
      payload: { name: 'Acme Budgeting', roles: ['AISP'] },
    });
    expect(created.statusCode).toBe(201);
    const { clientId, clientSecret } = created.json();
    expect(clientSecret).toEqual(expect.any(String));
    const list = await portal(h.t, admin, 'GET', '/admin/clients');
    const listed = list.json().items.find((c: { clientId: string }) => c.clientId === clientId);
    expect(listed).toMatchObject({ name: 'Acme Budgeting', active: true });
    expect(listed.clientSecret).toBeUndefined();
    const rotated = await portal(h.t, admin, 'POST', `/admin/clients/${clientId}/secret`);
    expect(rotated.json().clientSecret).not.toBe(clientSecret);
    const disabled = await portal(h.t, admin, 'PATCH', `/admin/clients/${clientId}`, {
      payload: { active: false },
    });
    expect(disabled.json().active).toBe(false);
    // The officer's select lists TPPs by name (partners are not TPPs).
    const select = await portal(h.t, officer, 'GET', '/clients');
    expect(select.json().items.map((c: { clientId: string }) => c.clientId)).toEqual([
      clientId,
      `${TPP}`,
      OTHER_TPP,
    ]);
  });
});

describe('/admin/consents (back office, Basic admin)', () => {
  const auth = basic(ADMIN.username, ADMIN.password);
  const get = (query: string, authorization = auth) =>
    h.t.app.inject({ method: 'GET', url: `/admin/consents${query}`, headers: { authorization } });

  it('searches with WSO2 parameters and answers {data, metadata}', async () => {
    const a = (await h.create('account-access-consents')).consentId;
    h.t.clock.advance(2000);
    const b = (await h.create('account-access-consents', { client: OTHER_TPP })).consentId;
    await h.send('DELETE', `account-access-consents/${b}`, { client: OTHER_TPP });
    const pay = (await h.create('domestic-payment-consents')).consentId;
    const all = await get('?consentTypes=accounts');
    expect(all.statusCode).toBe(200);
    expect(all.json().metadata).toEqual({ count: 2, offset: 0, limit: 25, total: 2 });
    expect(all.json().data.map((d: { consentID: string }) => d.consentID)).toEqual([b, a]);
    expect(all.json().data[0]).toMatchObject({
      consentID: b,
      consentType: 'accounts',
      currentStatus: 'Revoked',
      clientID: OTHER_TPP,
      receipt: { Data: {} },
    });
    expect(
      (await get(`?consentStatuses=Revoked`)).json().data.map((d: { consentID: string }) => d.consentID),
    ).toEqual([b]);
    expect((await get(`?clientIDs=${TPP}`)).json().metadata.total).toBe(2);
    expect((await get(`?consentIDs=${a},${pay}&consentTypes=payments`)).json().data[0].consentID).toBe(pay);
    const created = Math.floor(h.t.clock.now() / 1000);
    expect((await get(`?fromTime=${created}`)).json().metadata.total).toBe(2);
    expect((await get(`?limit=1&offset=1&consentTypes=accounts`)).json()).toMatchObject({
      metadata: { count: 1, offset: 1, limit: 1, total: 2 },
    });

    const history = await h.t.app.inject({
      method: 'GET',
      url: `/admin/consents/${b}/history`,
      headers: { authorization: auth },
    });
    expect(history.json().data).toMatchObject([
      {
        consentID: b,
        previousStatus: null,
        currentStatus: 'AwaitingAuthorisation',
        actorType: 'tpp',
        actionBy: OTHER_TPP,
      },
      { previousStatus: 'AwaitingAuthorisation', currentStatus: 'Revoked', actorType: 'tpp' },
    ]);
    const unknown = await h.t.app.inject({
      method: 'GET',
      url: `/admin/consents/4d0b8b8f-0f3a-4c43-9d0a-5e8f2f5a9c11/history`,
      headers: { authorization: auth },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it.each([
    '?consentStatuses=Happy',
    '?consentTypes=loans',
    '?limit=0',
    '?fromTime=abc',
    '?fromTime=20&toTime=10',
    '?consentIDs=,',
  ])('a bad query %s is a 400 in the admin format', async (query) => {
    const response = await get(query);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toMatch(/^request\./);
  });

  it('needs an admin: anonymous 401, an officer 403', async () => {
    expect((await get('', '')).statusCode).toBe(401);
    expect((await get('', basic(OFFICER.username, OFFICER.password))).statusCode).toBe(403);
  });
});
