// The OBP part of the benchmark's data set: a consumer, PSUs with one account each, and ACCEPTED OBP
// consents of theirs, made the way the API makes them (createObpConsent with IMPLICIT SCA, the code read
// from the dev outbox, answerConsentChallenge), so each carries a real Consent-JWT signed with the
// database's key. The JWTs live for a week: a long benchmark run must not see them expire.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../src/context.js';
import { createBankAccount } from '../src/services/admin/create-bank-account.js';
import { createClient } from '../src/services/admin/create-client.js';
import { createCustomer } from '../src/services/customers/create-customer.js';
import { answerConsentChallenge } from '../src/services/obp/answer-consent-challenge.js';
import { createObpConsent } from '../src/services/obp/create-obp-consent.js';

export interface ObpTarget {
  consentId: string;
  jwt: string;
  consumerKey: string;
}

/** What the generating context's config must allow (CONSENTS_MAX_TIME_TO_LIVE, OTP_TRANSPORT). */
export const OBP_GENERATION_ENV = { CONSENTS_MAX_TIME_TO_LIVE: String(7 * 86_400), OTP_TRANSPORT: 'outbox' };

const SYSTEM = { type: 'system' as const, id: 'bench' };
const OBP_PSUS = 4;

export async function generateObpConsents(ctx: AppContext, count: number): Promise<ObpTarget[]> {
  if (count === 0) return [];
  const { client } = await createClient(
    ctx,
    { clientId: 'bench-obp-consumer', name: 'Bench OBP consumer', roles: ['AISP'] },
    SYSTEM,
    null,
  );
  const partner = await createClient(
    ctx,
    { clientId: 'bench-obp-bank', name: 'Bench OBP bank', shortName: 'benchobp', roles: ['B2B_PARTNER'] },
    SYSTEM,
    null,
  );
  const psus: { customerId: string; email: string; accountId: string }[] = [];
  for (let i = 0; i < Math.min(OBP_PSUS, count); i++) {
    const email = `obp-psu${i}@bench.example`;
    const { customer } = await createCustomer(
      ctx,
      {
        issuingPartner: partner.client.clientId,
        username: email,
        password: randomUUID(),
        email,
        phone: `555100000${i}`,
        firstName: 'Obp',
        lastName: `Psu${i}`,
        address1: `${i} Main St`,
        city: 'Springfield',
        state: 'IL',
        zip: '62701',
        country: 'USA',
      },
      SYSTEM,
      null,
    );
    const account = await createBankAccount(
      ctx,
      {
        customerId: customer.customerId,
        schemeName: 'UK.OBIE.SortCodeAccountNumber',
        identification: `8033${String(i).padStart(10, '0')}`,
        name: `OBP PSU ${i}`,
        currency: 'GBP',
        balance: '100.00',
      },
      SYSTEM,
      null,
    );
    psus.push({ customerId: customer.customerId, email, accountId: account.accountId });
  }
  const targets: ObpTarget[] = [];
  for (let n = 0; n < count; n++) {
    const psu = psus[n % psus.length]!;
    const created = await createObpConsent(ctx, {
      customerId: psu.customerId,
      callerConsumerId: client.clientId,
      scaMethod: 'IMPLICIT',
      apiVersion: 'v5.1.0',
      everything: false,
      views: [{ bank_id: ctx.config.obpBankId, account_id: psu.accountId, view_id: 'owner' }],
      entitlements: [],
      timeToLive: ctx.config.consentsMaxTimeToLive,
      receipt: {},
    });
    const [message] = await ctx.storage.repos.devOutbox.list({ to: psu.email, limit: 1 });
    if (message?.code === undefined || message.code === null)
      throw new Error(`no one-time code for OBP consent ${created.consent.consentId}`);
    const answered = await answerConsentChallenge(ctx, {
      consentId: created.consent.consentId,
      customerId: psu.customerId,
      answer: message.code,
    });
    if (answered.consent.status !== 'ACCEPTED')
      throw new Error(`OBP consent ${created.consent.consentId} is ${answered.consent.status}`);
    targets.push({
      consentId: created.consent.consentId,
      jwt: created.obp.jwt,
      consumerKey: client.consumerKey,
    });
  }
  return targets;
}
