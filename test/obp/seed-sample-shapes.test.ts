// The seed's sample responses (seed 003, "Respuesta Exitosa Típica" of each endpoint), compared field by
// field with what ConsentHub answers for the same endpoint: every key path of the sample (objects' keys,
// arrays by their items) must be in our answer, and ours may hold only the extra paths listed below with the
// reason. A request's echoed `payload` is compared at its top level only (it is the caller's own request).
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestContext, type TestContext } from '../helpers/test-context.js';
import { givenAcceptedConsent, givenLoggedInPsu, givenRoles, obp, ownerViews } from '../helpers/obp.js';

// Extracted from the seed as is (one JSON line after each "Respuesta Exitosa Típica:", by function_name).
const SEED = new URL('../fixtures/obp-seed-samples.json', import.meta.url);
const BANK = 'gh.29.uk';

/** function_name -> the sample response of the seed. */
function seedSamples(): Map<string, unknown> {
  const { samples } = JSON.parse(readFileSync(SEED, 'utf8')) as { samples: Record<string, unknown> };
  return new Map(Object.entries(samples));
}

/** Every key path of a JSON value: `a.b`, `list[].c`; the echoed `payload` only to its first level. */
function paths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) paths(item, `${prefix}[]`, out);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const path = prefix === '' ? key : `${prefix}.${key}`;
      out.add(path);
      if (!(key === 'payload' && prefix === '')) paths(item, path, out);
    }
  }
  return out;
}

/** Paths we answer that the seed's sample does not show, and why. Nothing else may differ. */
const VRP_TERMS =
  'the VRP terms of the consent request: issue 10 §3 has them "come back on every read"; the sample shows none';
const BY_REQUEST = [
  'createConsentByConsentRequestIdEmail',
  'createConsentByConsentRequestIdSms',
  'createConsentByConsentRequestIdImplicit',
  'getConsentByConsentRequestId',
  'getConsentByConsentId',
  'getConsentByConsentIdViaConsumer',
];

/** Why a path of ours under `prefix` is not in the sample of `endpoint`, or undefined when it must be. */
function oursOnly(endpoint: string, path: string): string | undefined {
  if (BY_REQUEST.includes(endpoint) && (path === 'vrp' || path.startsWith('vrp.'))) return VRP_TERMS;
  return undefined;
}

let t: TestContext;
const samples = seedSamples();
const answers = new Map<string, unknown>();

beforeAll(async () => {
  t = await createTestContext({}, { OTP_TRANSPORT: 'outbox' });
  const who = await givenLoggedInPsu(t);
  const key = { 'consumer-key': who.consumer.consumerKey };
  const bank = `/obp/v5.1.0/banks/${BANK}`;
  const phone = '+44 07972 444 876';
  type Call = Promise<{ statusCode: number; body: string; json(): unknown }>;
  const record = async (name: string, response: Call, status: number) => {
    const r = await response;
    if (r.statusCode !== status) throw new Error(`${name}: ${r.statusCode} ${r.body}`);
    answers.set(name, r.json());
    return r.json() as Record<string, string>;
  };
  const codeOf = async (consentId: string) =>
    (await t.ctx.storage.repos.devOutbox.list({ limit: 50 })).find((m) => m.consentId === consentId)!.code;
  const views = { everything: false, views: ownerViews(BANK, [who.psu.accountIds[0]!]), entitlements: [] };
  const user = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) =>
    obp(t, method, url, { token: who.token, ...(body !== undefined ? { body } : {}) });
  const consumer = (method: 'GET' | 'POST' | 'DELETE', url: string, body?: unknown, headers = {}) =>
    obp(t, method, url, { headers: { ...key, ...headers }, ...(body !== undefined ? { body } : {}) });

  // Creating and answering.
  const email = await record(
    'createConsentEmail',
    user('POST', `${bank}/my/consents/EMAIL`, { ...views, email: who.psu.customer.email }),
    201,
  );
  await record(
    'createConsentSms',
    user('POST', `${bank}/my/consents/SMS`, { ...views, phone_number: phone }),
    201,
  );
  await record('createConsentImplicit', user('POST', `${bank}/my/consents/IMPLICIT`, views), 201);
  await record(
    'answerConsentChallenge',
    user('POST', `${bank}/consents/${email.consent_id}/challenge`, {
      answer: await codeOf(email.consent_id!),
    }),
    201,
  );

  // Consent requests, standard and VRP; the seed's by-request samples are of a VRP request (account_access
  // with helper_info), so these are too.
  const request = await record(
    'createConsentRequest',
    consumer('POST', '/obp/v5.0.0/consumer/consent-requests', {
      everything: false,
      account_access: [
        { account_routing: { scheme: 'OBP', address: who.psu.accountIds[0] }, view_id: 'owner' },
      ],
      email: who.psu.customer.email,
      time_to_live: 3600,
    }),
    201,
  );
  await record(
    'getConsentRequest',
    consumer('GET', `/obp/v5.1.0/consumer/consent-requests/${request.consent_request_id}`),
    200,
  );
  const routing = (account: string) => ({
    bank_routing: { scheme: 'OBP', address: BANK },
    account_routing: { scheme: 'OBP', address: account },
    branch_routing: { scheme: 'OBP', address: 'branch-1' },
  });
  const vrpBody = {
    from_account: routing(who.psu.accountIds[0]!),
    to_account: {
      ...routing(who.psu.accountIds[1]!),
      counterparty_name: 'Landlord',
      limit: {
        currency: 'EUR',
        max_single_amount: '1000',
        max_monthly_amount: '2000',
        max_number_of_monthly_transactions: 10,
        max_yearly_amount: '20000',
        max_number_of_yearly_transactions: 100,
        max_total_amount: '50000',
        max_number_of_transactions: 500,
      },
    },
    time_to_live: 3600,
  };
  const vrpRequest = async (name = 'createVRPConsentRequest') =>
    (await record(name, consumer('POST', '/obp/v5.1.0/consumer/vrp-consent-requests', vrpBody), 201))
      .consent_request_id!;
  const requestId = await vrpRequest();
  const requests = '/obp/v5.1.0/consumer/consent-requests';
  const byRequest = await record(
    'createConsentByConsentRequestIdEmail',
    user('POST', `${requests}/${requestId}/EMAIL/consents`, { email: who.psu.customer.email }),
    201,
  );
  await record(
    'createConsentByConsentRequestIdSms',
    user('POST', `${requests}/${await vrpRequest('spare')}/SMS/consents`, { phone_number: phone }),
    201,
  );
  await record(
    'createConsentByConsentRequestIdImplicit',
    user('POST', `${requests}/${await vrpRequest('spare')}/IMPLICIT/consents`),
    201,
  );
  await user('POST', `${bank}/consents/${byRequest.consent_id}/challenge`, {
    answer: await codeOf(byRequest.consent_id!),
  });
  await record('getConsentByConsentRequestId', consumer('GET', `${requests}/${requestId}/consents`), 200);
  await record(
    'getConsentByConsentId',
    user('GET', `/obp/v5.1.0/user/current/consents/${byRequest.consent_id}`),
    200,
  );
  await record(
    'getConsentByConsentIdViaConsumer',
    consumer('GET', `/obp/v5.1.0/consumer/current/consents/${byRequest.consent_id}`),
    200,
  );

  // Management (the PSU holds the roles here), lists, updates and revokes.
  await givenRoles(t.ctx, who.psu.customerId, [
    { bankId: BANK, roleName: 'CanGetConsentsAtOneBank' },
    { bankId: BANK, roleName: 'CanRevokeConsentAtBank' },
    { bankId: BANK, roleName: 'CanUpdateConsentStatusAtOneBank' },
    { bankId: BANK, roleName: 'CanUpdateConsentAccountAccessAtOneBank' },
  ]);
  const accepted = await givenAcceptedConsent(t, who);
  const management = `/obp/v5.1.0/management/banks/${BANK}/consents/${accepted.consentId}`;
  // The seed's list sample is a consent with a Berlin Group `access` claim: this one gets one first.
  await record(
    'updateConsentAccountAccessByConsentId',
    user('PUT', `${management}/account-access`, {
      access: { accounts: [{ iban: 'GB33BUKB20201555555555' }] },
    }),
    200,
  );
  const listed = await record(
    'getConsentsAtBank',
    user('GET', `/obp/v5.1.0/management/consents/banks/${BANK}?consumer_id=${who.consumer.consumerId}`),
    200,
  );
  // The seed's sample lists one Berlin Group style consent: compare with that one of ours.
  const withAccess = (listed as unknown as { consents: { consent_reference_id: string }[] }).consents.filter(
    (c) => c.consent_reference_id === accepted.consentId,
  );
  expect(withAccess).toHaveLength(1);
  answers.set('getConsentsAtBank', { consents: withAccess });
  await record('getMyConsents', user('GET', '/obp/v5.1.0/my/consents'), 200);
  await record('getConsentInfos', user('GET', `/obp/v4.0.0/banks/${BANK}/my/consent-infos`), 200);
  await record(
    'updateConsentStatus',
    user('PUT', `/obp/v4.0.0/banks/${BANK}/consents/${accepted.consentId}`, { status: 'REJECTED' }),
    202,
  );
  await record('updateConsentStatusByConsent', user('PUT', management, { status: 'ACCEPTED' }), 200);
  const forSelf = await givenAcceptedConsent(t, who);
  await record(
    'selfRevokeConsent',
    consumer('DELETE', '/obp/v5.1.0/my/consent/current', undefined, { 'consent-id': forSelf.consentId }),
    200,
  );
  const forRevoke = await givenAcceptedConsent(t, who);
  await record(
    'revokeConsent',
    user('GET', `/obp/v3.1.0/banks/${BANK}/my/consents/${forRevoke.consentId}/revoke`),
    200,
  );
  const atBank = await givenAcceptedConsent(t, who);
  await record('revokeConsentAtBank', user('DELETE', `${bank}/consents/${atBank.consentId}`), 200);
  const userless = await givenAcceptedConsent(t, who);
  await t.ctx.storage.repos.consentWriter.update(userless.consentId, { userId: null }, t.ctx.clock.now());
  await record(
    'addConsentUser',
    user('PUT', `/obp/v4.0.0/banks/${BANK}/consents/${userless.consentId}/user-update-request`, {
      user_id: who.psu.customerId,
    }),
    200,
  );
}, 120_000);
afterAll(() => t?.close());

it('every endpoint with a seed sample (but mTLS info, tested in mtls.test.ts) was called', () => {
  expect([...samples.keys()].filter((name) => !answers.has(name))).toEqual(['mtlsClientCertificateInfo']);
});

it.each([...samples.keys()].filter((name) => name !== 'mtlsClientCertificateInfo'))(
  '%s answers every field of the seed sample and no field it does not list',
  (name) => {
    const seed = paths(samples.get(name));
    const ours = paths(answers.get(name));
    const missing = [...seed].filter((p) => !ours.has(p));
    const extra = [...ours].filter((p) => !seed.has(p) && oursOnly(name, p) === undefined);
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
  },
);
