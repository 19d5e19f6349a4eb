import { createPublicKey } from 'node:crypto';
import { decodeJwt, decodeProtectedHeader, SignJWT, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCommand } from '../../cli.js';
import { createTestContext, TEST_NOW, type TestContext } from '../../../test/helpers/test-context.js';
import {
  consentJwks,
  ensureConsentJwtKey,
  signConsentJwt,
  verifyConsentJwt,
  type ConsentJwtInput,
} from './consent-jwt.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

const INPUT: ConsentJwtInput = {
  consentId: '9d429899-24f5-42c8-8565-943ffa6a7945',
  consumerId: 'obp-app',
  createdByUserId: 'customer-1',
  timeToLive: 3600,
  entitlements: [{ role_name: 'CanGetCustomer', bank_id: 'gh.29.uk' }],
  views: [{ bank_id: 'gh.29.uk', account_id: 'acc-1', view_id: 'owner' }],
};
const NOW_S = TEST_NOW / 1000;

function b64(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

async function code(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

describe('Consent-JWT keys and JWKS', () => {
  it('makes one ES256 key at first start and publishes only its public half with its kid', async () => {
    const key = await ensureConsentJwtKey(t.ctx);
    expect(await ensureConsentJwtKey(t.ctx)).toEqual(key);
    expect(key.alg).toBe('ES256');
    const response = await t.app.inject({ method: 'GET', url: '/.well-known/jwks.json' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^application\/jwk-set\+json/);
    const { keys } = response.json() as { keys: JWK[] };
    expect(keys).toEqual([
      {
        kty: 'EC',
        crv: 'P-256',
        x: expect.any(String),
        y: expect.any(String),
        kid: key.kid,
        alg: 'ES256',
        use: 'sig',
      },
    ]);
    const rows = await t.database.db.selectFrom('consent_jwt_keys').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.private_jwk).d).toEqual(expect.any(String));
  });
});

describe('signConsentJwt / verifyConsentJwt', () => {
  it('signs the claims of ref §8.1 and verifies them', async () => {
    const jwt = await signConsentJwt(t.ctx, { ...INPUT, nbf: NOW_S - 10 });
    const header = decodeProtectedHeader(jwt);
    const { kid } = await ensureConsentJwtKey(t.ctx);
    expect(header).toEqual({ alg: 'ES256', kid, typ: 'JWT' });
    const claims = decodeJwt(jwt);
    expect(claims).toEqual({
      jti: INPUT.consentId,
      aud: 'obp-app',
      sub: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iss: t.ctx.config.publicBaseUrl ?? 'ConsentHub',
      iat: NOW_S,
      nbf: NOW_S - 10,
      exp: NOW_S - 10 + 3600,
      createdByUserId: 'customer-1',
      entitlements: INPUT.entitlements,
      views: INPUT.views,
      request_headers: [],
    });
    expect(await verifyConsentJwt(t.ctx, jwt)).toEqual(claims);
  });

  it('refuses alg none, HS256 keyed with the public key, a changed claim, unknown kid and garbage (OBP-35004)', async () => {
    const jwt = await signConsentJwt(t.ctx, INPUT);
    const [header, payload, signature] = jwt.split('.') as [string, string, string];
    const { kid } = decodeProtectedHeader(jwt);
    const claims = decodeJwt(jwt);
    const none = `${b64({ alg: 'none', kid })}.${payload}.`;
    const { keys } = await consentJwks(t.ctx);
    const publicJwk = keys.find((k) => k.kid === kid)!;
    const pem = createPublicKey({ key: publicJwk as never, format: 'jwk' }).export({
      type: 'spki',
      format: 'pem',
    });
    const hmacWith = (secret: string) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'HS256', kid: kid! })
        .sign(new TextEncoder().encode(secret));
    const changed = `${header}.${b64({ ...claims, views: [...INPUT.views, { bank_id: 'gh.29.uk', account_id: 'acc-2', view_id: 'owner' }] })}.${signature}`;
    const otherAud = `${header}.${b64({ ...claims, aud: 'someone-else' })}.${signature}`;
    const unknownKid = `${b64({ alg: 'ES256', kid: 'nope' })}.${payload}.${signature}`;
    // The genuine token verified first (and so remembered): a variant of it is another text and verifies
    // (and fails) on its own.
    expect((await verifyConsentJwt(t.ctx, jwt)).jti).toBe(INPUT.consentId);
    for (const bad of [
      none,
      await hmacWith(String(pem)),
      await hmacWith(JSON.stringify(publicJwk)),
      changed,
      otherAud,
      unknownKid,
      `${payload}.${header}.${signature}`,
      'not-a-jwt',
      '',
    ]) {
      expect(await code(verifyConsentJwt(t.ctx, bad))).toBe('consent_jwt.invalid');
    }
  });

  it('answers not yet valid (OBP-35002) before nbf and expired (OBP-35003) from exp on', async () => {
    const future = await signConsentJwt(t.ctx, { ...INPUT, nbf: NOW_S + 600 });
    expect(await code(verifyConsentJwt(t.ctx, future))).toBe('consent_jwt.not_yet_valid');
    const soon = await signConsentJwt(t.ctx, { ...INPUT, timeToLive: 60 });
    expect(await code(verifyConsentJwt(t.ctx, soon))).toBeUndefined();
    t.clock.advance(59_999);
    expect(await code(verifyConsentJwt(t.ctx, soon))).toBeUndefined();
    t.clock.advance(1);
    // Remembered as verified, it is still checked against the clock on every use.
    expect(await code(verifyConsentJwt(t.ctx, soon))).toBe('consent_jwt.expired');
    t.clock.set(TEST_NOW);
    expect(await code(verifyConsentJwt(t.ctx, soon))).toBeUndefined();
    t.clock.set(TEST_NOW - 1_000);
    expect(await code(verifyConsentJwt(t.ctx, soon))).toBe('consent_jwt.not_yet_valid');
    t.clock.set(TEST_NOW);
  });
});

describe('rotation', () => {
  it('signs with the new key at once and keeps the old public key until its last token expires', async () => {
    const other = await createTestContext();
    try {
      const first = await ensureConsentJwtKey(other.ctx);
      const oldToken = await signConsentJwt(other.ctx, { ...INPUT, timeToLive: 7200 });
      other.clock.advance(1000);
      const lines: string[] = [];
      await runCommand(other.ctx, 'rotate-consent-jwt-key', {}, (line) => lines.push(line));
      const second = await ensureConsentJwtKey(other.ctx);
      expect(second.kid).not.toBe(first.kid);
      expect(lines).toEqual([
        `Consent-JWT signing key ${second.kid} (ES256) is now current; 1 older key(s) retired`,
      ]);
      const newToken = await signConsentJwt(other.ctx, INPUT);
      expect(decodeProtectedHeader(newToken).kid).toBe(second.kid);
      const kids = async () => (await consentJwks(other.ctx)).keys.map((k) => k.kid);
      expect(await kids()).toEqual([second.kid, first.kid]);
      expect((await verifyConsentJwt(other.ctx, oldToken)).jti).toBe(INPUT.consentId);
      other.clock.advance(7200 * 1000 - 1000);
      expect(await kids()).toEqual([second.kid]);
      const audit = await other.database.db
        .selectFrom('audit_events')
        .selectAll()
        .where('action', '=', 'consent_jwt_key.rotated')
        .execute();
      expect(audit).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it('uses PS256 when configured, making a new key when the algorithm changes', async () => {
    const other = await createTestContext({}, { CONSENT_JWT_ALG: 'PS256' });
    try {
      const key = await ensureConsentJwtKey(other.ctx);
      expect(key.alg).toBe('PS256');
      const jwt = await signConsentJwt(other.ctx, INPUT);
      expect(decodeProtectedHeader(jwt).alg).toBe('PS256');
      expect((await verifyConsentJwt(other.ctx, jwt)).aud).toBe('obp-app');
      const { keys } = await consentJwks(other.ctx);
      expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'PS256', kid: key.kid });
      expect(keys[0]).not.toHaveProperty('d');
    } finally {
      await other.close();
    }
  });
});
