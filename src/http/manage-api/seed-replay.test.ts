// Replays every sample request of seed 002 and compares the answer field by field with the seed's sample
// response. Only server-generated ids differ; with the clock at TEST_NOW every time matches exactly.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as seed from '../../../test/fixtures/seed-002.js';
import { givenClient } from '../../../test/helpers/factories.js';
import { createManageHarness, MANAGE, type ManageHarness } from '../../../test/helpers/manage-api.js';
import { base64Sha256 } from '../../../test/helpers/ob-samples.js';

const INTERACTION_ID = '93bac548-d2de-4546-b106-880a5018460d';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let h: ManageHarness;
let consentId: string;

/** The seed's common headers: Basic auth, the TPP's client id and an interaction id. */
function seedHeaders(extra: Record<string, string> = {}) {
  return {
    authorization: h.gateway,
    'x-wso2-client-id': seed.SEED_CLIENT_ID,
    'x-fapi-interaction-id': INTERACTION_ID,
    ...extra,
  };
}

/** The internal detail with its receipt parsed and server-generated ids checked and blanked. */
function normaliseDetail(body: Record<string, unknown>) {
  const auths = body.authorizationResources as Record<string, unknown>[];
  return {
    ...body,
    consentID: '<id>',
    receipt: JSON.parse(body.receipt as string) as unknown,
    authorizationResources: auths.map((a) => {
      expect(a.authorizationID).toMatch(UUID);
      return {
        ...a,
        authorizationID: '<id>',
        resources: (a.resources as Record<string, unknown>[]).map((r) => {
          expect(r.mappingID).toMatch(UUID);
          return { ...r, mappingID: '<id>' };
        }),
      };
    }),
  };
}

beforeAll(async () => {
  h = await createManageHarness({ permissionRules: 'lenient' });
  await givenClient(h.t.ctx, seed.SEED_CLIENT_ID);
});
afterAll(() => h.close());

describe('seed 002 replay (permissionRules: lenient)', () => {
  it('Consent Manage Creation answers the sample response', async () => {
    const response = await h.t.app.inject({
      method: 'POST',
      url: `${MANAGE}/account-access-consents`,
      headers: seedHeaders({ 'content-type': 'application/json' }),
      payload: JSON.stringify(seed.createRequest),
    });
    expect(response.statusCode).toBe(201);
    expect(response.headers['x-fapi-interaction-id']).toBe(INTERACTION_ID);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    const body = response.json();
    consentId = body.Data.ConsentId;
    expect(consentId).toMatch(UUID);
    expect(body.Data).toEqual({ ...seed.createResponse.Data, ConsentId: consentId });
    expect(body.Risk).toEqual(seed.createResponse.Risk);
    expect(body.Links).toEqual({
      Self: `http://localhost:8080${MANAGE}/account-access-consents/${consentId}`,
    });
    expect(body.Meta).toEqual({});
    expect(Object.keys(body).sort()).toEqual(['Data', 'Links', 'Meta', 'Risk']);

    const stored = await h.t.ctx.storage.repos.consents.findDetail(consentId);
    expect(stored?.consent).toMatchObject({
      clientId: seed.SEED_CLIENT_ID,
      kind: 'accounts',
      consentType: 'accounts',
      status: 'AwaitingAuthorisation',
      expiresAt: Date.parse('2026-03-21T13:46:07.269894+05:30'),
    });
    expect(JSON.parse(stored!.consent.receipt)).toEqual(seed.createRequest);
    expect(stored?.authorisations).toHaveLength(1);
    const history = await h.t.ctx.storage.repos.consents.history(consentId);
    expect(history).toMatchObject([
      {
        fromStatus: null,
        toStatus: 'AwaitingAuthorisation',
        actor: { type: 'tpp', id: seed.SEED_CLIENT_ID },
      },
    ]);
  });

  it('Consent Manage Retrieve answers the sample response', async () => {
    const response = await h.t.app.inject({
      method: 'GET',
      url: `${MANAGE}/account-access-consents/${consentId}`,
      headers: seedHeaders({
        accept: 'application/json',
        charset: 'UTF-8',
        'content-type': 'application/json; charset=UTF-8',
      }),
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers['x-fapi-interaction-id']).toBe(INTERACTION_ID);
    const body = response.json();
    expect(body.Data).toEqual({ ...seed.retrieveResponse.Data, ConsentId: consentId });
    expect(body.Risk).toEqual(seed.retrieveResponse.Risk);
  });

  it('Consent Manage Internal Detail Retrieve answers the sample response', async () => {
    const response = await h.t.app.inject({
      method: 'GET',
      url: `${MANAGE}/account-access-consents/${consentId}`,
      headers: seedHeaders({
        'x-wso2-internal-request': 'true',
        accept: 'application/json',
        charset: 'UTF-8',
        'content-type': 'application/json; charset=UTF-8',
      }),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.consentID).toBe(consentId);
    expect(Object.keys(body).sort()).toEqual(Object.keys(seed.internalRetrieveResponse).sort());
    expect(normaliseDetail(body)).toEqual(normaliseDetail(seed.internalRetrieveResponse));
    const stored = await h.t.ctx.storage.repos.consents.findDetail(consentId);
    expect(body.authorizationResources[0].authorizationID).toBe(stored?.authorisations[0]?.authorisationId);
  });

  it('Consent Update (full) answers the sample response and stores the receipt', async () => {
    const before = await h.t.ctx.storage.repos.consents.findDetail(consentId);
    const response = await h.t.app.inject({
      method: 'PUT',
      url: `${MANAGE}/account-access-consents/${consentId}`,
      headers: seedHeaders({ 'x-wso2-internal-request': 'true', 'content-type': 'application/json' }),
      payload: JSON.stringify({ ...seed.fullUpdateRequest, consentID: consentId }),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.consentID).toBe(consentId);
    expect(normaliseDetail(body)).toEqual(normaliseDetail(seed.updateResponse));
    expect(JSON.parse(body.receipt)).toEqual(JSON.parse(seed.fullUpdateRequest.receipt));

    const stored = await h.t.ctx.storage.repos.consents.findDetail(consentId);
    expect(JSON.parse(stored!.consent.receipt)).toEqual(JSON.parse(seed.fullUpdateRequest.receipt));
    expect(stored?.consent).toMatchObject({
      status: 'Authorised',
      recurringIndicator: true,
      frequency: 0,
      expiresAt: 1774080967_000,
      userId: '[email protected]',
    });
    expect(stored?.attributes).toEqual({ key1: 'value1', key2: 'value2' });
    expect(stored?.authorisations).toHaveLength(1);
    expect(stored?.authorisations[0]).toMatchObject({
      userId: '[email protected]',
      type: 'auth',
      status: 'Created',
      mappings: [{ accountId: '1962368', permission: 'account', mappingStatus: 'active' }],
    });
    // The authorisation replaced the one opened at creation.
    expect(stored?.authorisations[0]?.authorisationId).not.toBe(before?.authorisations[0]?.authorisationId);
    const history = await h.t.ctx.storage.repos.consents.history(consentId);
    expect(history.map((r) => [r.fromStatus, r.toStatus, r.actor.type])).toEqual([
      [null, 'AwaitingAuthorisation', 'tpp'],
      ['AwaitingAuthorisation', 'Authorised', 'bank'],
    ]);
    const audit = await h.t.ctx.storage.repos.audit.listForTarget('consent', consentId);
    expect(audit.map((a) => a.action)).toEqual(['consent.updated']);
    expect(audit[0]?.actor).toEqual({ type: 'bank', id: 'gateway' });
    expect(audit[0]?.interactionId).toBe(INTERACTION_ID);
  });

  it('Partial Consent Update scenario 1 (status) answers the sample response, no history row', async () => {
    const response = await h.t.app.inject({
      method: 'PUT',
      url: `${MANAGE}/account-access-consents/${consentId}`,
      headers: seedHeaders({ 'x-wso2-internal-request': 'true', 'content-type': 'application/json' }),
      payload: JSON.stringify({ ...seed.partialUpdateStatusRequest, consentID: consentId }),
    });
    expect(response.statusCode).toBe(200);
    expect(normaliseDetail(response.json())).toEqual(normaliseDetail(seed.updateResponse));
    expect(await h.t.ctx.storage.repos.consents.history(consentId)).toHaveLength(2);
  });

  it('Partial Consent Update scenario 2 (validity period) answers the sample response', async () => {
    const response = await h.t.app.inject({
      method: 'PUT',
      url: `${MANAGE}/account-access-consents/${consentId}`,
      headers: seedHeaders({ 'x-wso2-internal-request': 'true', 'content-type': 'application/json' }),
      payload: JSON.stringify({ ...seed.partialUpdateValidityRequest, consentID: consentId }),
    });
    expect(response.statusCode).toBe(200);
    expect(normaliseDetail(response.json())).toEqual(normaliseDetail(seed.updateResponse));
    const stored = await h.t.ctx.storage.repos.consents.findById(consentId);
    expect(stored?.expiresAt).toBe(1774080967_000);
    expect(await h.t.ctx.storage.repos.consents.history(consentId)).toHaveLength(2);
  });

  it('Consent Revocation answers 204 with no body', async () => {
    const response = await h.t.app.inject({
      method: 'DELETE',
      url: `${MANAGE}/account-access-consents/${consentId}`,
      headers: seedHeaders({
        accept: 'application/json',
        charset: 'UTF-8',
        'content-type': 'application/json; charset=UTF-8',
      }),
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect(response.headers['x-fapi-interaction-id']).toBe(INTERACTION_ID);
    const stored = await h.t.ctx.storage.repos.consents.findById(consentId);
    expect(stored?.status).toBe('Revoked');
    const history = await h.t.ctx.storage.repos.consents.history(consentId);
    expect(history.at(-1)).toMatchObject({
      fromStatus: 'Authorised',
      toStatus: 'Revoked',
      actor: { type: 'tpp', id: seed.SEED_CLIENT_ID },
    });
  });

  it('Consent File Upload (200) and File Retrieval (the same bytes) with the sample XML', async () => {
    const fileHash = base64Sha256(seed.SEED_XML);
    const created = await h.t.app.inject({
      method: 'POST',
      url: `${MANAGE}/file-payment-consents`,
      headers: seedHeaders({ 'content-type': 'application/json', 'x-idempotency-key': 'seed-file-consent' }),
      payload: JSON.stringify({
        Data: { Initiation: { FileType: 'UK.OBIE.pain.001.001.08', FileHash: fileHash } },
      }),
    });
    expect(created.statusCode).toBe(201);
    const fileConsentId = created.json().Data.ConsentId as string;
    expect(created.json().Data.Status).toBe('AwaitingUpload');

    // The seed's upload request, plus the x-idempotency-key OB requires on file uploads.
    const upload = await h.t.app.inject({
      method: 'POST',
      url: `${MANAGE}/fileUpload/file-payment-consents/${fileConsentId}`,
      headers: seedHeaders({ 'content-type': 'application/xml', 'x-idempotency-key': 'seed-file-upload' }),
      payload: seed.SEED_XML,
    });
    expect(upload.statusCode).toBe(200);
    expect(upload.body).toBe('');
    expect(upload.headers['x-fapi-interaction-id']).toBe(INTERACTION_ID);

    const stored = await h.t.ctx.storage.repos.consentFiles.find(fileConsentId);
    expect(stored?.content.equals(seed.SEED_XML)).toBe(true);
    expect(stored?.sha256).toBe(fileHash);
    expect((await h.t.ctx.storage.repos.consents.findById(fileConsentId))?.status).toBe(
      'AwaitingAuthorisation',
    );

    const retrieval = await h.t.app.inject({
      method: 'GET',
      url: `${MANAGE}/fileUpload/file-payment-consents/${fileConsentId}`,
      headers: seedHeaders(),
    });
    expect(retrieval.statusCode).toBe(200);
    expect(retrieval.headers['content-type']).toMatch(/^application\/xml/);
    expect(retrieval.rawPayload.equals(seed.SEED_XML)).toBe(true);
    expect(retrieval.body).toBe(seed.SEED_XML.toString('utf8'));
  });
});

describe('seed 002 create request under the default strict permission rules', () => {
  let strict: ManageHarness;
  beforeAll(async () => {
    strict = await createManageHarness();
  });
  afterAll(() => strict.close());

  it('is refused with a 400 naming Data.Permissions, and nothing is stored', async () => {
    expect(strict.t.ctx.config.permissionRules).toBe('strict');
    const before = await strict.snapshot();
    const response = await strict.send('POST', 'account-access-consents', { payload: seed.createRequest });
    expect(response.statusCode).toBe(400);
    const body = response.json();
    expect(body).toMatchObject({ Code: '400', Id: response.headers['x-fapi-interaction-id'] });
    expect(body.Errors).toEqual([
      {
        ErrorCode: 'UK.OBIE.Field.Invalid',
        Message:
          'ReadTransactionsBasic or ReadTransactionsDetail requires ReadTransactionsCredits or ReadTransactionsDebits',
        Path: 'Data.Permissions',
      },
    ]);
    expect(await strict.snapshot()).toBe(before);
  });

  it('accepts the same request once ReadTransactionsCredits is added', async () => {
    const response = await strict.send('POST', 'account-access-consents', {
      payload: {
        ...seed.createRequest,
        Data: {
          ...seed.createRequest.Data,
          Permissions: [...seed.createRequest.Data.Permissions, 'ReadTransactionsCredits'],
        },
      },
    });
    expect(response.statusCode).toBe(201);
  });
});
