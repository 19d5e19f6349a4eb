// The whole SCA flow through a real SMTP server and a local SMS gateway: create -> code from the transport ->
// answer -> ACCEPTED -> calls with Consent-JWT -> revoked through transitionConsent -> refused. Brute force,
// replay and late answers of codes; codes never logged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { OBP_MESSAGES } from '../../src/http/obp-api/obp-messages.js';
import { transitionConsent } from '../../src/services/consents/transition-consent.js';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { givenLoggedInPsu, obp, ownerViews, startSmsGateway, startSmtpServer } from '../helpers/obp.js';

const BANK = 'gh.29.uk';
let t: TestContext;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let sms: Awaited<ReturnType<typeof startSmsGateway>>;
const logLines: string[] = [];

beforeAll(async () => {
  smtp = await startSmtpServer();
  sms = await startSmsGateway();
  const logger = createLogger('debug', { write: (line: string) => void logLines.push(line) });
  t = await createTestContext(
    {},
    {
      OTP_TRANSPORT: 'smtp,http',
      SMTP_URL: smtp.url,
      SMS_GATEWAY_URL: sms.url,
      SMS_GATEWAY_TOKEN: 'gateway-token',
    },
    { logger },
  );
});
afterAll(async () => {
  await t.close();
  await smtp.close();
  await sms.close();
});

const answerUrl = (consentId: string) => `/obp/v5.1.0/banks/${BANK}/consents/${consentId}/challenge`;

async function history(consentId: string) {
  return t.database.db
    .selectFrom('consent_status_history')
    .select(['from_status', 'to_status', 'actor_type', 'actor_id', 'reason'])
    .where('consent_id', '=', consentId)
    .orderBy('history_id')
    .execute();
}

describe('SCA flow', () => {
  it('EMAIL over SMTP: answer -> ACCEPTED -> Consent-JWT calls -> revoked -> refused on the next call', async () => {
    const { consumer, psu, token } = await givenLoggedInPsu(t);
    const created = await obp(t, 'POST', `/obp/v5.1.0/banks/${BANK}/my/consents/EMAIL`, {
      token,
      body: {
        everything: false,
        views: ownerViews(BANK, [psu.accountIds[0]!]),
        entitlements: [],
        email: 'felixsmith@example.com',
      },
    });
    expect(created.statusCode).toBe(201);
    const { consent_id: consentId, jwt } = created.json();
    const code = smtp.codeFor('felixsmith@example.com');
    expect(smtp.mails.at(-1)!.raw).toContain(consentId);

    const answered = await obp(t, 'POST', answerUrl(consentId), { token, body: { answer: code } });
    expect(answered.statusCode).toBe(201);
    expect(answered.json()).toEqual({ consent_id: consentId, jwt, status: 'ACCEPTED' });
    expect(await history(consentId)).toEqual([
      expect.objectContaining({ from_status: null, to_status: 'INITIATED' }),
      {
        from_status: 'INITIATED',
        to_status: 'ACCEPTED',
        actor_type: 'psu',
        actor_id: psu.customerId,
        reason: 'SCA challenge answered',
      },
    ]);
    const outbox = await t.database.db.selectFrom('outbox').selectAll().execute();
    expect(outbox.map((e) => JSON.parse(e.payload))).toContainEqual(
      expect.objectContaining({ consentId, from: 'INITIATED', to: 'ACCEPTED' }),
    );

    const headers = { 'consent-jwt': jwt, 'consumer-key': consumer.consumerKey };
    const me = await obp(t, 'GET', '/obp/v5.1.0/users/current', { headers });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({
      user_id: psu.customerId,
      entitlements: { list: [] },
      views: { list: ownerViews(BANK, [psu.accountIds[0]!]) },
    });
    const accountUrl = (id: string) => `/obp/v5.1.0/banks/${BANK}/accounts/${id}/owner/account`;
    const account = await obp(t, 'GET', accountUrl(psu.accountIds[0]!), { headers });
    expect(account.statusCode).toBe(200);
    expect(account.json()).toMatchObject({
      id: psu.accountIds[0],
      bank_id: BANK,
      balance: { amount: '100.00' },
    });
    // The PSU's second account is outside the consent's views.
    const outside = await obp(t, 'GET', accountUrl(psu.accountIds[1]!), { headers });
    expect(outside.statusCode).toBe(404);
    expect(outside.json().message).toMatch(/^OBP-30018: /);
    // ... which the PSU reaches with DirectLogin.
    expect((await obp(t, 'GET', accountUrl(psu.accountIds[1]!), { token })).statusCode).toBe(200);
    // By Consent-Id as well.
    const byId = await obp(t, 'GET', '/obp/v5.1.0/users/current', {
      headers: { 'consent-id': consentId, 'consumer-key': consumer.consumerKey },
    });
    expect(byId.statusCode).toBe(200);

    await t.ctx.storage.transaction((repos) =>
      transitionConsent(repos, {
        consentId,
        binding: { kind: 'obp' },
        change: { event: 'revoke' },
        actor: { type: 'psu', id: psu.customerId },
        reason: 'Revoked by the PSU',
        at: t.clock.now(),
      }),
    );
    const refused = await obp(t, 'GET', '/obp/v5.1.0/users/current', { headers });
    expect(refused.statusCode).toBe(401);
    expect(refused.json()).toEqual({ code: 401, message: `OBP-35005: ${OBP_MESSAGES['OBP-35005']}` });
    // The code never reached a log line.
    expect(logLines.join('\n')).not.toContain(code);
  });

  it('SMS through the HTTP gateway (bearer token, JSON {to, text}); a failed gateway is OBP-35010', async () => {
    const { psu, token } = await givenLoggedInPsu(t);
    const body = { everything: true, views: [], entitlements: [], phone_number: '+44 07972 444 876' };
    const created = await obp(t, 'POST', `/obp/v5.1.0/banks/${BANK}/my/consents/SMS`, { token, body });
    expect(created.statusCode).toBe(201);
    expect(sms.messages.at(-1)!.authorization).toBe('Bearer gateway-token');
    const code = sms.codeFor('+44 07972 444 876');
    const answered = await obp(t, 'POST', answerUrl(created.json().consent_id), {
      token,
      body: { answer: code },
    });
    expect(answered.json().status).toBe('ACCEPTED');
    expect(psu.accountIds).toHaveLength(2);

    sms.state.status = 503;
    try {
      const count = async () =>
        (await t.database.db.selectFrom('consents').select('consent_id').where('kind', '=', 'obp').execute())
          .length;
      const before = await count();
      const failed = await obp(t, 'POST', `/obp/v5.1.0/banks/${BANK}/my/consents/SMS`, { token, body });
      expect(failed.statusCode).toBe(400);
      expect(failed.json().message).toBe(`OBP-35010: ${OBP_MESSAGES['OBP-35010']} +44 07972 444 876`);
      expect(await count()).toBe(before);
    } finally {
      sms.state.status = 200;
    }
  });

  it('30 parallel wrong answers then the right code leave the consent REJECTED, decided once', async () => {
    const { psu, token } = await givenLoggedInPsu(t);
    const created = await obp(t, 'POST', `/obp/v5.1.0/banks/${BANK}/my/consents/IMPLICIT`, {
      token,
      body: { everything: true },
    });
    const consentId = created.json().consent_id as string;
    const code = smtp.codeFor(psu.customer.email);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    const answers = await Promise.all(
      Array.from({ length: 30 }, () =>
        obp(t, 'POST', answerUrl(consentId), { token, body: { answer: wrong } }),
      ),
    );
    expect(answers.every((a) => a.statusCode === 201 && a.json().status === 'REJECTED')).toBe(true);
    const right = await obp(t, 'POST', answerUrl(consentId), { token, body: { answer: code } });
    expect(right.json().status).toBe('REJECTED');
    expect(await history(consentId)).toEqual([
      expect.objectContaining({ to_status: 'INITIATED' }),
      expect.objectContaining({
        from_status: 'INITIATED',
        to_status: 'REJECTED',
        reason: 'Wrong SCA challenge answer',
      }),
    ]);
    const challenge = await t.database.db
      .selectFrom('obp_sca_challenges')
      .selectAll()
      .where('consent_id', '=', consentId)
      .executeTakeFirstOrThrow();
    expect(challenge.outcome).toBe('REJECTED');
  });

  it('a replayed code changes nothing; a late code rejects; another user gets OBP-35001', async () => {
    const { psu, token } = await givenLoggedInPsu(t);
    const create = async () =>
      (
        await obp(t, 'POST', `/obp/v5.1.0/banks/${BANK}/my/consents/IMPLICIT`, {
          token,
          body: { everything: true },
        })
      ).json().consent_id as string;
    const first = await create();
    const code = smtp.codeFor(psu.customer.email);
    expect((await obp(t, 'POST', answerUrl(first), { token, body: { answer: code } })).json().status).toBe(
      'ACCEPTED',
    );
    const replay = await obp(t, 'POST', answerUrl(first), { token, body: { answer: code } });
    expect(replay.json().status).toBe('ACCEPTED');
    const wrongLater = await obp(t, 'POST', answerUrl(first), { token, body: { answer: '000000' } });
    expect(wrongLater.json().status).toBe('ACCEPTED');
    expect(await history(first)).toHaveLength(2);

    const other = await givenLoggedInPsu(t);
    const foreign = await obp(t, 'POST', answerUrl(first), { token: other.token, body: { answer: code } });
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().message).toMatch(/^OBP-35001: /);

    const late = await create();
    const lateCode = smtp.codeFor(psu.customer.email);
    t.clock.advance(300_000);
    try {
      const answered = await obp(t, 'POST', answerUrl(late), { token, body: { answer: lateCode } });
      expect(answered.json().status).toBe('REJECTED');
      expect((await history(late)).at(-1)!.reason).toBe('SCA challenge answered after the code expired');
    } finally {
      t.clock.advance(-300_000);
    }
  });
});
