// Reading OBP consents (seed 003): by consent id as its user and via its consumer, the user's lists and
// infos, and the management search at the bank (roles, paging, filters in SQL), on SQLite and PostgreSQL.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK, givenObpConsent, givenObpUser, type ObpActor } from '../../../test/helpers/obp-consents.js';
import { givenRoles, obp } from '../../../test/helpers/obp.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

let t: TestContext;
let ann: ObpActor;
let bob: ObpActor;
let manager: ObpActor;
let accepted: { consentId: string; jwt: string };
let initiated: { consentId: string; jwt: string };
let bobs: { consentId: string; jwt: string };

beforeAll(async () => {
  t = await createTestContext({}, { OTP_TRANSPORT: 'outbox' });
  ann = await givenObpUser(t);
  bob = await givenObpUser(t);
  manager = await givenObpUser(t);
  accepted = await givenObpConsent(t, ann);
  t.clock.advance(1000);
  initiated = await givenObpConsent(t, ann, { answer: false });
  t.clock.advance(1000);
  bobs = await givenObpConsent(t, bob);
});
afterAll(() => t.close());

const notFound = { code: 404, message: 'OBP-35001: Consent not found by CONSENT_ID.' };

describe('getConsentByConsentId (as its user)', () => {
  it.each(['/obp/v5.1.0/user/current/consents', '/obp/v5.1.0/consumer/consents'])(
    '%s/ID answers the seed shape for the own consent',
    async (path) => {
      const response = await obp(t, 'GET', `${path}/${accepted.consentId}`, { token: ann.token });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        consent_id: accepted.consentId,
        jwt: accepted.jwt,
        status: 'ACCEPTED',
      });
    },
  );

  it("another user's consent, an unknown id and a malformed id are 404 OBP-35001", async () => {
    for (const id of [bobs.consentId, t.ctx.ids.uuid(), 'not-a-uuid']) {
      const response = await obp(t, 'GET', `/obp/v5.1.0/user/current/consents/${id}`, { token: ann.token });
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(notFound);
    }
  });

  it('without a DirectLogin token: 401 OBP-20001', async () => {
    const response = await obp(t, 'GET', `/obp/v5.1.0/user/current/consents/${accepted.consentId}`);
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toMatch(/^OBP-20001: User not logged in/);
  });
});

describe('getConsentByConsentIdViaConsumer', () => {
  it("answers the consumer's consent by Consumer-Key; another consumer's is 404 OBP-35001", async () => {
    const own = await obp(t, 'GET', `/obp/v5.1.0/consumer/current/consents/${accepted.consentId}`, {
      headers: { 'consumer-key': ann.consumerKey },
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({ consent_id: accepted.consentId, jwt: accepted.jwt, status: 'ACCEPTED' });
    const foreign = await obp(t, 'GET', `/obp/v5.1.0/consumer/current/consents/${accepted.consentId}`, {
      headers: { 'consumer-key': bob.consumerKey },
    });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json()).toEqual(notFound);
  });

  it('without a Consumer-Key: 401 OBP-30019', async () => {
    const response = await obp(t, 'GET', `/obp/v5.1.0/consumer/current/consents/${accepted.consentId}`);
    expect(response.statusCode).toBe(401);
    expect(response.json().message).toMatch(/^OBP-30019/);
  });
});

describe('getMyConsents and getConsentInfos', () => {
  it.each([
    '/obp/v5.1.0/my/consents',
    `/obp/v3.1.0/banks/${BANK}/my/consents`,
    `/obp/v5.1.0/banks/${BANK}/my/consents`,
  ])('%s lists only the current user consents, newest first, as the seed', async (url) => {
    const response = await obp(t, 'GET', url, { token: ann.token });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      consents: [
        {
          consent_id: initiated.consentId,
          jwt: initiated.jwt,
          status: 'INITIATED',
          api_standard: 'OBP',
          api_version: 'v5.1.0',
        },
        {
          consent_id: accepted.consentId,
          jwt: accepted.jwt,
          status: 'ACCEPTED',
          api_standard: 'OBP',
          api_version: 'v5.1.0',
        },
      ],
    });
  });

  it('another bank in the path is 404 OBP-30001', async () => {
    const response = await obp(t, 'GET', '/obp/v5.1.0/banks/other.bank/my/consents', { token: ann.token });
    expect(response.statusCode).toBe(404);
    expect(response.json().message).toMatch(/^OBP-30001/);
  });

  it('consent infos: the seed fields, no JWT', async () => {
    const response = await obp(t, 'GET', `/obp/v4.0.0/banks/${BANK}/my/consent-infos`, { token: ann.token });
    expect(response.statusCode).toBe(200);
    const [first, second] = response.json().consents;
    expect(Object.keys(first).sort()).toEqual(
      [
        'api_standard',
        'api_version',
        'consent_id',
        'consumer_id',
        'created_by_user_id',
        'last_action_date',
        'last_usage_date',
        'status',
      ].sort(),
    );
    expect(first).toMatchObject({
      consent_id: initiated.consentId,
      consumer_id: ann.consumerId,
      created_by_user_id: ann.customerId,
      status: 'INITIATED',
      last_usage_date: null,
    });
    expect(first.last_action_date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(second.consent_id).toBe(accepted.consentId);
  });
});

describe('getConsentsAtBank (management)', () => {
  const url = `/obp/v5.1.0/management/consents/banks/${BANK}`;

  it('without CanGetConsentsAtOneBank / AtAnyBank: 403 OBP-20006 naming the roles', async () => {
    const response = await obp(t, 'GET', url, { token: manager.token });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toEqual({
      code: 403,
      message:
        'OBP-20006: User is missing one or more roles: CanGetConsentsAtOneBank or CanGetConsentsAtAnyBank',
    });
  });

  it('lists every user consent at the bank, the seed fields, filtered by consumer, user and status', async () => {
    await givenRoles(t.ctx, manager.customerId, [{ bankId: BANK, roleName: 'CanGetConsentsAtOneBank' }]);
    const all = await obp(t, 'GET', url, { token: manager.token });
    expect(all.statusCode).toBe(200);
    const consents = all.json().consents as Record<string, unknown>[];
    expect(consents.map((c) => c.consent_reference_id)).toEqual([
      bobs.consentId,
      initiated.consentId,
      accepted.consentId,
    ]);
    const first = consents[0]!;
    expect(first).toEqual({
      consent_reference_id: bobs.consentId,
      consumer_id: bob.consumerId,
      created_by_user_id: bob.customerId,
      status: 'ACCEPTED',
      last_action_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
      last_usage_date: null,
      jwt: bobs.jwt,
      jwt_payload: decodeJwt(bobs.jwt),
      api_standard: 'OBP',
      api_version: 'v5.1.0',
    });
    expect((first.jwt_payload as { jti: string }).jti).toBe(bobs.consentId);

    const ids = async (query: string) =>
      (
        (await obp(t, 'GET', `${url}?${query}`, { token: manager.token })).json().consents as {
          consent_reference_id: string;
        }[]
      ).map((c) => c.consent_reference_id);
    expect(await ids(`consumer_id=${ann.consumerId}`)).toEqual([initiated.consentId, accepted.consentId]);
    expect(await ids(`user_id=${bob.customerId}`)).toEqual([bobs.consentId]);
    expect(await ids('status=ACCEPTED')).toEqual([bobs.consentId, accepted.consentId]);
    expect(await ids(`status=initiated&user_id=${ann.customerId}`)).toEqual([initiated.consentId]);
    expect(await ids('status=REVOKED')).toEqual([]);
    expect(await ids('limit=1&offset=1')).toEqual([initiated.consentId]);
    expect(await ids('limit=2')).toEqual([bobs.consentId, initiated.consentId]);
  });

  it('a consent past its expiry is listed as EXPIRED (lazy expiry) and found by status=EXPIRED', async () => {
    const later = await createTestContext({}, { OTP_TRANSPORT: 'outbox' });
    try {
      const consent = await givenObpConsent(later, await givenObpUser(later));
      later.clock.advance(3601 * 1000);
      const reader = await givenObpUser(later);
      await givenRoles(later.ctx, reader.customerId, [{ bankId: '', roleName: 'CanGetConsentsAtAnyBank' }]);
      const token = reader.token;
      const expired = await obp(later, 'GET', `${url}?status=EXPIRED`, { token });
      expect(
        expired
          .json()
          .consents.map((c: { consent_reference_id: string; status: string }) => [
            c.consent_reference_id,
            c.status,
          ]),
      ).toEqual([[consent.consentId, 'EXPIRED']]);
      expect((await obp(later, 'GET', `${url}?status=ACCEPTED`, { token })).json().consents).toEqual([]);
    } finally {
      await later.close();
    }
  });

  it('a bad number is a 400 and an unknown bank a 404 OBP-30001', async () => {
    // OBP's paging errors (ErrorMessages.FilterLimitError / FilterOffersetError), not OBP-10001.
    const limit = 'OBP-10025: wrong value for obp_limit parameter. Please send a positive integer (=>1)!';
    const offset = 'OBP-10024: wrong value for obp_offset parameter. Please send a positive integer (=>0)!';
    for (const [query, message] of [
      ['limit=abc', limit],
      ['limit=0', limit],
      ['limit=1.5', limit],
      ['offset=-1', offset],
      ['offset=x', offset],
    ] as const) {
      const response = await obp(t, 'GET', `${url}?${query}`, { token: manager.token });
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toEqual({ code: 400, message });
    }
    const bank = await obp(t, 'GET', '/obp/v5.1.0/management/consents/banks/other.bank', {
      token: manager.token,
    });
    expect(bank.statusCode).toBe(404);
    expect(bank.json().message).toMatch(/^OBP-30001/);
  });
});
