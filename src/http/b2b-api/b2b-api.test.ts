import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCustomerDevice } from '../../services/customers/add-customer-device.js';
import { authenticateCustomer } from '../../services/customers/authenticate-customer.js';
import { seedDemoCustomers } from '../../services/demo/seed-demo-customers.js';
import { updateClient } from '../../services/admin/update-client.js';
import { basic, givenClient } from '../../../test/helpers/factories.js';
import {
  activationBody,
  auditRows,
  b2b,
  customerTables,
  EMPTY_HEADER,
  givenCustomer,
  givenPartner,
  lookupBody,
} from '../../../test/helpers/customers.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import {
  SEED_LOOKUP_REQUEST,
  SEED_LOOKUP_RESPONSE,
  seedActivationRequest,
} from '../../../test/fixtures/seed-001.js';

let t: TestContext;
let certnew: string;
let other: { clientId: string; authorization: string };
const ADMIN = { type: 'admin' as const, id: 'test-admin' };
const PAUL_URI = 'certnew:entity:customer#e1f42d4d-587a-46c1-8de9-2b21846c02c0';
const OLIVIA_URI = 'certnew:entity:customer#bb3c20c6-456a-4484-891d-daaa2ee22da4';
const ISSUING_PARTNER_URI = 'certnew:entity:issuingpartner#d72bb2cd-34f9-441e-9daf-4f3ef2838bcb';
const PARTNER_URI = 'paydiant:entity:partner#5df9ba6e-c3a5-4c7e-9f22-6812a069683a';
const PAUL = { customerUri: PAUL_URI, issuingPartnerUri: ISSUING_PARTNER_URI, partnerUri: PARTNER_URI };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

beforeAll(async () => {
  t = await createTestContext();
  // The seed's partner and customers exactly; the seed's lookup records have no devices.
  await givenClient(t.ctx, 'certnew', ['B2B_PARTNER'], {
    shortName: 'certnew',
    clientSecret: 'demo-partner-secret',
  });
  await seedDemoCustomers(t.ctx, { devices: false });
  certnew = basic('certnew', 'demo-partner-secret');
  other = await givenPartner(t.ctx, 'otherbank');
});
afterAll(() => t.close());

function lookup(criteria: Record<string, unknown>, authorization = certnew) {
  return b2b(t, 'lookup', lookupBody(criteria), authorization);
}

async function records(criteria: Record<string, unknown>, authorization = certnew): Promise<Json[]> {
  const response = await lookup(criteria, authorization);
  expect(response.statusCode).toBe(200);
  return response.json().retrieveCustomerLookUpInfoResponse.customerLookUpInfo;
}

/** The FAILURE envelope of `operation`, asserted, with its errors returned. */
function expectFailure(
  response: { statusCode: number; json(): Json },
  status: number,
  operation: string,
  code: string,
) {
  expect(response.statusCode).toBe(status);
  const body = response.json()[`${operation}Response`];
  expect(body.status.statusCode).toBe('FAILURE');
  expect(typeof body.status.statusDescription).toBe('string');
  expect(body.status.errors.length).toBeGreaterThan(0);
  expect(body.status.errors[0].code).toBe(code);
  expect(typeof body.status.errors[0].message).toBe('string');
  return body;
}

describe('seed 001 sample messages', () => {
  it('answers the seed lookup with the seed response, field by field', async () => {
    // The seed's request searches 5089991234 while its answer shows two wallets with 9991234444: the
    // number as sent matches nobody (SUCCESS, empty list); replayed with the answered number it gives the
    // seed's response.
    const asSent = await b2b(t, 'lookup', SEED_LOOKUP_REQUEST, certnew);
    expect(asSent.statusCode).toBe(200);
    expect(asSent.json().retrieveCustomerLookUpInfoResponse.customerLookUpInfo).toEqual([]);

    const request = structuredClone(SEED_LOOKUP_REQUEST);
    request.retrieveCustomerLookUpInfoRequest.phone = '9991234444';
    const response = await b2b(t, 'lookup', request, certnew);
    expect(response.statusCode).toBe(200);
    const actual = response.json().retrieveCustomerLookUpInfoResponse;
    const expected = SEED_LOOKUP_RESPONSE.retrieveCustomerLookUpInfoResponse;
    expect(Object.keys(actual)).toEqual(Object.keys(expected));
    expect(actual.messageHeader).toEqual(expected.messageHeader);
    expect(actual.status).toEqual(expected.status);
    expect(actual.configurationDetails).toEqual(expected.configurationDetails);
    expect(actual.customerLookUpInfo).toHaveLength(expected.customerLookUpInfo.length);
    expected.customerLookUpInfo.forEach((want, i) => {
      const got = actual.customerLookUpInfo[i];
      expect(Object.keys(got)).toEqual(Object.keys(want));
      for (const [field, value] of Object.entries(want)) {
        // The seed prints Olivia's customerUri on Paul's record too; Paul's is the one its activation
        // request uses.
        if (field === 'customerUri' && want.customerId === 'vmiTxZcaSEym') continue;
        expect({ field, value: got[field] }).toEqual({ field, value });
      }
    });
    expect(actual.customerLookUpInfo[1].customerUri).toBe(PAUL_URI);
  });

  it('unlocks Paul as the seed describes: lookup by phone, deactivate, activate', async () => {
    // 1. Look the customer up: two wallets share the phone; Paul's is locked but active.
    const found = await records({ phone: '999-123-4444' });
    expect(found.map((c) => `${c.firstName} ${c.lastName}`)).toEqual(['Olivia Smith', 'Paul Casey']);
    const paul = found[1]!;
    expect(paul).toMatchObject({ active: true, locked: true });
    await expect(
      authenticateCustomer(t.ctx, {
        source: '127.0.0.1',
        username: 'pauls_wallet@yahoo.com',
        password: 'demo-paul-password',
      }),
    ).rejects.toMatchObject({ code: 'auth.invalid' }); // locked: as for a wrong password;

    // 3. Unlock: deactivate then activate with the identification properties from the lookup.
    const uris = {
      customerUri: paul.customerUri,
      issuingPartnerUri: paul.issuingPartnerUri,
      partnerUri: paul.partnerUri,
    };
    const off = await b2b(t, 'activation', seedActivationRequest('false'), certnew, {
      'x-fapi-interaction-id': 'unlock-step-1',
    });
    expect(off.statusCode).toBe(200);
    expect(off.json()).toEqual({
      updateCustomerActivationResponse: {
        messageHeader: EMPTY_HEADER,
        status: { statusCode: 'SUCCESS', statusDescription: 'Done', errors: [] },
      },
    });
    expect(off.headers['x-fapi-interaction-id']).toBe('unlock-step-1');
    let row = await t.ctx.storage.repos.customers.findById('vmiTxZcaSEym');
    expect(row).toMatchObject({ active: false, locked: true, failedLogins: 5 });

    const on = await b2b(t, 'activation', activationBody(uris, 'true'), certnew, {
      'x-fapi-interaction-id': 'unlock-step-2',
    });
    expect(on.statusCode).toBe(200);
    expect(on.json().updateCustomerActivationResponse.status.statusCode).toBe('SUCCESS');
    row = await t.ctx.storage.repos.customers.findById('vmiTxZcaSEym');
    expect(row).toMatchObject({ active: true, locked: false, failedLogins: 0 });

    // Unlock confirmed: the lookup shows it, Olivia is untouched, and Paul can log in again.
    const after = await records({ phone: '9991234444' });
    expect(after[1]).toMatchObject({ customerId: 'vmiTxZcaSEym', active: true, locked: false });
    expect(after[0]).toEqual(found[0]);
    const loggedIn = await authenticateCustomer(t.ctx, {
      source: '127.0.0.1',
      username: 'pauls_wallet@yahoo.com',
      password: 'demo-paul-password',
    });
    expect(loggedIn.lastLoginAt).toBe(t.clock.now());
    expect((await records({ customerId: 'vmiTxZcaSEym' }))[0]!.lastLoginDate).toBe(t.clock.now());

    // Both steps are audited with the partner, the customer, before/after and the interaction id.
    const audit = (await auditRows(t)).filter((r) => r.target_id === 'vmiTxZcaSEym');
    const deactivated = audit.find((r) => r.action === 'customer.deactivated')!;
    expect(deactivated).toMatchObject({
      actor_type: 'partner',
      actor_id: 'certnew',
      target_type: 'customer',
      interaction_id: 'unlock-step-1',
    });
    expect(deactivated.details).toEqual({
      partner: 'certnew',
      customerUri: PAUL_URI,
      before: { active: true },
      after: { active: false },
    });
    const activated = audit.find((r) => r.action === 'customer.activated')!;
    expect(activated.interaction_id).toBe('unlock-step-2');
    expect(activated.details).toEqual({
      partner: 'certnew',
      customerUri: PAUL_URI,
      before: { active: false, locked: true, failedLogins: 5 },
      after: { active: true, locked: false, failedLogins: 0 },
    });
  });

  it('activating an already active wallet does not unlock it (only false -> true does)', async () => {
    const profile = await givenCustomer(t.ctx, 'certnew');
    const id = profile.customer.customerId;
    await t.ctx.storage.repos.customers.update(id, { locked: true, failedLogins: 5 }, t.clock.now());
    const found = (await records({ customerId: id }))[0]!;
    const uris = {
      customerUri: found.customerUri,
      issuingPartnerUri: found.issuingPartnerUri,
      partnerUri: found.partnerUri,
    };
    expect((await b2b(t, 'activation', activationBody(uris, 'true'), certnew)).statusCode).toBe(200);
    expect(await t.ctx.storage.repos.customers.findById(id)).toMatchObject({ active: true, locked: true });
  });
});

describe('lookup', () => {
  it('finds by every supported criterion, phone normalised, and combines criteria', async () => {
    const olivia = (id: Json[]) => id.map((c) => c.customerId);
    expect(olivia(await records({ email: 'OLIVIA_wallet_user@hotmail.com' }))).toEqual(['latYxDdNJhzm']);
    expect(olivia(await records({ username: 'olivia_wallet_user@hotmail.com' }))).toEqual(['latYxDdNJhzm']);
    expect(olivia(await records({ customerId: 'latYxDdNJhzm' }))).toEqual(['latYxDdNJhzm']);
    expect(olivia(await records({ customerUri: OLIVIA_URI }))).toEqual(['latYxDdNJhzm']);
    expect(olivia(await records({ firstName: 'olivia', lastName: 'SMITH' }))).toEqual(['latYxDdNJhzm']);
    expect(olivia(await records({ zip: '92651' }))).toEqual(['vmiTxZcaSEym']);
    expect(olivia(await records({ phone: '+1 (999) 123-4444', zip: '02246' }))).toEqual(['latYxDdNJhzm']);
    expect(olivia(await records({ lastName: 'Casey' }))).toEqual(['vmiTxZcaSEym']);
  });

  it('answers SUCCESS with an empty list when nothing matches, and echoes the messageHeader', async () => {
    const header = { partnerId: 'p-1', messageId: 'm-42', versionId: '1.0', environmentId: 'cert' };
    const response = await b2b(t, 'lookup', lookupBody({ phone: '0000000000' }, header), certnew);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      retrieveCustomerLookUpInfoResponse: {
        messageHeader: header,
        status: { statusCode: 'SUCCESS', statusDescription: 'Done', errors: [] },
        configurationDetails: [],
        customerLookUpInfo: [],
      },
    });
  });

  it('lists devices with their own active flags', async () => {
    const profile = await givenCustomer(t.ctx, 'certnew', { phone: '5550001111' });
    const id = profile.customer.customerId;
    await addCustomerDevice(t.ctx, id, { deviceName: 'Phone A', deviceType: 'iOS' }, ADMIN, null);
    t.clock.advance(1);
    await addCustomerDevice(
      t.ctx,
      id,
      { deviceName: 'Phone B', deviceType: 'Android', active: false },
      ADMIN,
      null,
    );
    const [found] = await records({ customerId: id });
    expect(found!.devices).toEqual([
      expect.objectContaining({ deviceName: 'Phone A', deviceType: 'iOS', active: true, lastSeenDate: null }),
      expect.objectContaining({ deviceName: 'Phone B', deviceType: 'Android', active: false }),
    ]);
  });

  it('writes who looked for what to the audit log', async () => {
    await b2b(t, 'lookup', lookupBody({ zip: '02246' }), certnew, {
      'x-fapi-interaction-id': 'lookup-audit',
    });
    const [row] = (await auditRows(t, 'customer.lookup')).filter((r) => r.interaction_id === 'lookup-audit');
    expect(row).toMatchObject({ actor_type: 'partner', actor_id: 'certnew', target_id: 'certnew' });
    expect(row!.details).toEqual({ criteria: { zip: '02246' }, customerIds: ['latYxDdNJhzm'] });
  });
});

describe('partner isolation', () => {
  it("never shows or changes another partner's customers", async () => {
    const theirs = await givenCustomer(t.ctx, 'otherbank', { phone: '9991234444', zip: '92651' });
    const theirId = theirs.customer.customerId;

    expect((await records({ phone: '9991234444' }, other.authorization)).map((c) => c.customerId)).toEqual([
      theirId,
    ]);
    expect((await records({ phone: '9991234444' })).map((c) => c.customerId)).not.toContain(theirId);
    expect(await records({ customerId: 'vmiTxZcaSEym' }, other.authorization)).toEqual([]);
    expect(await records({ customerUri: PAUL_URI }, other.authorization)).toEqual([]);
    expect(await records({ customerId: theirId })).toEqual([]);

    const before = await customerTables(t);
    // Paul's own URIs, sent by the other partner: no such customer (never "forbidden").
    expectFailure(
      await b2b(t, 'activation', activationBody(PAUL, 'false'), other.authorization),
      404,
      'updateCustomerActivation',
      'CUSTOMER_NOT_FOUND',
    );
    // Paul's uuid under the other partner's namespace.
    const [theirRecord] = await records({ customerId: theirId }, other.authorization);
    expectFailure(
      await b2b(
        t,
        'activation',
        activationBody(
          {
            customerUri: `otherbank:entity:customer#e1f42d4d-587a-46c1-8de9-2b21846c02c0`,
            issuingPartnerUri: theirRecord!.issuingPartnerUri,
            partnerUri: theirRecord!.partnerUri,
          },
          'false',
        ),
        other.authorization,
      ),
      404,
      'updateCustomerActivation',
      'CUSTOMER_NOT_FOUND',
    );
    // Their customer with certnew's credentials.
    expectFailure(
      await b2b(
        t,
        'update',
        {
          updateCustomerInformationRequest: {
            messageHeader: EMPTY_HEADER,
            customerUri: theirRecord!.customerUri,
            city: 'Boston',
          },
        },
        certnew,
      ),
      404,
      'updateCustomerInformation',
      'CUSTOMER_NOT_FOUND',
    );
    expect(await customerTables(t)).toEqual(before);
  });
});

describe('update customer information', () => {
  it('changes contact and address fields; a new e-mail waits in emailPending; audited', async () => {
    const profile = await givenCustomer(t.ctx, 'certnew', { email: 'old@example.com', phone: '5551112222' });
    const [found] = await records({ customerId: profile.customer.customerId });
    const response = await b2b(
      t,
      'update',
      {
        updateCustomerInformationRequest: {
          messageHeader: { ...EMPTY_HEADER, messageId: 'upd-1' },
          customerUri: found!.customerUri,
          issuingPartnerUri: found!.issuingPartnerUri,
          partnerUri: found!.partnerUri,
          email: 'new@example.com',
          phone: '(555) 333-4444',
          address1: '12 Elm St',
          address2: 'Unit 3',
          city: 'Boston',
          state: 'MA',
          zip: '02101',
          additionalCustomerInformation: [{ key: 'birthday', value: '01011990' }],
        },
      },
      certnew,
      { 'x-fapi-interaction-id': 'update-1' },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      updateCustomerInformationResponse: {
        messageHeader: { ...EMPTY_HEADER, messageId: 'upd-1' },
        status: { statusCode: 'SUCCESS', statusDescription: 'Done', errors: [] },
      },
    });
    const [after] = await records({ customerId: profile.customer.customerId });
    expect(after).toMatchObject({
      email: 'old@example.com',
      emailPending: 'new@example.com',
      phone: '(555) 333-4444',
      address1: '12 Elm St',
      address2: 'Unit 3',
      city: 'Boston',
      state: 'MA',
      zip: '02101',
      additionalCustomerInformation: [{ key: 'birthday', value: '01011990' }],
    });
    expect(await records({ phone: '5553334444' })).toHaveLength(1);
    const [row] = (await auditRows(t, 'customer.updated')).filter((r) => r.interaction_id === 'update-1');
    expect(row).toMatchObject({
      actor_type: 'partner',
      actor_id: 'certnew',
      target_id: profile.customer.customerId,
    });
    expect(row!.details).toMatchObject({
      partner: 'certnew',
      customerUri: found!.customerUri,
      before: { emailPending: null, phone: '5551112222', city: 'Springfield' },
      after: { emailPending: 'new@example.com', phone: '(555) 333-4444', city: 'Boston' },
    });

    // Sending the current address again cancels the pending change.
    await b2b(
      t,
      'update',
      {
        updateCustomerInformationRequest: {
          messageHeader: EMPTY_HEADER,
          customerUri: found!.customerUri,
          email: 'old@example.com',
        },
      },
      certnew,
    );
    expect((await records({ customerId: profile.customer.customerId }))[0]!.emailPending).toBeNull();
  });
});

describe('email verification', () => {
  const verification = (customerUri: string, email: string, messageHeader: object = EMPTY_HEADER) => ({
    updateCustomerEmailVerificationRequest: { messageHeader, customerUri, email },
  });
  const changeEmail = (customerUri: string, email: string) =>
    b2b(
      t,
      'update',
      { updateCustomerInformationRequest: { messageHeader: EMPTY_HEADER, customerUri, email } },
      certnew,
    );

  it('confirms the pending address: SUCCESS envelope, lookup, stored row, audit row', async () => {
    const profile = await givenCustomer(t.ctx, 'certnew', { email: 'before@example.com' });
    const id = profile.customer.customerId;
    const [found] = await records({ customerId: id });
    expect((await changeEmail(found!.customerUri, 'after@example.com')).statusCode).toBe(200);
    t.clock.advance(5000);
    const header = { partnerId: 'certnew', messageId: 'verify-1', versionId: '1.0', environmentId: 'cert' };
    const response = await b2b(
      t,
      'email-verification',
      {
        updateCustomerEmailVerificationRequest: {
          messageHeader: header,
          customerUri: found!.customerUri,
          issuingPartnerUri: found!.issuingPartnerUri,
          partnerUri: found!.partnerUri,
          email: 'AFTER@example.com',
        },
      },
      certnew,
      { 'x-fapi-interaction-id': 'b2b-verify-1' },
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-fapi-interaction-id']).toBe('b2b-verify-1');
    expect(response.json()).toEqual({
      updateCustomerEmailVerificationResponse: {
        messageHeader: header,
        status: { statusCode: 'SUCCESS', statusDescription: 'Done', errors: [] },
      },
    });
    const [after] = await records({ customerId: id });
    expect(after).toEqual({
      ...found,
      email: 'after@example.com',
      emailPending: null,
      emailVerified: true,
      emailVerifiedDate: t.clock.now(),
    });
    expect(await records({ email: 'after@example.com' })).toHaveLength(1);
    expect(await t.ctx.storage.repos.customers.findById(id)).toMatchObject({
      email: 'after@example.com',
      emailPending: null,
      emailVerified: true,
      emailVerifiedAt: t.clock.now(),
    });
    const rows = (await auditRows(t, 'customer.email_verified')).filter((r) => r.target_id === id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_type: 'partner',
      actor_id: 'certnew',
      target_type: 'customer',
      interaction_id: 'b2b-verify-1',
    });
    expect(rows[0]!.details).toEqual({
      partner: 'certnew',
      customerUri: found!.customerUri,
      before: {
        email: 'before@example.com',
        emailPending: 'after@example.com',
        emailVerified: false,
        emailVerifiedAt: null,
      },
      after: {
        email: 'after@example.com',
        emailPending: null,
        emailVerified: true,
        emailVerifiedAt: t.clock.now(),
      },
    });
  });

  it('a newer update replaces the pending address; verifying the older one fails and changes nothing', async () => {
    const profile = await givenCustomer(t.ctx, 'certnew', { email: 'keep@example.com' });
    const [found] = await records({ customerId: profile.customer.customerId });
    await changeEmail(found!.customerUri, 'first@example.com');
    await changeEmail(found!.customerUri, 'second@example.com');
    expect((await records({ customerId: profile.customer.customerId }))[0]!.emailPending).toBe(
      'second@example.com',
    );
    const before = await customerTables(t);
    const auditBefore = (await auditRows(t, 'customer.email_verified')).length;
    const header = { ...EMPTY_HEADER, messageId: 'm-stale' };
    const stale = expectFailure(
      await b2b(
        t,
        'email-verification',
        verification(found!.customerUri, 'first@example.com', header),
        certnew,
      ),
      409,
      'updateCustomerEmailVerification',
      'PENDING_EMAIL_MISMATCH',
    );
    expect(stale.messageHeader).toEqual(header);
    expect(await customerTables(t)).toEqual(before);
    expect(await auditRows(t, 'customer.email_verified')).toHaveLength(auditBefore);

    // Another partner cannot verify it either: no such customer for them.
    expectFailure(
      await b2b(
        t,
        'email-verification',
        verification(found!.customerUri, 'second@example.com'),
        other.authorization,
      ),
      404,
      'updateCustomerEmailVerification',
      'CUSTOMER_NOT_FOUND',
    );
    expect(await customerTables(t)).toEqual(before);

    const ok = await b2b(
      t,
      'email-verification',
      verification(found!.customerUri, 'second@example.com'),
      certnew,
    );
    expect(ok.statusCode).toBe(200);
    expect((await records({ customerId: profile.customer.customerId }))[0]).toMatchObject({
      email: 'second@example.com',
      emailPending: null,
      emailVerified: true,
    });
    // Verified once; a second verification has nothing left to confirm.
    expectFailure(
      await b2b(t, 'email-verification', verification(found!.customerUri, 'second@example.com'), certnew),
      409,
      'updateCustomerEmailVerification',
      'NO_PENDING_EMAIL',
    );
  });
});

describe('device activation', () => {
  it('switches one device off and on without unlinking it; audited', async () => {
    const profile = await givenCustomer(t.ctx, 'certnew');
    const id = profile.customer.customerId;
    const his = await addCustomerDevice(t.ctx, id, { deviceName: 'His', deviceType: 'iOS' }, ADMIN, null);
    t.clock.advance(1); // devices are listed in the order they were linked
    const hers = await addCustomerDevice(t.ctx, id, { deviceName: 'Hers', deviceType: 'iOS' }, ADMIN, null);
    const [found] = await records({ customerId: id });
    const body = (activate: 'true' | 'false') => ({
      updateDeviceActivationRequest: {
        messageHeader: EMPTY_HEADER,
        customerUri: found!.customerUri,
        deviceId: hers.deviceId,
        activate,
      },
    });
    const off = await b2b(t, 'devices/activation', body('false'), certnew, {
      'x-fapi-interaction-id': 'dev-off',
    });
    expect(off.statusCode).toBe(200);
    expect(off.json().updateDeviceActivationResponse.status.statusCode).toBe('SUCCESS');
    let devices = (await records({ customerId: id }))[0]!.devices;
    expect(devices.map((d: Json) => [d.deviceName, d.active])).toEqual([
      ['His', true],
      ['Hers', false],
    ]);
    expect((await records({ customerId: id }))[0]).toMatchObject({ active: true, locked: false });
    const [row] = (await auditRows(t, 'device.deactivated')).filter((r) => r.interaction_id === 'dev-off');
    expect(row!.details).toEqual({
      partner: 'certnew',
      customerUri: found!.customerUri,
      deviceId: hers.deviceId,
      before: { active: true },
      after: { active: false },
    });

    expect((await b2b(t, 'devices/activation', body('true'), certnew)).statusCode).toBe(200);
    devices = (await records({ customerId: id }))[0]!.devices;
    expect(devices.every((d: Json) => d.active)).toBe(true);
    expect(his.deviceId).not.toBe(hers.deviceId);
  });
});

describe('errors: a clear 4xx FAILURE envelope and nothing changed', () => {
  const PAUL_INFO = { messageHeader: EMPTY_HEADER, customerUri: PAUL_URI };
  const cases: {
    name: string;
    path: string;
    body: unknown;
    status: number;
    operation: string;
    code: string;
    auth?: () => string | undefined;
    headers?: Record<string, string>;
  }[] = [
    {
      name: 'no credentials',
      path: 'lookup',
      body: lookupBody({ phone: '1' }),
      status: 401,
      operation: 'retrieveCustomerLookUpInfo',
      code: 'UNAUTHORIZED',
      auth: () => undefined,
    },
    {
      name: 'wrong secret',
      path: 'activation',
      body: activationBody(PAUL, 'false'),
      status: 401,
      operation: 'updateCustomerActivation',
      code: 'UNAUTHORIZED',
      auth: () => basic('certnew', 'wrong'),
    },
    {
      name: 'unknown client',
      path: 'lookup',
      body: lookupBody({ phone: '1' }),
      status: 401,
      operation: 'retrieveCustomerLookUpInfo',
      code: 'UNAUTHORIZED',
      auth: () => basic('nobody', 'x'),
    },
    {
      name: 'not a Basic header',
      path: 'lookup',
      body: lookupBody({ phone: '1' }),
      status: 401,
      operation: 'retrieveCustomerLookUpInfo',
      code: 'UNAUTHORIZED',
      auth: () => 'Bearer abc',
    },
    {
      name: 'malformed JSON',
      path: 'activation',
      body: '{"updateCustomerActivationRequest": {',
      status: 400,
      operation: 'updateCustomerActivation',
      code: 'MALFORMED_REQUEST',
    },
    {
      name: 'empty body',
      path: 'activation',
      body: '',
      status: 400,
      operation: 'updateCustomerActivation',
      code: 'MALFORMED_REQUEST',
    },
    {
      name: 'JSON that is not an object',
      path: 'activation',
      body: '[1,2]',
      status: 400,
      operation: 'updateCustomerActivation',
      code: 'INVALID_FIELD',
    },
    {
      name: 'wrong content type',
      path: 'lookup',
      body: 'phone=1',
      status: 415,
      operation: 'retrieveCustomerLookUpInfo',
      code: 'UNSUPPORTED_MEDIA_TYPE',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    {
      // A valid envelope, sent as text: Fastify's text parser would hand the schema a string (issue 12).
      name: 'a JSON body sent as text/plain',
      path: 'activation',
      body: activationBody(PAUL, 'false'),
      status: 415,
      operation: 'updateCustomerActivation',
      code: 'UNSUPPORTED_MEDIA_TYPE',
      headers: { 'content-type': 'text/plain' },
    },
    {
      name: 'another operation envelope',
      path: 'activation',
      body: lookupBody({ phone: '1' }),
      status: 400,
      operation: 'updateCustomerActivation',
      code: 'MISSING_FIELD',
    },
    {
      name: 'missing messageHeader',
      path: 'activation',
      body: { updateCustomerActivationRequest: { ...PAUL, activate: 'false' } },
      status: 400,
      operation: 'updateCustomerActivation',
      code: 'MISSING_FIELD',
    },
    {
      name: 'missing customerUri',
      path: 'activation',
      body: {
        updateCustomerActivationRequest: {
          messageHeader: EMPTY_HEADER,
          issuingPartnerUri: ISSUING_PARTNER_URI,
          partnerUri: PARTNER_URI,
          activate: 'false',
        },
      },
      status: 400,
      operation: 'updateCustomerActivation',
      code: 'MISSING_FIELD',
    },
    {
      name: 'activate not "true"/"false"',
      path: 'activation',
      body: activationBody(PAUL, 'yes' as 'true'),
      status: 400,
      operation: 'updateCustomerActivation',
      code: 'INVALID_FIELD',
    },
    {
      name: 'activate as a JSON boolean',
      path: 'activation',
      body: { updateCustomerActivationRequest: { messageHeader: EMPTY_HEADER, ...PAUL, activate: false } },
      status: 400,
      operation: 'updateCustomerActivation',
      code: 'INVALID_FIELD',
    },
    {
      name: 'malformed customerUri',
      path: 'activation',
      body: activationBody({ ...PAUL, customerUri: 'paul' }, 'false'),
      status: 400,
      operation: 'updateCustomerActivation',
      code: 'INVALID_FIELD',
    },
    {
      name: 'unknown customer',
      path: 'activation',
      body: activationBody(
        { ...PAUL, customerUri: 'certnew:entity:customer#00000000-0000-4000-8000-000000000000' },
        'false',
      ),
      status: 404,
      operation: 'updateCustomerActivation',
      code: 'CUSTOMER_NOT_FOUND',
    },
    {
      name: 'issuingPartnerUri of nobody',
      path: 'activation',
      body: activationBody(
        { ...PAUL, issuingPartnerUri: 'certnew:entity:issuingpartner#00000000-0000-4000-8000-000000000000' },
        'false',
      ),
      status: 404,
      operation: 'updateCustomerActivation',
      code: 'CUSTOMER_NOT_FOUND',
    },
    {
      name: 'partnerUri of nobody',
      path: 'activation',
      body: activationBody(
        { ...PAUL, partnerUri: 'paydiant:entity:partner#00000000-0000-4000-8000-000000000000' },
        'false',
      ),
      status: 404,
      operation: 'updateCustomerActivation',
      code: 'CUSTOMER_NOT_FOUND',
    },
    {
      name: 'a server-owned field (locked)',
      path: 'update',
      body: { updateCustomerInformationRequest: { ...PAUL_INFO, locked: false } },
      status: 400,
      operation: 'updateCustomerInformation',
      code: 'INVALID_FIELD',
    },
    {
      name: 'no search criteria',
      path: 'lookup',
      body: lookupBody({}),
      status: 400,
      operation: 'retrieveCustomerLookUpInfo',
      code: 'MISSING_SEARCH_CRITERIA',
    },
    {
      name: 'blank search criteria',
      path: 'lookup',
      body: lookupBody({ phone: ' ', email: '' }),
      status: 400,
      operation: 'retrieveCustomerLookUpInfo',
      code: 'MISSING_SEARCH_CRITERIA',
    },
    {
      name: 'firstName without lastName',
      path: 'lookup',
      body: lookupBody({ firstName: 'Paul' }),
      status: 400,
      operation: 'retrieveCustomerLookUpInfo',
      code: 'MISSING_FIELD',
    },
    {
      name: 'a number where text is expected',
      path: 'lookup',
      body: lookupBody({ phone: 9991234444 }),
      status: 400,
      operation: 'retrieveCustomerLookUpInfo',
      code: 'INVALID_FIELD',
    },
    {
      name: 'unknown search field',
      path: 'lookup',
      body: lookupBody({ ssn: '123' }),
      status: 400,
      operation: 'retrieveCustomerLookUpInfo',
      code: 'INVALID_FIELD',
    },
    {
      name: 'malformed customerUri in a lookup',
      path: 'lookup',
      body: lookupBody({ customerUri: 'x' }),
      status: 400,
      operation: 'retrieveCustomerLookUpInfo',
      code: 'INVALID_FIELD',
    },
    {
      name: 'invalid e-mail',
      path: 'update',
      body: { updateCustomerInformationRequest: { ...PAUL_INFO, email: 'not-an-email' } },
      status: 400,
      operation: 'updateCustomerInformation',
      code: 'INVALID_FIELD',
    },
    {
      name: 'invalid phone',
      path: 'update',
      body: { updateCustomerInformationRequest: { ...PAUL_INFO, phone: '12ab' } },
      status: 400,
      operation: 'updateCustomerInformation',
      code: 'INVALID_FIELD',
    },
    {
      name: 'blank required field',
      path: 'update',
      body: { updateCustomerInformationRequest: { ...PAUL_INFO, city: '  ' } },
      status: 400,
      operation: 'updateCustomerInformation',
      code: 'INVALID_FIELD',
    },
    {
      name: 'empty required field',
      path: 'update',
      body: { updateCustomerInformationRequest: { ...PAUL_INFO, lastName: '' } },
      status: 400,
      operation: 'updateCustomerInformation',
      code: 'INVALID_FIELD',
    },
    {
      name: 'nothing to change',
      path: 'update',
      body: { updateCustomerInformationRequest: PAUL_INFO },
      status: 400,
      operation: 'updateCustomerInformation',
      code: 'MISSING_FIELD',
    },
    {
      name: 'unknown device',
      path: 'devices/activation',
      body: {
        updateDeviceActivationRequest: { ...PAUL_INFO, deviceId: 'no-such-device', activate: 'false' },
      },
      status: 404,
      operation: 'updateDeviceActivation',
      code: 'DEVICE_NOT_FOUND',
    },
    {
      name: 'missing deviceId',
      path: 'devices/activation',
      body: { updateDeviceActivationRequest: { ...PAUL_INFO, activate: 'false' } },
      status: 400,
      operation: 'updateDeviceActivation',
      code: 'MISSING_FIELD',
    },
    {
      name: 'email verification with nothing pending',
      path: 'email-verification',
      body: { updateCustomerEmailVerificationRequest: { ...PAUL_INFO, email: 'pauls_wallet@yahoo.com' } },
      status: 409,
      operation: 'updateCustomerEmailVerification',
      code: 'NO_PENDING_EMAIL',
    },
    {
      name: 'email verification of an unknown customer',
      path: 'email-verification',
      body: {
        updateCustomerEmailVerificationRequest: {
          ...PAUL_INFO,
          customerUri: 'certnew:entity:customer#00000000-0000-4000-8000-000000000000',
          email: 'x@example.com',
        },
      },
      status: 404,
      operation: 'updateCustomerEmailVerification',
      code: 'CUSTOMER_NOT_FOUND',
    },
    {
      name: 'email verification without email',
      path: 'email-verification',
      body: { updateCustomerEmailVerificationRequest: PAUL_INFO },
      status: 400,
      operation: 'updateCustomerEmailVerification',
      code: 'MISSING_FIELD',
    },
    {
      name: 'email verification with an invalid e-mail',
      path: 'email-verification',
      body: { updateCustomerEmailVerificationRequest: { ...PAUL_INFO, email: 'not-an-email' } },
      status: 400,
      operation: 'updateCustomerEmailVerification',
      code: 'INVALID_FIELD',
    },
    {
      name: 'email verification with a server-owned field (emailVerified)',
      path: 'email-verification',
      body: {
        updateCustomerEmailVerificationRequest: { ...PAUL_INFO, email: 'x@example.com', emailVerified: true },
      },
      status: 400,
      operation: 'updateCustomerEmailVerification',
      code: 'INVALID_FIELD',
    },
    {
      name: 'unknown operation',
      path: 'delete',
      body: lookupBody({ phone: '1' }),
      status: 404,
      operation: 'error',
      code: 'UNKNOWN_OPERATION',
    },
  ];

  it.each(cases)('$name -> $status $code', async (c) => {
    const before = await customerTables(t);
    const auditBefore = (await auditRows(t)).filter((r) => r.action !== 'customer.lookup').length;
    const authorization = c.auth ? c.auth() : certnew;
    const response = await b2b(t, c.path, c.body, authorization, c.headers);
    expectFailure(response, c.status, c.operation, c.code);
    const after = await customerTables(t);
    expect({ customers: after.customers, devices: after.devices }).toEqual({
      customers: before.customers,
      devices: before.devices,
    });
    // A wrong secret is the one refusal that leaves a trace: the partner's failure count.
    const certnewFailures = (tables: typeof before) =>
      tables.partners.find((p) => p.client_id === 'certnew')!;
    expect(certnewFailures(after).failed_logins).toBe(
      certnewFailures(before).failed_logins + (c.name === 'wrong secret' ? 1 : 0),
    );
    expect((await auditRows(t)).filter((r) => r.action !== 'customer.lookup')).toHaveLength(auditBefore);
  });

  it.each([
    // Fastify parses text itself (the route refuses it); it refuses forms before the route is reached.
    ['text/plain; charset=utf-8', 'text/plain'],
    ['application/x-www-form-urlencoded', 'application/x-www-form-urlencoded'],
  ])('a %s body is a 415 whose message names the refused type', async (sent, named) => {
    const response = await b2b(t, 'activation', activationBody(PAUL, 'false'), certnew, {
      'content-type': sent,
    });
    const body = expectFailure(response, 415, 'updateCustomerActivation', 'UNSUPPORTED_MEDIA_TYPE');
    const message = body.status.statusDescription as string;
    expect(message.startsWith(`Unsupported Content-Type: ${named}`)).toBe(true);
    expect(body.status).toEqual({
      statusCode: 'FAILURE',
      statusDescription: message,
      errors: [{ code: 'UNSUPPORTED_MEDIA_TYPE', message }],
    });
  });

  it('echoes the messageHeader on failures too', async () => {
    const header = { partnerId: 'p', messageId: 'm-9', versionId: 'v', environmentId: 'e' };
    const body = expectFailure(
      await b2b(t, 'lookup', lookupBody({}, header), certnew),
      400,
      'retrieveCustomerLookUpInfo',
      'MISSING_SEARCH_CRITERIA',
    );
    expect(body.messageHeader).toEqual(header);
  });

  it('lists every invalid field', async () => {
    const body = expectFailure(
      await b2b(
        t,
        'update',
        { updateCustomerInformationRequest: { ...PAUL_INFO, email: 'x', phone: 'y' } },
        certnew,
      ),
      400,
      'updateCustomerInformation',
      'INVALID_FIELD',
    );
    expect(body.status.errors.map((e: Json) => e.message)).toEqual([
      expect.stringContaining('email'),
      expect.stringContaining('phone'),
    ]);
  });

  it('answers 405 for another method on an operation', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: '/b2b-gateway/customers/lookup',
      headers: { authorization: certnew },
    });
    expectFailure(response, 405, 'error', 'METHOD_NOT_ALLOWED');
  });

  it('refuses clients that are not active issuing partners', async () => {
    await givenClient(t.ctx, 'an-aisp', ['AISP'], { clientSecret: 'aisp-secret' });
    await givenClient(t.ctx, 'no-short-name', ['B2B_PARTNER'], { clientSecret: 'nsn-secret' });
    const gone = await givenPartner(t.ctx, 'gonebank');
    await updateClient(t.ctx, 'gonebank', { active: false }, ADMIN, null);
    for (const authorization of [
      basic('an-aisp', 'aisp-secret'),
      basic('no-short-name', 'nsn-secret'),
      gone.authorization,
    ]) {
      const body = expectFailure(
        await lookup({ phone: '9991234444' }, authorization),
        401,
        'retrieveCustomerLookUpInfo',
        'UNAUTHORIZED',
      );
      expect(body.status.statusDescription).toBe('The partner credentials are not valid');
    }
  });
});

describe('partner credential lockout', () => {
  it('locks a partner after repeated wrong secrets, for LOCKOUT_MINUTES, and audits it', async () => {
    const partner = await givenPartner(t.ctx, 'lockbank');
    const wrong = basic('lockbank', 'wrong-secret');
    for (let i = 0; i < t.ctx.config.maxFailedLogins; i++) {
      expect((await lookup({ phone: '1' }, wrong)).statusCode).toBe(401);
    }
    // Even the right secret is refused now, with the same answer.
    const refused = await lookup({ phone: '1' }, partner.authorization);
    expect(refused.statusCode).toBe(401);
    expect(refused.json().retrieveCustomerLookUpInfoResponse.status.statusDescription).toBe(
      'The partner credentials are not valid',
    );
    const [row] = (await auditRows(t, 'partner.locked')).filter((r) => r.target_id === 'lockbank');
    expect(row!.details).toMatchObject({ failedLogins: t.ctx.config.maxFailedLogins });

    t.clock.advance(t.ctx.config.lockoutMinutes * 60_000 + 1);
    expect((await lookup({ phone: '1' }, partner.authorization)).statusCode).toBe(200);
    const [state] = (await customerTables(t)).partners.filter((p) => p.client_id === 'lockbank');
    expect(state).toMatchObject({ failed_logins: 0, locked_until: null });
  });
});

describe('demo data', () => {
  it('seeds the demo customers (the two of the seed and the OBP manager) with devices once, adding only what is missing', async () => {
    const fresh = await createTestContext();
    try {
      await givenClient(fresh.ctx, 'certnew', ['B2B_PARTNER'], { shortName: 'certnew', clientSecret: 's' });
      await seedDemoCustomers(fresh.ctx);
      const first = await customerTables(fresh);
      expect(first.customers.map((c) => [c.customer_id, c.locked])).toEqual([
        ['latYxDdNJhzm', 0],
        ['obpMgrDemo01', 0],
        ['vmiTxZcaSEym', 1],
      ]);
      expect(first.devices).toHaveLength(3);
      expect(first.partners[0]).toMatchObject({
        issuing_partner_uuid: 'd72bb2cd-34f9-441e-9daf-4f3ef2838bcb',
        partner_uuid: '5df9ba6e-c3a5-4c7e-9f22-6812a069683a',
      });
      // Unlocking Paul then restarting does not lock him again.
      await fresh.ctx.storage.repos.customers.update('vmiTxZcaSEym', { locked: false }, fresh.clock.now());
      await seedDemoCustomers(fresh.ctx);
      const second = await customerTables(fresh);
      expect(second.devices).toEqual(first.devices);
      expect(second.customers.find((c) => c.customer_id === 'vmiTxZcaSEym')!.locked).toBe(0);
    } finally {
      await fresh.close();
    }
  });
});
