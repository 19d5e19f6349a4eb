// Calls under a consent (Consent-JWT / Consent-Id): every check in the order of issue 10 §3, JWT
// tampering, certificate-bound consumers, views, last_usage_date, expiry.
import { createPublicKey } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OBP_MESSAGES, type ObpCode } from '../../src/http/obp-api/obp-messages.js';
import { updateClient } from '../../src/services/admin/update-client.js';
import { flushConsentUsage } from '../../src/services/consents/flush-consent-usage.js';
import { consentJwks, signConsentJwt } from '../../src/services/obp/consent-jwt.js';
import { registerClientCertificate } from '../../src/services/obp/register-client-certificate.js';
import { resolveCallConsent } from '../../src/services/obp/resolve-call-consent.js';
import { generateCertificate } from '../helpers/certificates.js';
import { createTestContext, TEST_NOW, type TestContext } from '../helpers/test-context.js';
import { givenAcceptedConsent, givenConsumer, givenLoggedInPsu, obp } from '../helpers/obp.js';

const ADMIN = { type: 'admin' as const, id: 'test-admin' };
const ME = '/obp/v5.1.0/users/current';
let t: TestContext;

beforeAll(async () => {
  t = await createTestContext({}, { OTP_TRANSPORT: 'outbox', TRUST_PROXY_CERT_HEADER: 'true' });
});
afterAll(() => t.close());

function refusal(status: number, code: ObpCode) {
  return [status, { code: status, message: `${code}: ${OBP_MESSAGES[code]}` }];
}

async function call(headers: Record<string, string>) {
  const response = await obp(t, 'GET', ME, { headers });
  return [response.statusCode, response.json()];
}

const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

describe('using a consent', () => {
  it('refuses in the order of the checks: 35032, 35001, 35004, 35002/35003, 35005, 35018/35017, 35016/35015', async () => {
    const who = await givenLoggedInPsu(t);
    const { consentId, jwt } = await givenAcceptedConsent(t, who);
    const key = who.consumer.consumerKey;
    expect(await call({ 'consent-jwt': 'neither-uuid-nor-jwt' })).toEqual(refusal(400, 'OBP-35032'));
    expect(await call({ 'consent-id': '00000000-0000-4000-8000-000000000000', 'consumer-key': key })).toEqual(
      refusal(404, 'OBP-35001'),
    );
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const claims = decodeJwt(jwt);
    // A JWT of an unknown consent (jti) is 35001 before its signature is looked at.
    expect(
      await call({ 'consent-jwt': `${header}.${b64({ ...claims, jti: crypto.randomUUID() })}.${signature}` }),
    ).toEqual(refusal(404, 'OBP-35001'));
    // Tampering: a changed claim, alg none, HS256 keyed with the public key.
    const widened = `${header}.${b64({ ...claims, views: [...(claims.views as object[]), { bank_id: 'gh.29.uk', account_id: who.psu.accountIds[1], view_id: 'owner' }] })}.${signature}`;
    const none = `${b64({ alg: 'none', typ: 'JWT' })}.${payload}.`;
    const { kid } = decodeProtectedHeader(jwt);
    const publicJwk = (await consentJwks(t.ctx)).keys.find((k: JWK) => k.kid === kid)!;
    const pem = String(
      createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({ type: 'spki', format: 'pem' }),
    );
    const hs256 = await new SignJWT(claims)
      .setProtectedHeader({ alg: 'HS256', kid: kid! })
      .sign(new TextEncoder().encode(pem));
    for (const bad of [widened, none, hs256])
      expect(await call({ 'consent-jwt': bad, 'consumer-key': key })).toEqual(refusal(401, 'OBP-35004'));

    // nbf in the future (35002) and expired (35003).
    const future = await givenAcceptedConsent(t, who, { valid_from: '2026-03-16T09:16:08Z' });
    expect(await call({ 'consent-jwt': future.jwt, 'consumer-key': key })).toEqual(refusal(401, 'OBP-35002'));
    const short = await givenAcceptedConsent(t, who, { time_to_live: 60 });
    t.clock.advance(60_000);
    try {
      expect(await call({ 'consent-jwt': short.jwt, 'consumer-key': key })).toEqual(
        refusal(401, 'OBP-35003'),
      );
    } finally {
      t.clock.set(TEST_NOW);
    }
    // Not ACCEPTED (35005): a fresh INITIATED consent.
    const initiated = await obp(t, 'POST', '/obp/v5.1.0/my/consents/IMPLICIT', {
      token: who.token,
      body: { everything: true },
    });
    expect(await call({ 'consent-jwt': initiated.json().jwt, 'consumer-key': key })).toEqual(
      refusal(401, 'OBP-35005'),
    );
    // The consumer (35016 missing key, 35015 another consumer's key).
    expect(await call({ 'consent-jwt': jwt })).toEqual(refusal(401, 'OBP-35016'));
    const other = await givenConsumer(t.ctx);
    expect(await call({ 'consent-jwt': jwt, 'consumer-key': other.consumerKey })).toEqual(
      refusal(401, 'OBP-35015'),
    );
    expect(await call({ 'consent-id': consentId, 'consumer-key': key })).toEqual([200, expect.any(Object)]);
    // A disabled consumer (35017), refused on the very next call.
    await updateClient(t.ctx, who.consumer.consumerId, { active: false }, ADMIN, null);
    expect(await call({ 'consent-jwt': jwt, 'consumer-key': key })).toEqual(refusal(401, 'OBP-35017'));
    await updateClient(t.ctx, who.consumer.consumerId, { active: true }, ADMIN, null);
    expect((await call({ 'consent-jwt': jwt, 'consumer-key': key }))[0]).toBe(200);
  });

  it('an unknown consumer of a consent is OBP-35018 (service step)', async () => {
    const who = await givenLoggedInPsu(t);
    const { jwt, consentId } = await givenAcceptedConsent(t, who);
    // No API deletes clients (and a foreign key keeps consents on existing ones): the reader is made to
    // answer the consent with a consumer id that does not exist.
    const forged = { ...(await t.ctx.storage.repos.consents.findById(consentId))!, clientId: 'ghost' };
    const original = t.ctx.storage.repos.consents.findById.bind(t.ctx.storage.repos.consents);
    t.ctx.storage.repos.consents.findById = async (id: string) => (id === consentId ? forged : original(id));
    try {
      await expect(
        resolveCallConsent(t.ctx, { consentJwt: jwt, consumerKey: who.consumer.consumerKey }),
      ).rejects.toMatchObject({ code: 'consent.consumer_unknown' });
    } finally {
      t.ctx.storage.repos.consents.findById = original;
    }
  });

  it('a certificate-bound consumer is checked by its PSD2-CERT, not its Consumer-Key', async () => {
    const who = await givenLoggedInPsu(t);
    const { jwt } = await givenAcceptedConsent(t, who);
    const own = await generateCertificate({ subject: 'C=GB, O=Bound TPP, CN=bound.example' });
    const stranger = await generateCertificate({ subject: 'C=GB, O=Other TPP, CN=other.example' });
    await registerClientCertificate(t.ctx, who.consumer.consumerId, own.pem, ADMIN, null);
    const key = who.consumer.consumerKey;
    expect(await call({ 'consent-jwt': jwt, 'consumer-key': key })).toEqual(refusal(400, 'OBP-20306'));
    expect(await call({ 'consent-jwt': jwt, 'psd2-cert': encodeURIComponent(stranger.pem) })).toEqual(
      refusal(401, 'OBP-35015'),
    );
    const [status] = await call({ 'consent-jwt': jwt, 'psd2-cert': encodeURIComponent(own.pem) });
    expect(status).toBe(200);
  });

  it('runs as the consent user with exactly its entitlements, and records last usage', async () => {
    const who = await givenLoggedInPsu(t);
    const { consentId, jwt } = await givenAcceptedConsent(t, who);
    const headers = { 'consent-jwt': jwt, 'consumer-key': who.consumer.consumerKey };
    t.clock.advance(120_000);
    try {
      const [status, body] = await call(headers);
      expect(status).toBe(200);
      expect(body).toMatchObject({ user_id: who.psu.customerId, username: who.psu.username });
      expect(body.views.list).toEqual([
        { bank_id: 'gh.29.uk', account_id: who.psu.accountIds[0], view_id: 'owner' },
      ]);
      await flushConsentUsage(t.ctx);
      const row = await t.database.db
        .selectFrom('consents')
        .select('last_usage_at')
        .where('consent_id', '=', consentId)
        .executeTakeFirstOrThrow();
      expect(row.last_usage_at).toBe(TEST_NOW + 120_000);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('a JWT signed by this server for a consent that was re-issued no longer counts (OBP-35004)', async () => {
    const who = await givenLoggedInPsu(t);
    const { consentId, jwt } = await givenAcceptedConsent(t, who);
    const claims = decodeJwt(jwt);
    const reissued = await signConsentJwt(t.ctx, {
      consentId,
      consumerId: who.consumer.consumerId,
      createdByUserId: who.psu.customerId,
      nbf: claims.nbf!,
      timeToLive: 3600,
      entitlements: [],
      views: [],
    });
    await t.ctx.storage.repos.obpConsents.updateGrant(consentId, {
      jwt: reissued,
      views: [],
      entitlements: [],
    });
    expect(await call({ 'consent-jwt': jwt, 'consumer-key': who.consumer.consumerKey })).toEqual(
      refusal(401, 'OBP-35004'),
    );
    expect((await call({ 'consent-jwt': reissued, 'consumer-key': who.consumer.consumerKey }))[0]).toBe(200);
  });
});
