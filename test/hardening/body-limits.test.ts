// Issue 13 item 3: each API has a JSON body limit fitting its messages (the file upload keeps its own), and
// nesting is bounded (no-5xx-from-input.test.ts). A 5 MiB Data.Filler is refused before it is parsed.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JSON_BODY_LIMITS } from '../../src/http/kit/body-limits.js';
import { givenPartner, lookupBody } from '../helpers/customers.js';
import { databaseSnapshot } from '../helpers/database-snapshot.js';
import { givenOperator } from '../helpers/factories.js';
import { createManageHarness, MANAGE, TPP, type ManageHarness } from '../helpers/manage-api.js';
import { sampleBody } from '../helpers/ob-samples.js';

let h: ManageHarness;
let admin: string;
let partner: string;
beforeAll(async () => {
  h = await createManageHarness();
  admin = (await givenOperator(h.t.ctx, 'limits-admin', ['admin'])).authorization;
  partner = (await givenPartner(h.t.ctx, 'limits-bank')).authorization;
  // The partner's first call creates its row: made here, so the snapshots below compare like with like.
  await h.t.app.inject({
    method: 'POST',
    url: '/b2b-gateway/customers/lookup',
    headers: { authorization: partner, 'content-type': 'application/json' },
    payload: JSON.stringify(lookupBody({ emailAddress: 'nobody@example.com' })),
  });
});
afterAll(() => h.close());

function filled(bytes: number) {
  const body = sampleBody('account-access-consents');
  (body.Data as Record<string, unknown>).Filler = 'x'.repeat(bytes);
  return JSON.stringify(body);
}

describe('JSON body limits per API', () => {
  it('a 5 MiB filler on an account-access consent: 413 in the OB format, nothing stored', async () => {
    const before = await databaseSnapshot(h.t);
    for (const bytes of [5 * 1024 * 1024, JSON_BODY_LIMITS.manage]) {
      const response = await h.send('POST', 'account-access-consents', { payload: filled(bytes) });
      expect(response.statusCode).toBe(413);
      expect(response.json()).toMatchObject({ Code: '413', Errors: [{ ErrorCode: expect.any(String) }] });
    }
    expect(await databaseSnapshot(h.t)).toBe(before);
    // Just under the limit is still a consent.
    const ok = await h.send('POST', 'account-access-consents', {
      payload: filled(JSON_BODY_LIMITS.manage - 2048),
    });
    expect(ok.statusCode, ok.body.slice(0, 200)).toBe(201);
  });

  it.each([
    ['validate', '/api/fs/consent/validate', () => h.gateway, JSON_BODY_LIMITS.validate, 'Code'],
    [
      'B2B',
      '/b2b-gateway/customers/lookup',
      () => partner,
      JSON_BODY_LIMITS.b2b,
      'retrieveCustomerLookUpInfoResponse',
    ],
    ['admin', '/admin/clients', () => admin, JSON_BODY_LIMITS.admin, 'code'],
  ] as const)('%s: a body over its limit is a 413 in its format', async (_api, url, auth, limit, field) => {
    const before = await databaseSnapshot(h.t);
    const response = await h.t.app.inject({
      method: 'POST',
      url,
      headers: { authorization: auth(), 'content-type': 'application/json', 'x-wso2-client-id': TPP },
      payload: JSON.stringify({ ...lookupBody({}), pad: 'x'.repeat(limit) }),
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toHaveProperty(field);
    expect(await databaseSnapshot(h.t)).toBe(before);
  });

  it('the file upload keeps FILE_UPLOAD_MAX_BYTES (a 1 MiB file is not refused for its size)', async () => {
    const response = await h.t.app.inject({
      method: 'POST',
      url: `${MANAGE}/fileUpload/file-payment-consents/00000000-0000-4000-8000-000000000000`,
      headers: { authorization: h.gateway, 'content-type': 'application/xml', 'x-wso2-client-id': TPP },
      payload: 'x'.repeat(1024 * 1024),
    });
    expect(response.statusCode).not.toBe(413);
    expect(response.statusCode).toBeLessThan(500);
  });
});
