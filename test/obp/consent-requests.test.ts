// Consent requests: create (bearer token or Consumer-Key), VRP with every limit as exact decimals, get,
// create consent by consent request id (EMAIL/SMS/IMPLICIT, used once), get consent by consent request id.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBP_MESSAGES, type ObpCode } from '../../src/http/obp-api/obp-messages.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { givenConsumer, givenLoggedInPsu, givenRoles, obp, outboxCode } from '../helpers/obp.js';

const BANK = 'gh.29.uk';
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext({}, { OTP_TRANSPORT: 'outbox' });
});
afterAll(() => t.close());

function refusal(status: number, code: ObpCode) {
  return [status, { code: status, message: `${code}: ${OBP_MESSAGES[code]}` }];
}

async function bearerFor(consumer: { consumerId: string; clientSecret: string }): Promise<string> {
  const { consumerId: clientId, clientSecret } = consumer;
  const response = await t.app.inject({
    method: 'POST',
    url: '/oauth2/token',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from(`${clientId}:${clientSecret}`).toString('base64')}`,
    },
    payload: 'grant_type=client_credentials',
  });
  if (response.statusCode !== 200) throw new Error(response.body);
  return (response.json() as { access_token: string }).access_token;
}

describe('consent requests', () => {
  it('creates and reads a consent request as the seed shows; a user turns it into a consent once', async () => {
    const who = await givenLoggedInPsu(t);
    const payload = {
      everything: false,
      account_access: [
        { account_routing: { scheme: 'OBP', address: who.psu.accountIds[0] }, view_id: 'owner' },
      ],
      phone_number: '+44 07972 444 876',
      valid_from: '2026-03-16T08:16:08Z',
      time_to_live: 3600,
    };
    const created = await obp(t, 'POST', '/obp/v5.0.0/consumer/consent-requests', {
      headers: { 'consumer-key': who.consumer.consumerKey },
      body: payload,
    });
    expect(created.statusCode).toBe(201);
    const { consent_request_id: requestId } = created.json();
    // The seed's sample, field by field.
    expect(created.json()).toEqual({
      consent_request_id: requestId,
      payload,
      consumer_id: who.consumer.consumerId,
    });
    const read = await obp(t, 'GET', `/obp/v5.1.0/consumer/consent-requests/${requestId}`, {
      headers: { 'consumer-key': who.consumer.consumerKey },
    });
    expect(read.json()).toEqual(created.json());
    const stranger = await givenConsumer(t.ctx);
    expect(
      await obp(t, 'GET', `/obp/v5.1.0/consumer/consent-requests/${requestId}`, {
        headers: { 'consumer-key': stranger.consumerKey },
      }).then((r) => [r.statusCode, r.json()]),
    ).toEqual(refusal(404, 'OBP-35028'));

    const byRequest = await obp(
      t,
      'POST',
      `/obp/v5.1.0/consumer/consent-requests/${requestId}/SMS/consents`,
      {
        token: who.token,
      },
    );
    expect(byRequest.statusCode).toBe(201);
    const consent = byRequest.json();
    expect(consent).toEqual({
      consent_id: expect.any(String),
      jwt: expect.any(String),
      status: 'INITIATED',
      consent_request_id: requestId,
    });
    const code = await outboxCode(t.ctx, '+44 07972 444 876');
    const again = await obp(t, 'POST', `/obp/v5.1.0/consumer/consent-requests/${requestId}/EMAIL/consents`, {
      token: who.token,
    });
    expect([again.statusCode, again.json()]).toEqual(refusal(400, 'OBP-35029'));
    const answered = await obp(
      t,
      'POST',
      `/obp/v5.1.0/banks/${BANK}/consents/${consent.consent_id}/challenge`,
      {
        token: who.token,
        body: { answer: code },
      },
    );
    expect(answered.json().status).toBe('ACCEPTED');
    const got = await obp(t, 'GET', `/obp/v5.0.0/consumer/consent-requests/${requestId}/consents`, {
      headers: { 'consumer-key': who.consumer.consumerKey },
    });
    expect(got.json()).toEqual({ ...consent, status: 'ACCEPTED' });
    const stored = await t.database.db
      .selectFrom('obp_consent_requests')
      .selectAll()
      .where('consent_request_id', '=', requestId)
      .executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ consent_id: consent.consent_id, used_at: expect.any(Number) });
    const row = await t.database.db
      .selectFrom('consents')
      .select(['client_id', 'user_id'])
      .where('consent_id', '=', consent.consent_id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ client_id: who.consumer.consumerId, user_id: who.psu.customerId });
  });

  it("carries the request's views, entitlements, valid_from and time_to_live into the consent's JWT", async () => {
    const who = await givenLoggedInPsu(t);
    await givenRoles(t.ctx, who.psu.customerId, [{ bankId: BANK, roleName: 'CanGetCustomer' }]);
    const created = await obp(t, 'POST', '/obp/v5.1.0/consumer/consent-requests', {
      headers: { 'consumer-key': who.consumer.consumerKey },
      body: {
        everything: false,
        account_access: [
          { account_routing: { scheme: 'OBP', address: who.psu.accountIds[1] }, view_id: 'owner' },
        ],
        entitlements: [{ bank_id: BANK, role_name: 'CanGetCustomer' }],
        valid_from: '2026-03-16T09:00:00Z',
        time_to_live: 600,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const made = await obp(
      t,
      'POST',
      `/obp/v5.1.0/consumer/consent-requests/${created.json().consent_request_id}/IMPLICIT/consents`,
      { token: who.token },
    );
    expect(made.statusCode, made.body).toBe(201);
    const nbf = Date.parse('2026-03-16T09:00:00Z') / 1000;
    expect(decodeJwt(made.json().jwt as string)).toMatchObject({
      nbf,
      exp: nbf + 600,
      views: [{ bank_id: BANK, account_id: who.psu.accountIds[1], view_id: 'owner' }],
      entitlements: [{ bank_id: BANK, role_name: 'CanGetCustomer' }],
    });
  });

  it('refuses: no consumer (OBP-20001), TTL too long (OBP-35020), bad JSON (OBP-10001), unknown request (OBP-35029)', async () => {
    const who = await givenLoggedInPsu(t);
    const requests = () => t.database.db.selectFrom('obp_consent_requests').selectAll().execute();
    const before = await requests();
    const none = await obp(t, 'POST', '/obp/v5.1.0/consumer/consent-requests', {
      body: { everything: true },
    });
    expect(none.statusCode).toBe(401);
    expect(none.json().message).toMatch(/^OBP-20001: /);
    const ttl = await obp(t, 'POST', '/obp/v5.1.0/consumer/consent-requests', {
      headers: { 'consumer-key': who.consumer.consumerKey },
      body: { everything: true, time_to_live: 7200 },
    });
    expect([ttl.statusCode, ttl.json()]).toEqual(refusal(400, 'OBP-35020'));
    const bad = await obp(t, 'POST', '/obp/v5.1.0/consumer/consent-requests', {
      headers: { 'consumer-key': who.consumer.consumerKey },
      body: '{',
    });
    expect(bad.json().message).toMatch(/^OBP-10001: /);
    const unknown = await obp(
      t,
      'POST',
      '/obp/v5.1.0/consumer/consent-requests/00000000-0000-4000-8000-000000000000/IMPLICIT/consents',
      { token: who.token },
    );
    expect([unknown.statusCode, unknown.json()]).toEqual(refusal(400, 'OBP-35029'));
    // Nothing refused was stored.
    expect(await requests()).toEqual(before);
  });
});

describe('VRP consent requests', () => {
  const body = (accountId: string) => ({
    from_account: {
      bank_routing: { scheme: 'OBP', address: BANK },
      account_routing: { scheme: 'OBP', address: accountId },
      branch_routing: { scheme: 'OBP', address: 'DERBY6' },
    },
    to_account: {
      bank_routing: { scheme: 'OBP', address: BANK },
      account_routing: { scheme: 'OBP', address: '8ca8a7e4-6d02-40e3-a129-0b2bf89de9f0' },
      branch_routing: { scheme: 'OBP', address: 'DERBY6' },
      counterparty_name: 'John Smith Ltd.',
      limit: {
        currency: 'EUR',
        max_single_amount: 1000.11,
        max_monthly_amount: 10000.11,
        max_number_of_monthly_transactions: 10,
        max_yearly_amount: 12000.11,
        max_number_of_yearly_transactions: 100,
        max_total_amount: '10000.12',
        max_number_of_transactions: 100,
      },
    },
    valid_from: '2026-03-16T08:16:08Z',
    time_to_live: 3600,
  });

  it('a PISP consumer asks with its bearer token; the consent made from it carries every limit exactly', async () => {
    const who = await givenLoggedInPsu(t);
    const token = await bearerFor(who.consumer);
    const request = body(who.psu.accountIds[0]!);
    const created = await obp(t, 'POST', '/obp/v5.1.0/consumer/vrp-consent-requests', {
      headers: { authorization: `Bearer ${token}` },
      body: request,
    });
    expect(created.statusCode).toBe(201);
    const json = created.json();
    expect(json).toEqual({
      consent_request_id: expect.any(String),
      payload: {
        ...request,
        to_account: {
          ...request.to_account,
          limit: { ...request.to_account.limit, max_total_amount: 10000.12 },
        },
      },
      consumer_id: who.consumer.consumerId,
    });
    const limits = await t.database.db
      .selectFrom('obp_vrp_limits')
      .selectAll()
      .where('consent_request_id', '=', json.consent_request_id)
      .executeTakeFirstOrThrow();
    expect(limits).toEqual({
      consent_request_id: json.consent_request_id,
      counterparty_name: 'John Smith Ltd.',
      currency: 'EUR',
      max_single_amount: '1000.11',
      max_monthly_amount: '10000.11',
      max_number_of_monthly_transactions: 10,
      max_yearly_amount: '12000.11',
      max_number_of_yearly_transactions: 100,
      max_total_amount: '10000.12',
      max_number_of_transactions: 100,
    });

    const consent = await obp(
      t,
      'POST',
      `/obp/v5.1.0/consumer/consent-requests/${json.consent_request_id}/IMPLICIT/consents`,
      { token: who.token },
    );
    expect(consent.statusCode).toBe(201);
    const c = consent.json();
    // The seed's ConsentJsonV500 sample, field by field, plus the VRP terms the consent carries.
    expect(c).toEqual({
      consent_id: expect.any(String),
      jwt: expect.any(String),
      status: 'INITIATED',
      consent_request_id: json.consent_request_id,
      account_access: {
        bank_id: BANK,
        account_id: who.psu.accountIds[0],
        view_id: 'owner',
        helper_info: { counterparty_id: [expect.stringMatching(/^[0-9a-f-]{36}$/)] },
      },
      vrp: { from_account: json.payload.from_account, to_account: json.payload.to_account },
    });
    const claims = JSON.parse(Buffer.from(c.jwt.split('.')[1], 'base64url').toString());
    expect(claims.views).toEqual([
      {
        bank_id: BANK,
        account_id: who.psu.accountIds[0],
        view_id: 'owner',
        helper_info: { counterparty_ids: c.account_access.helper_info.counterparty_id },
      },
    ]);
    const read = await obp(
      t,
      'GET',
      `/obp/v5.1.0/consumer/consent-requests/${json.consent_request_id}/consents`,
      {
        headers: { authorization: `Bearer ${token}` },
      },
    );
    expect(read.json()).toEqual(c);
  });

  it('refuses a consumer without PISP, a foreign bank, bad amounts, an account the user does not hold', async () => {
    const who = await givenLoggedInPsu(t);
    const aisp = await givenConsumer(t.ctx, `aisp-only-${Date.now()}`, ['AISP']);
    const aispToken = await bearerFor(aisp);
    const tokenNotPisp = await obp(t, 'POST', '/obp/v5.1.0/consumer/vrp-consent-requests', {
      headers: { authorization: `Bearer ${aispToken}` },
      body: body(who.psu.accountIds[0]!),
    });
    expect(tokenNotPisp.statusCode).toBe(403);
    const notPisp = await obp(t, 'POST', '/obp/v5.1.0/consumer/vrp-consent-requests', {
      headers: { 'consumer-key': aisp.consumerKey },
      body: body(who.psu.accountIds[0]!),
    });
    expect(notPisp.statusCode).toBe(403);
    expect(notPisp.json().message).toMatch(/^OBP-20006: /);
    const key = { 'consumer-key': who.consumer.consumerKey };
    const foreign = body(who.psu.accountIds[0]!);
    foreign.from_account.bank_routing.address = 'other.bank';
    const r = await obp(t, 'POST', '/obp/v5.1.0/consumer/vrp-consent-requests', {
      headers: key,
      body: foreign,
    });
    expect([r.statusCode, r.json()]).toEqual(refusal(404, 'OBP-30001'));
    const bad = body(who.psu.accountIds[0]!);
    (bad.to_account.limit as Record<string, unknown>).max_single_amount = '-5';
    const b = await obp(t, 'POST', '/obp/v5.1.0/consumer/vrp-consent-requests', { headers: key, body: bad });
    expect(b.statusCode).toBe(400);
    expect(b.json().message).toMatch(/^OBP-10001: .*max_single_amount/);
    const other = await givenLoggedInPsu(t);
    const theirs = await obp(t, 'POST', '/obp/v5.1.0/consumer/vrp-consent-requests', {
      headers: key,
      body: body(other.psu.accountIds[0]!),
    });
    const made = await obp(
      t,
      'POST',
      `/obp/v5.1.0/consumer/consent-requests/${theirs.json().consent_request_id}/EMAIL/consents`,
      { token: who.token },
    );
    expect([made.statusCode, made.json()]).toEqual(refusal(400, 'OBP-35014'));
  });
});
