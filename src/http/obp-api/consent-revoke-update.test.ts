// Revoking and updating OBP consents (seed 003): revokeConsent (GET .../revoke, again OBP-35012),
// revokeMyConsent, revokeConsentAtBank (CanRevokeConsentAtBank), updateConsentStatus (v4.0.0: 202, no
// change) and updateConsentStatusByConsent (roles, OBP-35001), each checked on the wire, in the stored
// consent and in its history rows (actor and reason), on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK, givenObpConsent, givenObpUser, type ObpActor } from '../../../test/helpers/obp-consents.js';
import { givenRoles, obp } from '../../../test/helpers/obp.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

let t: TestContext;
let ann: ObpActor;
let bob: ObpActor;

beforeAll(async () => {
  t = await createTestContext({}, { OTP_TRANSPORT: 'outbox' });
  ann = await givenObpUser(t);
  bob = await givenObpUser(t);
});
afterAll(() => t.close());

async function stored(consentId: string) {
  const consent = await t.ctx.storage.repos.consents.findById(consentId);
  const history = await t.ctx.storage.repos.consents.history(consentId);
  return {
    status: consent?.status,
    history: history.map((h) => [h.fromStatus, h.toStatus, h.actor.type, h.actor.id, h.reason]),
  };
}

const created = (user: ObpActor) => [
  null,
  'INITIATED',
  'psu',
  user.customerId,
  'OBP consent created (SCA IMPLICIT)',
];
const answered = (user: ObpActor) => [
  'INITIATED',
  'ACCEPTED',
  'psu',
  user.customerId,
  'SCA challenge answered',
];

describe('revoking a consent', () => {
  it.each([
    [
      'GET',
      (id: string) => `/obp/v3.1.0/banks/${BANK}/my/consents/${id}/revoke`,
      'Revoked by the PSU (revokeConsent)',
    ],
    ['DELETE', (id: string) => `/obp/v5.1.0/my/consents/${id}`, 'Revoked by the PSU (revokeMyConsent)'],
  ] as const)(
    '%s %s: 200 REVOKED, a history row; again: 400 OBP-35012 and nothing changes',
    async (method, path, reason) => {
      const { consentId, jwt } = await givenObpConsent(t, ann);
      const response = await obp(t, method, path(consentId), { token: ann.token });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ consent_id: consentId, jwt, status: 'REVOKED' });
      const after = await stored(consentId);
      expect(after).toEqual({
        status: 'REVOKED',
        history: [created(ann), answered(ann), ['ACCEPTED', 'REVOKED', 'psu', ann.customerId, reason]],
      });
      const again = await obp(t, method, path(consentId), { token: ann.token });
      expect(again.statusCode).toBe(400);
      expect(again.json()).toEqual({ code: 400, message: 'OBP-35012: Consent is already revoked.' });
      expect(await stored(consentId)).toEqual(after);
    },
  );

  it("another user's consent is 404 OBP-35001 and stays ACCEPTED; an INITIATED one is revoked (as OBP)", async () => {
    const { consentId } = await givenObpConsent(t, bob);
    const before = await stored(consentId);
    const response = await obp(t, 'DELETE', `/obp/v5.1.0/my/consents/${consentId}`, { token: ann.token });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ code: 404, message: 'OBP-35001: Consent not found by CONSENT_ID.' });
    expect(await stored(consentId)).toEqual(before);
    const pending = await givenObpConsent(t, ann, { answer: false });
    const withdrawn = await obp(t, 'DELETE', `/obp/v5.1.0/my/consents/${pending.consentId}`, {
      token: ann.token,
    });
    expect(withdrawn.statusCode).toBe(200);
    expect(withdrawn.json()).toMatchObject({ consent_id: pending.consentId, status: 'REVOKED' });
    const after = await stored(pending.consentId);
    expect(after.status).toBe('REVOKED');
    expect(after.history.at(-1)).toEqual([
      'INITIATED',
      'REVOKED',
      'psu',
      ann.customerId,
      'Revoked by the PSU (revokeMyConsent)',
    ]);
  });

  it('selfRevokeConsent: DELETE /my/consent/current revokes the consent of the call; its next use is OBP-35005', async () => {
    const { consentId, jwt } = await givenObpConsent(t, ann);
    const headers = { 'consent-id': consentId, 'consumer-key': ann.consumerKey };
    const response = await obp(t, 'DELETE', '/obp/v5.1.0/my/consent/current', { headers });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ consent_id: consentId, jwt, status: 'REVOKED' });
    expect((await stored(consentId)).history.at(-1)).toEqual([
      'ACCEPTED',
      'REVOKED',
      'tpp',
      ann.consumerId,
      'Revoked by the consumer using it (selfRevokeConsent)',
    ]);
    const again = await obp(t, 'DELETE', '/obp/v5.1.0/my/consent/current', { headers });
    expect(again.json().message).toMatch(/^OBP-35005/);
    const use = await obp(t, 'GET', '/obp/v5.1.0/users/current', { headers });
    expect(use.json().message).toMatch(/^OBP-35005/);
    const none = await obp(t, 'DELETE', '/obp/v5.1.0/my/consent/current', { token: ann.token });
    expect(none.json().message).toMatch(/^OBP-35008/);
  });

  it('revokeConsentAtBank needs CanRevokeConsentAtBank (403 OBP-20006, nothing changes), then revokes', async () => {
    const { consentId, jwt } = await givenObpConsent(t, bob);
    const url = `/obp/v5.1.0/banks/${BANK}/consents/${consentId}`;
    const denied = await obp(t, 'DELETE', url, { token: bob.token });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({
      code: 403,
      message: 'OBP-20006: User is missing one or more roles: CanRevokeConsentAtBank',
    });
    expect((await stored(consentId)).status).toBe('ACCEPTED');
    await givenRoles(t.ctx, bob.customerId, [{ bankId: BANK, roleName: 'CanRevokeConsentAtBank' }]);
    const response = await obp(t, 'DELETE', url, { token: bob.token });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ consent_id: consentId, jwt, status: 'REVOKED' });
    expect((await stored(consentId)).history.at(-1)).toEqual([
      'ACCEPTED',
      'REVOKED',
      'psu',
      bob.customerId,
      'Revoked by the PSU at the bank (revokeConsentAtBank)',
    ]);
    const other = await obp(t, 'DELETE', '/obp/v5.1.0/banks/other.bank/consents/' + consentId, {
      token: bob.token,
    });
    expect(other.statusCode).toBe(404);
    expect(other.json().message).toMatch(/^OBP-30001/);
  });
});

describe('updating a consent status', () => {
  it('v4.0.0 updateConsentStatus: SCA is on, so 202 with the consent unchanged', async () => {
    const { consentId, jwt } = await givenObpConsent(t, ann);
    const before = await stored(consentId);
    for (const prefix of ['v4.0.0', 'v5.1.0']) {
      const response = await obp(t, 'PUT', `/obp/${prefix}/banks/${BANK}/consents/${consentId}`, {
        token: ann.token,
        body: { status: 'REJECTED' },
      });
      expect(response.statusCode).toBe(202);
      expect(response.json()).toEqual({ consent_id: consentId, jwt, status: 'ACCEPTED' });
    }
    expect(await stored(consentId)).toEqual(before);
    const missing = await obp(t, 'PUT', `/obp/v4.0.0/banks/${BANK}/consents/${consentId}`, {
      token: ann.token,
      body: {},
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().message).toMatch(/^OBP-10001/);
    const broken = await obp(t, 'PUT', `/obp/v4.0.0/banks/${BANK}/consents/${consentId}`, {
      token: ann.token,
      body: '{"status":',
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json().message).toMatch(/^OBP-10001/);
  });

  it('management updateConsentStatusByConsent: roles, seed names, history, OBP-35001, OBP-35025', async () => {
    const manager = await givenObpUser(t);
    const { consentId, jwt } = await givenObpConsent(t, ann);
    const url = (id: string) => `/obp/v5.1.0/management/banks/${BANK}/consents/${id}`;
    const denied = await obp(t, 'PUT', url(consentId), { token: manager.token, body: { status: 'REVOKED' } });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toEqual({
      code: 403,
      message:
        'OBP-20006: User is missing one or more roles: CanUpdateConsentStatusAtOneBank or CanUpdateConsentStatusAtAnyBank',
    });
    await givenRoles(t.ctx, manager.customerId, [
      { bankId: '', roleName: 'CanUpdateConsentStatusAtAnyBank' },
    ]);

    const unknown = await obp(t, 'PUT', url(t.ctx.ids.uuid()), {
      token: manager.token,
      body: { status: 'REVOKED' },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual({ code: 404, message: 'OBP-35001: Consent not found by CONSENT_ID.' });

    const bad = await obp(t, 'PUT', url(consentId), { token: manager.token, body: { status: 'SLEEPING' } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().message).toMatch(/^OBP-10001/);
    const back = await obp(t, 'PUT', url(consentId), { token: manager.token, body: { status: 'RECEIVED' } });
    expect(back.statusCode).toBe(400);
    expect(back.json().message).toMatch(/^OBP-35025/);
    expect((await stored(consentId)).status).toBe('ACCEPTED');

    const same = await obp(t, 'PUT', url(consentId), { token: manager.token, body: { status: 'VALID' } });
    expect(same.statusCode).toBe(200);
    expect(same.json()).toEqual({ consent_id: consentId, jwt, status: 'ACCEPTED' });
    expect((await stored(consentId)).history).toHaveLength(2);

    const revoked = await obp(t, 'PUT', url(consentId), {
      token: manager.token,
      body: { status: 'TERMINATEDBYTPP' },
    });
    expect(revoked.statusCode).toBe(200);
    expect(revoked.json()).toEqual({ consent_id: consentId, jwt, status: 'REVOKED' });
    expect(await stored(consentId)).toEqual({
      status: 'REVOKED',
      history: [
        created(ann),
        answered(ann),
        [
          'ACCEPTED',
          'REVOKED',
          'bank',
          manager.customerId,
          'Status updated by the bank (updateConsentStatusByConsent)',
        ],
      ],
    });
  });
});
