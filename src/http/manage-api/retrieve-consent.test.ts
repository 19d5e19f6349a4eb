// GET /api/fs/consent/manage/{resource}/{id}: the OB view, the internal detail view
// (x-wso2-internal-request: true) with exactly the seed's fields, content negotiation and lazy expiry.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createManageHarness, TPP, type ManageHarness } from '../../../test/helpers/manage-api.js';
import { istIn, sampleBody } from '../../../test/helpers/ob-samples.js';
import { TEST_NOW } from '../../../test/helpers/test-context.js';

const DETAIL_FIELDS = [
  'authorizationResources',
  'clientID',
  'consentAttributes',
  'consentFrequency',
  'consentID',
  'consentType',
  'createdTime',
  'receipt',
  'recurringIndicator',
  'status',
  'updatedTime',
  'validityPeriod',
];

let h: ManageHarness;
beforeAll(async () => {
  h = await createManageHarness();
});
afterAll(() => h.close());
afterEach(() => h.t.clock.set(TEST_NOW));

describe('the internal detail view', () => {
  it('has exactly the seed fields, times in epoch seconds and the receipt as a JSON string', async () => {
    const body = sampleBody('account-access-consents');
    const { consentId } = await h.create('account-access-consents', { body });
    const stored = await h.t.ctx.storage.repos.consents.findDetail(consentId);
    const response = await h.send('GET', `account-access-consents/${consentId}`, { internal: true });
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(Object.keys(detail).sort()).toEqual(DETAIL_FIELDS);
    expect(detail).toEqual({
      consentID: consentId,
      clientID: TPP,
      consentType: 'accounts',
      status: 'AwaitingAuthorisation',
      validityPeriod: Math.floor(
        Date.parse((body.Data as { ExpirationDateTime: string }).ExpirationDateTime) / 1000,
      ),
      createdTime: TEST_NOW / 1000,
      updatedTime: TEST_NOW / 1000,
      recurringIndicator: false,
      consentFrequency: 0,
      receipt: expect.any(String),
      consentAttributes: {},
      authorizationResources: [
        {
          authorizationID: stored!.authorisations[0]!.authorisationId,
          authorizationType: 'authorisation',
          authorizationStatus: 'Created',
          resources: [],
        },
      ],
    });
    expect(JSON.parse(detail.receipt)).toEqual(body);
  });

  it('shows attributes, every authorisation with its user and its account mappings', async () => {
    const { consentId } = await h.create('account-access-consents');
    h.t.clock.advance(5_000);
    const put = await h.send('PUT', `account-access-consents/${consentId}`, {
      internal: true,
      payload: {
        status: 'Authorised',
        consentFrequency: 4,
        consentAttributes: { channel: 'mobile', 'x-ref': '42' },
        authorizationResources: [
          {
            userID: 'olivia@example.com',
            authorizationType: 'authorisation',
            authorizationStatus: 'Authorised',
            resources: [
              { accountID: '31820', permission: 'ReadAccountsBasic', mappingStatus: 'active' },
              { accountID: '31821', permission: 'ReadBalances', mappingStatus: 'inactive' },
            ],
          },
          { authorizationType: 'reauthorisation', authorizationStatus: 'Created', resources: [] },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    const detail = (await h.send('GET', `account-access-consents/${consentId}`, { internal: true })).json();
    expect(detail).toEqual(put.json());
    const stored = (await h.t.ctx.storage.repos.consents.findDetail(consentId))!;
    const olivia = stored.authorisations.find((a) => a.userId === 'olivia@example.com')!;
    const other = stored.authorisations.find((a) => a.userId === null)!;
    expect(detail).toMatchObject({
      status: 'Authorised',
      consentFrequency: 4,
      createdTime: TEST_NOW / 1000,
      updatedTime: TEST_NOW / 1000 + 5,
      consentAttributes: { channel: 'mobile', 'x-ref': '42' },
    });
    const byId = Object.fromEntries(
      (detail.authorizationResources as { authorizationID: string; resources: unknown[] }[]).map((a) => [
        a.authorizationID,
        a,
      ]),
    );
    expect(byId[olivia.authorisationId]).toEqual({
      authorizationID: olivia.authorisationId,
      authorizationType: 'authorisation',
      authorizationStatus: 'Authorised',
      userID: 'olivia@example.com',
      resources: expect.arrayContaining(
        olivia.mappings.map((m) => ({
          mappingID: m.mappingId,
          accountID: m.accountId,
          permission: m.permission,
          mappingStatus: m.mappingStatus,
        })),
      ),
    });
    expect(byId[olivia.authorisationId]?.resources).toHaveLength(2);
    expect(byId[other.authorisationId]).toEqual({
      authorizationID: other.authorisationId,
      authorizationType: 'reauthorisation',
      authorizationStatus: 'Created',
      resources: [],
    });
  });

  it('validityPeriod is 0 for a consent without expiry (payments)', async () => {
    const { consentId } = await h.create('domestic-payment-consents');
    const detail = (await h.send('GET', `domestic-payment-consents/${consentId}`, { internal: true })).json();
    expect(detail).toMatchObject({
      consentType: 'payments',
      validityPeriod: 0,
      status: 'AwaitingAuthorisation',
    });
  });

  it('x-wso2-internal-request other than "true" gives the OB view', async () => {
    const { consentId } = await h.create('account-access-consents');
    const response = await h.send('GET', `account-access-consents/${consentId}`, {
      headers: { 'x-wso2-internal-request': 'false' },
    });
    expect(Object.keys(response.json()).sort()).toEqual(['Data', 'Links', 'Meta', 'Risk']);
  });
});

describe('content negotiation on retrieve', () => {
  it.each(['text/xml', 'application/xml', 'text/html'])('Accept: %s answers 406', async (accept) => {
    const { consentId } = await h.create('account-access-consents');
    const response = await h.send('GET', `account-access-consents/${consentId}`, { headers: { accept } });
    expect(response.statusCode).toBe(406);
    expect(response.json().Errors[0].ErrorCode).toBe('UK.OBIE.Header.Invalid');
  });

  it.each(['*/*', 'application/*', 'application/json; charset=UTF-8', 'text/xml, application/json;q=0.5'])(
    'Accept: %s is served',
    async (accept) => {
      const { consentId } = await h.create('account-access-consents');
      const response = await h.send('GET', `account-access-consents/${consentId}`, { headers: { accept } });
      expect(response.statusCode).toBe(200);
    },
  );

  it.each(['POST', 'PATCH'])('%s on a consent answers 405 with Allow', async (method) => {
    const { consentId } = await h.create('account-access-consents');
    const before = await h.snapshot();
    const response = await h.send(method, `account-access-consents/${consentId}`, { payload: {} });
    expect(response.statusCode).toBe(405);
    expect(response.headers.allow).toBe('GET, PUT, DELETE');
    expect(await h.snapshot()).toBe(before);
  });
});

describe('lazy expiry on read', () => {
  it('shows Expired from the expiry instant on, without writing anything', async () => {
    const expiry = istIn(5);
    const { consentId } = await h.create('account-access-consents', {
      body: { Data: { Permissions: ['ReadAccountsBasic'], ExpirationDateTime: expiry }, Risk: {} },
    });
    const url = `account-access-consents/${consentId}`;
    h.t.clock.set(Date.parse(expiry) - 1);
    expect((await h.send('GET', url)).json().Data.Status).toBe('AwaitingAuthorisation');

    const before = await h.snapshot();
    h.t.clock.set(Date.parse(expiry));
    const read = (await h.send('GET', url)).json();
    expect(read.Data.Status).toBe('Expired');
    expect(read.Data.StatusUpdateDateTime).toBe(expiry);
    expect(read.Data.CreationDateTime).toBe('2026-03-16T13:46:08+05:30');
    const internal = (await h.send('GET', url, { internal: true })).json();
    expect(internal.status).toBe('Expired');
    expect(internal.updatedTime).toBe(TEST_NOW / 1000);

    expect(await h.snapshot()).toBe(before);
    expect((await h.t.ctx.storage.repos.consents.findById(consentId))?.status).toBe('AwaitingAuthorisation');
    expect(await h.t.ctx.storage.repos.consents.history(consentId)).toHaveLength(1);
  });

  it('an authorised consent reads as Expired too; a revoked one stays Revoked', async () => {
    const { consentId: authorised } = await h.create('account-access-consents');
    const { consentId: revoked } = await h.create('account-access-consents');
    await h.send('PUT', `account-access-consents/${authorised}`, {
      internal: true,
      payload: { status: 'Authorised' },
    });
    await h.send('DELETE', `account-access-consents/${revoked}`);
    h.t.clock.advance(6 * 86_400_000);
    expect((await h.send('GET', `account-access-consents/${authorised}`)).json().Data.Status).toBe('Expired');
    expect((await h.send('GET', `account-access-consents/${revoked}`)).json().Data.Status).toBe('Revoked');
  });

  it('a payment consent never expires by time', async () => {
    const { consentId } = await h.create('domestic-payment-consents');
    h.t.clock.advance(400 * 86_400_000);
    expect((await h.send('GET', `domestic-payment-consents/${consentId}`)).json().Data.Status).toBe(
      'AwaitingAuthorisation',
    );
  });
});
