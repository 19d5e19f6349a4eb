// Create Consent (EMAIL, SMS, IMPLICIT; bank-less IMPLICIT) and every OBP code the seed lists for it.
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { updateClient } from '../../src/services/admin/update-client.js';
import { OBP_MESSAGES, type ObpCode } from '../../src/http/obp-api/obp-messages.js';
import { createTestContext, TEST_NOW, type TestContext } from '../helpers/test-context.js';
import {
  givenConsumer,
  givenLoggedInPsu,
  givenRoles,
  obp,
  obpConsentTables,
  outboxCode,
  ownerViews,
} from '../helpers/obp.js';

let t: TestContext;
const BANK = 'gh.29.uk';
const ADMIN = { type: 'admin' as const, id: 'test-admin' };

beforeAll(async () => {
  t = await createTestContext({}, { OTP_TRANSPORT: 'outbox' });
});
afterAll(() => t.close());

function error(status: number, code: ObpCode, detail?: string) {
  const message = `${code}: ${OBP_MESSAGES[code]}`;
  return { code: status, message: detail === undefined ? message : `${message} ${detail}` };
}

const url = (method: string) => `/obp/v5.1.0/banks/${BANK}/my/consents/${method}`;

describe('Create Consent', () => {
  it('EMAIL: 201 INITIATED as the seed shows, a signed Consent-JWT, stored rows and history', async () => {
    const { consumer, psu, token } = await givenLoggedInPsu(t);
    await givenRoles(t.ctx, psu.customerId, [{ bankId: BANK, roleName: 'CanGetCustomer' }]);
    const body = {
      everything: false,
      views: ownerViews(BANK, [psu.accountIds[0]!]),
      entitlements: [{ bank_id: BANK, role_name: 'CanGetCustomer' }],
      email: 'eveline@example.com',
      valid_from: '2026-03-16T08:20:00Z',
      time_to_live: 1800,
    };
    const response = await obp(t, 'POST', url('EMAIL'), { token, body });
    expect(response.statusCode).toBe(201);
    const json = response.json();
    // The seed's sample response, field by field: consent_id, jwt, status (and nothing else).
    expect(Object.keys(json)).toEqual(['consent_id', 'jwt', 'status']);
    expect(json.consent_id).toMatch(/^[0-9a-f-]{36}$/);
    expect(json.status).toBe('INITIATED');
    expect(decodeProtectedHeader(json.jwt).alg).toBe('ES256');
    const nbf = Date.parse('2026-03-16T08:20:00Z') / 1000;
    expect(decodeJwt(json.jwt)).toEqual({
      jti: json.consent_id,
      aud: consumer.consumerId,
      sub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iss: expect.any(String),
      iat: TEST_NOW / 1000,
      nbf,
      exp: nbf + 1800,
      createdByUserId: psu.customerId,
      entitlements: [{ bank_id: BANK, role_name: 'CanGetCustomer' }],
      views: body.views,
      request_headers: [],
    });
    const code = await outboxCode(t.ctx, 'eveline@example.com');
    expect(code).toMatch(/^\d{6}$/);

    const db = t.database.db;
    const consent = await db
      .selectFrom('consents')
      .selectAll()
      .where('consent_id', '=', json.consent_id)
      .executeTakeFirstOrThrow();
    expect(consent).toMatchObject({
      kind: 'obp',
      api_family: 'obp',
      client_id: consumer.consumerId,
      status: 'INITIATED',
      user_id: psu.customerId,
      valid_from: nbf * 1000,
      expires_at: (nbf + 1800) * 1000,
    });
    expect(JSON.parse(consent.receipt)).toEqual(body);
    const row = await db
      .selectFrom('obp_consents')
      .selectAll()
      .where('consent_id', '=', json.consent_id)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      jwt: json.jwt,
      sca_method: 'EMAIL',
      created_by_user_id: psu.customerId,
      api_version: 'v5.1.0',
      consent_request_id: null,
    });
    const challenge = await db
      .selectFrom('obp_sca_challenges')
      .selectAll()
      .where('consent_id', '=', json.consent_id)
      .executeTakeFirstOrThrow();
    expect(challenge).toMatchObject({
      channel: 'EMAIL',
      recipient: 'eveline@example.com',
      expires_at: TEST_NOW + 300_000,
      answered_at: null,
    });
    // Only a salted hash of the code is stored.
    expect(JSON.stringify(challenge)).not.toContain(code);
    const history = await db
      .selectFrom('consent_status_history')
      .selectAll()
      .where('consent_id', '=', json.consent_id)
      .execute();
    expect(history).toEqual([
      expect.objectContaining({
        from_status: null,
        to_status: 'INITIATED',
        actor_type: 'psu',
        actor_id: psu.customerId,
        reason: 'OBP consent created (SCA EMAIL)',
      }),
    ]);
  });

  it('SMS sends to phone_number; IMPLICIT to the user e-mail; defaults: caller consumer, now, max TTL', async () => {
    const { consumer, psu, token } = await givenLoggedInPsu(t);
    const sms = await obp(t, 'POST', url('SMS'), {
      token,
      body: { everything: true, views: [], entitlements: [], phone_number: '+49 170 1234567' },
    });
    expect(sms.statusCode).toBe(201);
    expect(await outboxCode(t.ctx, '+49 170 1234567')).toMatch(/^\d{6}$/);
    // everything=true copies all the user's views.
    const views = decodeJwt(sms.json().jwt).views as unknown[];
    expect(views).toHaveLength(2);
    expect(views).toEqual(expect.arrayContaining(ownerViews(BANK, psu.accountIds)));

    const implicit = await obp(t, 'POST', url('IMPLICIT'), {
      token,
      body: { everything: false, views: ownerViews(BANK, psu.accountIds), entitlements: [] },
    });
    expect(implicit.statusCode).toBe(201);
    expect(await outboxCode(t.ctx, psu.customer.email)).toMatch(/^\d{6}$/);
    const claims = decodeJwt(implicit.json().jwt);
    expect(claims).toMatchObject({
      aud: consumer.consumerId,
      nbf: TEST_NOW / 1000,
      exp: TEST_NOW / 1000 + 3600,
    });

    const bankless = await obp(t, 'POST', '/obp/v5.1.0/my/consents/IMPLICIT', {
      token,
      body: { everything: true, views: [], entitlements: [] },
    });
    expect(bankless.statusCode).toBe(201);
    expect(bankless.json().status).toBe('INITIATED');
    // Introduced in v3.1.0: served under every later version too.
    for (const version of ['v3.1.0', 'v4.0.0', 'v5.0.0'])
      expect(
        (
          await obp(t, 'POST', `/obp/${version}/banks/${BANK}/my/consents/IMPLICIT`, {
            token,
            body: { everything: true },
          })
        ).statusCode,
      ).toBe(201);
  });

  it('answers every error the seed lists, writing nothing', async () => {
    const { psu, token } = await givenLoggedInPsu(t);
    const other = await givenLoggedInPsu(t);
    const before = await obpConsentTables(t);
    const post = (method: string, body: unknown, options: { token?: string; bank?: string } = {}) =>
      obp(t, 'POST', `/obp/v5.1.0/banks/${options.bank ?? BANK}/my/consents/${method}`, {
        ...('token' in options ? (options.token ? { token: options.token } : {}) : { token }),
        body,
      });
    const mine = { everything: false, views: ownerViews(BANK, psu.accountIds), entitlements: [] };

    let r = await post('IMPLICIT', mine, { token: '' });
    expect([r.statusCode, r.json()]).toEqual([401, error(401, 'OBP-20001')]);
    r = await post('IMPLICIT', mine, { bank: 'other.bank' });
    expect([r.statusCode, r.json()]).toEqual([404, error(404, 'OBP-30001')]);
    r = await post('PUSH', mine);
    expect([r.statusCode, r.json()]).toEqual([400, error(400, 'OBP-35009')]);
    r = await obp(t, 'POST', url('IMPLICIT'), { token, body: '{"everything":' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/^OBP-10001: Incorrect json format\./);
    r = await post('IMPLICIT', { everything: 'yes' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/^OBP-10001: /);
    r = await post('EMAIL', mine);
    expect([r.statusCode, r.json()]).toEqual([400, error(400, 'OBP-10001', 'email is required')]);
    r = await post('IMPLICIT', { ...mine, views: ownerViews(BANK, other.psu.accountIds) });
    expect([r.statusCode, r.json()]).toEqual([400, error(400, 'OBP-35014')]);
    r = await post('IMPLICIT', {
      ...mine,
      views: [{ bank_id: BANK, account_id: psu.accountIds[0], view_id: 'auditor' }],
    });
    expect([r.statusCode, r.json()]).toEqual([400, error(400, 'OBP-35014')]);
    r = await post('IMPLICIT', { ...mine, entitlements: [{ bank_id: BANK, role_name: 'CanGetCustomer' }] });
    expect([r.statusCode, r.json()]).toEqual([400, error(400, 'OBP-35013', `CanGetCustomer@${BANK}`)]);
    r = await post('IMPLICIT', {
      ...mine,
      entitlements: [{ bank_id: '', role_name: 'CanCreateEntitlementAtAnyBank' }],
    });
    expect([r.statusCode, r.json()]).toEqual([400, error(400, 'OBP-35033')]);
    r = await post('IMPLICIT', { ...mine, time_to_live: 3601 });
    expect([r.statusCode, r.json()]).toEqual([400, error(400, 'OBP-35020')]);
    r = await post('IMPLICIT', { ...mine, consumer_id: 'no-such-consumer' });
    expect([r.statusCode, r.json()]).toEqual([401, error(401, 'OBP-30019')]);
    const disabled = await givenConsumer(t.ctx);
    await updateClient(t.ctx, disabled.consumerId, { active: false }, ADMIN, null);
    r = await post('IMPLICIT', { ...mine, consumer_id: disabled.consumerId });
    expect([r.statusCode, r.json()]).toEqual([401, error(401, 'OBP-20058')]);
    r = await post('IMPLICIT', { ...mine, valid_from: 'tomorrow' });
    expect(r.statusCode).toBe(400);
    expect(r.json().message).toMatch(/^OBP-10001: /);
    expect(await obpConsentTables(t)).toEqual(before);
  });

  it('a failed send is OBP-35010 and leaves no consent behind', async () => {
    const other = await createTestContext({}, { OTP_TRANSPORT: 'smtp', SMTP_URL: 'smtp://127.0.0.1:9' });
    try {
      const { psu, token } = await givenLoggedInPsu(other);
      const before = await obpConsentTables(other);
      const r = await obp(other, 'POST', url('IMPLICIT'), {
        token,
        body: { everything: false, views: ownerViews(BANK, psu.accountIds), entitlements: [] },
      });
      expect([r.statusCode, r.json()]).toEqual([400, error(400, 'OBP-35010', psu.customer.email)]);
      expect(await obpConsentTables(other)).toEqual(before);
    } finally {
      await other.close();
    }
  });
});
