// addConsentUser (OBP-35024, OBP-20057, OBP-35001) and the management updates that re-issue the
// Consent-JWT: created-by user and account access (roles, stored JWT, audit), on SQLite and PostgreSQL.
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK, givenObpConsent, givenObpUser, type ObpActor } from '../../../test/helpers/obp-consents.js';
import { auditRows } from '../../../test/helpers/customers.js';
import { givenRoles, obp } from '../../../test/helpers/obp.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

let t: TestContext;
let ann: ObpActor;
let bob: ObpActor;
let manager: ObpActor;

beforeAll(async () => {
  t = await createTestContext({}, { OTP_TRANSPORT: 'outbox' });
  ann = await givenObpUser(t);
  bob = await givenObpUser(t);
  manager = await givenObpUser(t);
});
afterAll(() => t.close());

async function auditActions(consentId: string): Promise<string[]> {
  return (await auditRows(t)).filter((r) => r.target_id === consentId).map((r) => r.action);
}

describe('addConsentUser', () => {
  it('a consent with a user: 400 OBP-35024; unknown user OBP-20057; unknown consent OBP-35001; nothing changes', async () => {
    const { consentId } = await givenObpConsent(t, ann);
    const url = (id: string) => `/obp/v4.0.0/banks/${BANK}/consents/${id}/user-update-request`;
    const added = await obp(t, 'PUT', url(consentId), {
      token: ann.token,
      body: { user_id: bob.customerId },
    });
    expect(added.statusCode).toBe(400);
    expect(added.json()).toEqual({ code: 400, message: "OBP-35024: The Consent's User is already added." });
    const nobody = await obp(t, 'PUT', url(consentId), { token: ann.token, body: { user_id: 'nobody' } });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().message).toMatch(/^OBP-20057/);
    const unknown = await obp(t, 'PUT', url(t.ctx.ids.uuid()), {
      token: ann.token,
      body: { user_id: bob.customerId },
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/^OBP-35001/);
    expect((await t.ctx.storage.repos.consents.findById(consentId))?.userId).toBe(ann.customerId);
  });

  it('gives a consent without a user its user, audited', async () => {
    const { consentId, jwt } = await givenObpConsent(t, ann);
    await t.ctx.storage.repos.consentWriter.update(consentId, { userId: null }, t.ctx.clock.now());
    const response = await obp(
      t,
      'PUT',
      `/obp/v5.1.0/banks/${BANK}/consents/${consentId}/user-update-request`,
      {
        token: ann.token,
        body: { user_id: bob.customerId },
      },
    );
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ consent_id: consentId, jwt, status: 'ACCEPTED' });
    expect((await t.ctx.storage.repos.consents.findById(consentId))?.userId).toBe(bob.customerId);
  });
});

describe('management: created-by user and account access (JWT re-issued)', () => {
  it('needs the roles (403 OBP-20006), then re-issues the JWT with the same jti, nbf and exp', async () => {
    const { consentId, jwt } = await givenObpConsent(t, ann);
    const userUrl = `/obp/v5.1.0/management/banks/${BANK}/consents/${consentId}/created-by-user`;
    const accessUrl = `/obp/v5.1.0/management/banks/${BANK}/consents/${consentId}/account-access`;
    const access = { accounts: [{ iban: 'GB33BUKB20201555555555' }] };
    const deniedUser = await obp(t, 'PUT', userUrl, {
      token: manager.token,
      body: { user_id: bob.customerId },
    });
    expect(deniedUser.json()).toEqual({
      code: 403,
      message:
        'OBP-20006: User is missing one or more roles: CanUpdateConsentUserAtOneBank or CanUpdateConsentUserAtAnyBank',
    });
    const deniedAccess = await obp(t, 'PUT', accessUrl, { token: manager.token, body: { access } });
    expect(deniedAccess.statusCode).toBe(403);
    expect((await t.ctx.storage.repos.obpConsents.findById(consentId))?.jwt).toBe(jwt);

    await givenRoles(t.ctx, manager.customerId, [
      { bankId: BANK, roleName: 'CanUpdateConsentUserAtOneBank' },
      { bankId: '', roleName: 'CanUpdateConsentAccountAccessAtAnyBank' },
    ]);
    const nobody = await obp(t, 'PUT', userUrl, { token: manager.token, body: { user_id: 'nobody' } });
    expect(nobody.statusCode).toBe(404);
    expect(nobody.json().message).toMatch(/^OBP-20057/);

    // Only a consent without a user yet takes a created-by user (OBP's ConsentUserAlreadyAdded).
    const taken = await obp(t, 'PUT', userUrl, { token: manager.token, body: { user_id: bob.customerId } });
    expect(taken.statusCode).toBe(400);
    expect(taken.json()).toEqual({ code: 400, message: "OBP-35024: The Consent's User is already added." });
    expect((await t.ctx.storage.repos.obpConsents.findById(consentId))?.jwt).toBe(jwt);
    expect((await t.ctx.storage.repos.consents.findById(consentId))?.userId).toBe(ann.customerId);
    expect(await auditActions(consentId)).toEqual([]);

    await t.ctx.storage.repos.consentWriter.update(consentId, { userId: null }, t.ctx.clock.now());
    const user = await obp(t, 'PUT', userUrl, { token: manager.token, body: { user_id: bob.customerId } });
    expect(user.statusCode).toBe(200);
    const reissued = user.json().jwt as string;
    expect(user.json()).toEqual({ consent_id: consentId, jwt: reissued, status: 'ACCEPTED' });
    const before = decodeJwt(jwt);
    const after = decodeJwt(reissued);
    expect(after).toMatchObject({
      jti: consentId,
      nbf: before.nbf,
      exp: before.exp,
      sub: before.sub,
      aud: before.aud,
    });
    expect(after.createdByUserId).toBe(bob.customerId);
    const stored = await t.ctx.storage.repos.obpConsents.findById(consentId);
    expect(stored).toMatchObject({ jwt: reissued, createdByUserId: bob.customerId });
    expect((await t.ctx.storage.repos.consents.findById(consentId))?.userId).toBe(bob.customerId);
    expect(await auditActions(consentId)).toEqual(['obp_consent.user_updated']);

    const empty = await obp(t, 'PUT', accessUrl, {
      token: manager.token,
      body: { access: { accounts: [] } },
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().message).toMatch(/^OBP-10001/);
    const updated = await obp(t, 'PUT', accessUrl, { token: manager.token, body: { access } });
    expect(updated.statusCode).toBe(200);
    const third = decodeJwt(updated.json().jwt as string);
    expect(third).toMatchObject({ jti: consentId, exp: before.exp, createdByUserId: bob.customerId, access });
    expect((await t.ctx.storage.repos.obpConsents.findById(consentId))?.jwt).toBe(updated.json().jwt);

    const unknown = await obp(
      t,
      'PUT',
      `/obp/v5.1.0/management/banks/${BANK}/consents/${t.ctx.ids.uuid()}/account-access`,
      {
        token: manager.token,
        body: { access },
      },
    );
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().message).toMatch(/^OBP-35001/);
  });
});
