import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCertificate } from '../../../test/helpers/certificates.js';
import { directLoginToken, givenConsumer, givenPsu, obp } from '../../../test/helpers/obp.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';

let t: TestContext;
let token: string;
const URL = '/obp/v5.1.0/my/mtls/certificate/current';

beforeAll(async () => {
  t = await createTestContext({ trustProxyCertHeader: true });
  const { consumerKey } = await givenConsumer(t.ctx);
  token = await directLoginToken(t, await givenPsu(t.ctx, 0), consumerKey);
});
afterAll(() => t.close());

describe('GET /my/mtls/certificate/current', () => {
  it('answers the PSD2 roles of a forwarded certificate, URL-encoded as nginx sends it', async () => {
    const { pem } = await generateCertificate({
      subject: 'C=GB, O=Roles TPP, CN=roles.example',
      roles: ['PSP_AI', 'PSP_PI'],
    });
    const response = await obp(t, 'GET', URL, { token, headers: { 'psd2-cert': encodeURIComponent(pem) } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      subject_domain_name: 'CN=roles.example, O=Roles TPP, C=GB',
      issuer_domain_name: 'CN=roles.example, O=Roles TPP, C=GB',
      not_before: '2026-01-01T00:00:00.000Z',
      not_after: '2028-01-01T00:00:00.000Z',
      roles: ['PSP_AI', 'PSP_PI'],
    });
  });

  it('says there are no roles for a certificate without QCStatements (line breaks as spaces)', async () => {
    const { pem } = await generateCertificate();
    const response = await obp(t, 'GET', URL, { token, headers: { 'psd2-cert': pem.replace(/\n/g, ' ') } });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      subject_domain_name: 'CN=tpp.example.com, O=Test TPP Ltd, C=GB',
      roles_info: 'PEM Encoded Certificate does not contain PSD2 roles.',
    });
    expect(response.json()).not.toHaveProperty('roles');
  });

  it('answers 400 OBP-20306 without a certificate, 400 OBP-20300 for garbage, 401 without login', async () => {
    const missing = await obp(t, 'GET', URL, { token });
    expect(missing.statusCode).toBe(400);
    expect(missing.json()).toEqual({
      code: 400,
      message: 'OBP-20306: PEM Encoded Certificate cannot be found at request header.',
    });
    const garbage = await obp(t, 'GET', URL, { token, headers: { 'psd2-cert': 'not-a-certificate!' } });
    expect(garbage.statusCode).toBe(400);
    expect(garbage.json().message).toMatch(/^OBP-20300: PEM Encoded Certificate issue\./);
    const anonymous = await obp(t, 'GET', URL, { headers: { 'psd2-cert': 'x' } });
    expect(anonymous.statusCode).toBe(401);
    expect(anonymous.json().message).toMatch(/^OBP-20001: /);
  });

  it('ignores the PSD2-CERT header unless TRUST_PROXY_CERT_HEADER=true', async () => {
    const other = await createTestContext();
    try {
      const { consumerKey } = await givenConsumer(other.ctx);
      const otherToken = await directLoginToken(other, await givenPsu(other.ctx, 0), consumerKey);
      const { pem } = await generateCertificate({ roles: ['PSP_AS'] });
      const response = await obp(other, 'GET', URL, {
        token: otherToken,
        headers: { 'psd2-cert': encodeURIComponent(pem) },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json().message).toMatch(/^OBP-20306: /);
    } finally {
      await other.close();
    }
  });
});
