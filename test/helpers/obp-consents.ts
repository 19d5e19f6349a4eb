// OBP consent fixtures for the read / management / revoke tests: a PSU's consent created and answered
// through the API itself (DirectLogin, IMPLICIT create, the code from the dev outbox, the challenge).
import { directLoginToken, givenConsumer, givenPsu, obp } from './obp.js';
import type { TestContext } from './test-context.js';

export const BANK = 'gh.29.uk';

export interface ObpActor {
  consumerId: string;
  consumerKey: string;
  customerId: string;
  token: string;
  accountIds: string[];
}

/** A consumer and a PSU logged in through it (the test context needs OTP_TRANSPORT=outbox). */
export async function givenObpUser(t: TestContext, consumer?: { consumerId: string; consumerKey: string }) {
  const c = consumer ?? (await givenConsumer(t.ctx));
  const psu = await givenPsu(t.ctx, 2);
  const token = await directLoginToken(t, psu, c.consumerKey);
  return { ...c, customerId: psu.customerId, token, accountIds: psu.accountIds } satisfies ObpActor;
}

/** A consent of `user` on their first account; answered (ACCEPTED) unless `answer` is false. */
export async function givenObpConsent(
  t: TestContext,
  user: ObpActor,
  options: { answer?: boolean } = {},
): Promise<{ consentId: string; jwt: string }> {
  const created = await obp(t, 'POST', `/obp/v5.1.0/banks/${BANK}/my/consents/IMPLICIT`, {
    token: user.token,
    body: {
      everything: false,
      views: [{ bank_id: BANK, account_id: user.accountIds[0], view_id: 'owner' }],
      entitlements: [],
    },
  });
  if (created.statusCode !== 201) throw new Error(`create consent failed: ${created.body}`);
  const { consent_id: consentId, jwt } = created.json() as { consent_id: string; jwt: string };
  if (options.answer === false) return { consentId, jwt };
  const messages = await t.ctx.storage.repos.devOutbox.list({ limit: 50 });
  const code = messages.find((m) => m.consentId === consentId)?.code;
  const answered = await obp(t, 'POST', `/obp/v5.1.0/banks/${BANK}/consents/${consentId}/challenge`, {
    token: user.token,
    body: { answer: code },
  });
  if (answered.statusCode !== 201 || answered.json().status !== 'ACCEPTED')
    throw new Error(`answer failed: ${answered.body}`);
  return { consentId, jwt };
}
