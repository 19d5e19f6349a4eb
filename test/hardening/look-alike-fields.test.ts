// Issue 13 item 10: case variants of server-owned fields (Data.consentID, Data.status, ...) are refused,
// not stored and echoed; and validityPeriod on the internal PUT changes what the OB view shows as well as
// what validation uses, so the two never disagree.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { epochSeconds, formatDateTime } from '../../src/domain/date-time.js';
import { createManageHarness, TPP, type ManageHarness } from '../helpers/manage-api.js';
import { sampleBody } from '../helpers/ob-samples.js';
import { TEST_NOW } from '../helpers/test-context.js';

let h: ManageHarness;
beforeAll(async () => {
  h = await createManageHarness();
});
afterAll(() => h.close());
afterEach(() => h.t.clock.set(TEST_NOW));

const DAY = 86_400_000;

describe('look-alike server-owned fields', () => {
  it.each([
    'consentID',
    'consentid',
    'CONSENTID',
    'status',
    'STATUS',
    'creationDateTime',
    'statusupdatedatetime',
    'clientId',
  ])('Data.%s: 400 naming the field, nothing stored', async (field) => {
    const body = sampleBody('account-access-consents');
    (body.Data as Record<string, unknown>)[field] = field.toLowerCase().includes('status')
      ? 'Authorised'
      : 'mine';
    const before = await h.snapshot();
    const response = await h.send('POST', 'account-access-consents', { payload: body });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({
      Code: '400',
      Errors: [{ ErrorCode: 'UK.OBIE.Field.Unexpected', Path: `Data.${field}` }],
    });
    expect(await h.snapshot()).toBe(before);
  });
});

describe('validityPeriod and the OB view agree', () => {
  async function viewAndVerdict(consentId: string) {
    const view = await h.send('GET', `account-access-consents/${consentId}`);
    const internal = await h.send('GET', `account-access-consents/${consentId}`, { internal: true });
    const verdict = await h.send('POST', '/api/fs/consent/validate', {
      client: null,
      payload: { consentId, clientId: TPP },
    });
    return {
      expiration: (view.json().Data as Record<string, unknown>).ExpirationDateTime,
      validityPeriod: internal.json().validityPeriod as number,
      isValid: verdict.json().isValid as boolean,
    };
  }

  it('validityPeriod 0 (never expires): the OB view drops ExpirationDateTime; still valid after it', async () => {
    const { consentId } = await h.create('account-access-consents');
    const put = await h.send('PUT', `account-access-consents/${consentId}`, {
      internal: true,
      payload: { status: 'Authorised', validityPeriod: 0 },
    });
    expect(put.statusCode, put.body).toBe(200);
    h.t.clock.set(TEST_NOW + 30 * DAY); // well past the sample's ExpirationDateTime (5 days)
    expect(await viewAndVerdict(consentId)).toEqual({
      expiration: undefined,
      validityPeriod: 0,
      isValid: true,
    });
    // The receipt (the request as sent) is kept as it was.
    const stored = await h.t.ctx.storage.repos.consents.findById(consentId);
    expect(JSON.parse(stored!.receipt).Data.ExpirationDateTime).toBe(
      (sampleBody('account-access-consents').Data as Record<string, unknown>).ExpirationDateTime,
    );
  });

  it('a new validityPeriod: the OB view shows it (in the request offset) and validation ends there', async () => {
    const { consentId } = await h.create('account-access-consents');
    const until = TEST_NOW + 2 * DAY;
    const put = await h.send('PUT', `account-access-consents/${consentId}`, {
      internal: true,
      payload: { status: 'Authorised', validityPeriod: epochSeconds(until) },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(await viewAndVerdict(consentId)).toEqual({
      expiration: formatDateTime(until, 330),
      validityPeriod: epochSeconds(until),
      isValid: true,
    });
    h.t.clock.set(until + 1000);
    expect((await viewAndVerdict(consentId)).isValid).toBe(false);
  });
});
