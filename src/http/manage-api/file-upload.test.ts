// POST/GET /api/fs/consent/manage/fileUpload/file-payment-consents/{id}: the file's hash must match
// Data.Initiation.FileHash, one upload per consent (unless an idempotent replay), a size limit, and the
// bytes come back exactly as uploaded.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createManageHarness, OTHER_TPP, TPP, type ManageHarness } from '../../../test/helpers/manage-api.js';
import { base64Sha256, SAMPLE_FILE } from '../../../test/helpers/ob-samples.js';
import { TEST_NOW } from '../../../test/helpers/test-context.js';

let h: ManageHarness;
beforeAll(async () => {
  h = await createManageHarness();
});
afterAll(() => h.close());

/** A file-payment consent whose FileHash is the hash of `file`. */
async function givenFileConsent(file: Buffer = SAMPLE_FILE, client = TPP) {
  const { consentId } = await h.create('file-payment-consents', {
    client,
    body: {
      Data: { Initiation: { FileType: 'UK.OBIE.pain.001.001.08', FileHash: base64Sha256(file) } },
    },
  });
  return consentId;
}

function upload(consentId: string, file: Buffer | string, contentType: string, key?: string, client = TPP) {
  return h.send('POST', `fileUpload/file-payment-consents/${consentId}`, {
    payload: file,
    client,
    headers: { 'content-type': contentType },
    ...(key !== undefined ? { idempotencyKey: key } : {}),
  });
}

describe('a successful upload', () => {
  it('answers 200, stores the file, and moves AwaitingUpload -> AwaitingAuthorisation with a history row', async () => {
    const consentId = await givenFileConsent();
    h.t.clock.advance(1000);
    try {
      const response = await upload(consentId, SAMPLE_FILE, 'application/xml', 'upload-ok');
      expect(response.statusCode).toBe(200);
      expect(response.body).toBe('');
      const file = await h.t.ctx.storage.repos.consentFiles.find(consentId);
      expect(file).toMatchObject({
        consentId,
        contentType: 'application/xml',
        sha256: base64Sha256(SAMPLE_FILE),
        size: SAMPLE_FILE.length,
        uploadedAt: TEST_NOW + 1000,
      });
      expect(file?.content.equals(SAMPLE_FILE)).toBe(true);
      expect(await h.t.ctx.storage.repos.consents.findById(consentId)).toMatchObject({
        status: 'AwaitingAuthorisation',
        statusUpdatedAt: TEST_NOW + 1000,
      });
      expect((await h.t.ctx.storage.repos.consents.history(consentId)).at(-1)).toMatchObject({
        fromStatus: 'AwaitingUpload',
        toStatus: 'AwaitingAuthorisation',
        reason: 'Payment file uploaded',
        actor: { type: 'tpp', id: TPP },
      });
      const record = await h.t.ctx.storage.repos.idempotency.find(
        TPP,
        `file:${consentId}`,
        'upload-ok',
        TEST_NOW,
      );
      expect(record?.resourceId).toBe(consentId);
      expect((await h.send('GET', `file-payment-consents/${consentId}`)).json().Data.Status).toBe(
        'AwaitingAuthorisation',
      );
    } finally {
      h.t.clock.set(TEST_NOW);
    }
  });

  it('the file comes back byte for byte with its Content-Type', async () => {
    const consentId = await givenFileConsent();
    await upload(consentId, SAMPLE_FILE, 'application/xml', 'upload-get');
    const response = await h.send('GET', `fileUpload/file-payment-consents/${consentId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/xml');
    expect(response.rawPayload.equals(SAMPLE_FILE)).toBe(true);
  });

  it('a JSON file is stored and returned as sent, not re-serialised', async () => {
    const json = Buffer.from('{ "Payments" : [ {"Amount": "10.50"},\n {"Amount":"1.00"} ] }\n');
    const consentId = await givenFileConsent(json);
    const response = await upload(consentId, json, 'application/json', 'upload-json');
    expect(response.statusCode).toBe(200);
    const file = await h.t.ctx.storage.repos.consentFiles.find(consentId);
    expect(file?.content.equals(json)).toBe(true);
    const read = await h.send('GET', `fileUpload/file-payment-consents/${consentId}`);
    expect(read.headers['content-type']).toMatch(/^application\/json/);
    expect(read.rawPayload.equals(json)).toBe(true);
  });

  it('binary bytes survive unchanged', async () => {
    const binary = Buffer.from([0, 255, 1, 254, 0x80, 0x0a, 0x0d, 0xc3, 0x28]);
    const consentId = await givenFileConsent(binary);
    expect((await upload(consentId, binary, 'application/octet-stream', 'upload-bin')).statusCode).toBe(200);
    const read = await h.send('GET', `fileUpload/file-payment-consents/${consentId}`);
    expect(read.headers['content-type']).toBe('application/octet-stream');
    expect(read.rawPayload.equals(binary)).toBe(true);
  });
});

describe('refused uploads change nothing', () => {
  async function expectRefused(
    send: () => ReturnType<ManageHarness['send']>,
    status: number,
    errorCode: string,
    message?: string,
  ) {
    const before = await h.snapshot();
    const response = await send();
    expect(response.statusCode, response.body).toBe(status);
    expect(response.json().Code).toBe(String(status));
    expect(response.json().Errors[0].ErrorCode).toBe(errorCode);
    if (message) expect(response.json().Errors[0].Message).toBe(message);
    expect(await h.snapshot()).toBe(before);
    return response.json();
  }

  it('a file whose hash does not match FileHash: 400', async () => {
    const consentId = await givenFileConsent();
    const body = await expectRefused(
      () => upload(consentId, Buffer.concat([SAMPLE_FILE, Buffer.from(' ')]), 'application/xml', 'mismatch'),
      400,
      'UK.OBIE.Field.Invalid',
    );
    expect(body.Errors[0].Path).toBe('Data.Initiation.FileHash');
  });

  it('a second upload with a new key: 400', async () => {
    const consentId = await givenFileConsent();
    expect((await upload(consentId, SAMPLE_FILE, 'application/xml', 'first')).statusCode).toBe(200);
    await expectRefused(
      () => upload(consentId, SAMPLE_FILE, 'application/xml', 'second'),
      400,
      'UK.OBIE.Resource.InvalidConsentStatus',
      'A file was already uploaded for this consent',
    );
  });

  it('the same key and the same file replays the 200 and changes nothing', async () => {
    const consentId = await givenFileConsent();
    expect((await upload(consentId, SAMPLE_FILE, 'application/xml', 'same')).statusCode).toBe(200);
    const before = await h.snapshot();
    const again = await upload(consentId, SAMPLE_FILE, 'application/xml', 'same');
    expect(again.statusCode).toBe(200);
    expect(again.body).toBe('');
    expect(await h.snapshot()).toBe(before);
  });

  it('concurrent uploads: one wins, the others replay (same key) or are refused (new key)', async () => {
    const consentId = await givenFileConsent();
    const responses = await Promise.all([
      upload(consentId, SAMPLE_FILE, 'application/xml', 'race-a'),
      upload(consentId, SAMPLE_FILE, 'application/xml', 'race-a'),
      upload(consentId, SAMPLE_FILE, 'application/xml', 'race-b'),
    ]);
    const statuses = responses.map((r) => r.statusCode);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s !== 200).every((s) => s === 400)).toBe(true);
    const history = await h.t.ctx.storage.repos.consents.history(consentId);
    expect(history.filter((r) => r.toStatus === 'AwaitingAuthorisation')).toHaveLength(1);
  });

  it('the same key with another file: 400', async () => {
    const consentId = await givenFileConsent();
    expect((await upload(consentId, SAMPLE_FILE, 'application/xml', 'reused')).statusCode).toBe(200);
    await expectRefused(
      () => upload(consentId, Buffer.from('<other/>'), 'application/xml', 'reused'),
      400,
      'UK.OBIE.Field.Invalid',
      'The idempotency key was already used with a different request',
    );
  });

  it('without x-idempotency-key: 400', async () => {
    const consentId = await givenFileConsent();
    await expectRefused(
      () => upload(consentId, SAMPLE_FILE, 'application/xml'),
      400,
      'UK.OBIE.Header.Missing',
    );
  });

  it('an x-idempotency-key over 40 characters: 400', async () => {
    const consentId = await givenFileConsent();
    await expectRefused(
      () => upload(consentId, SAMPLE_FILE, 'application/xml', 'k'.repeat(41)),
      400,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('an empty file: 400', async () => {
    const consentId = await givenFileConsent();
    await expectRefused(
      () => upload(consentId, '', 'application/xml', 'empty'),
      400,
      'UK.OBIE.Field.Missing',
    );
  });

  it('an unsupported Content-Type: 415', async () => {
    const consentId = await givenFileConsent();
    await expectRefused(
      () => upload(consentId, SAMPLE_FILE, 'image/png', 'png'),
      415,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('a file without a Content-Type: 415', async () => {
    const consentId = await givenFileConsent();
    await expectRefused(
      () =>
        h.send('POST', `fileUpload/file-payment-consents/${consentId}`, {
          payload: SAMPLE_FILE,
          headers: { 'content-type': undefined },
          idempotencyKey: 'no-type',
        }),
      415,
      'UK.OBIE.Header.Invalid',
    );
  });

  it('an upload to a consent that is not a file-payment consent: the not-found 400', async () => {
    const { consentId } = await h.create('domestic-payment-consents');
    await expectRefused(
      () => upload(consentId, SAMPLE_FILE, 'application/xml', 'not-file'),
      400,
      'UK.OBIE.Resource.NotFound',
      'The consent was not found',
    );
  });

  it("an upload to another client's file consent: the not-found 400", async () => {
    const consentId = await givenFileConsent(SAMPLE_FILE, OTHER_TPP);
    await expectRefused(
      () => upload(consentId, SAMPLE_FILE, 'application/xml', 'theirs'),
      400,
      'UK.OBIE.Resource.NotFound',
    );
  });

  it('an upload to a rejected file consent: 400', async () => {
    const consentId = await givenFileConsent();
    const rejected = await h.send('PUT', `file-payment-consents/${consentId}`, {
      internal: true,
      payload: { status: 'Rejected' },
    });
    expect(rejected.statusCode).toBe(200);
    await expectRefused(
      () => upload(consentId, SAMPLE_FILE, 'application/xml', 'rejected'),
      400,
      'UK.OBIE.Resource.InvalidConsentStatus',
    );
  });

  it('wrong method on the upload path: 405', async () => {
    const consentId = await givenFileConsent();
    const response = await expectRefused(
      () => h.send('PUT', `fileUpload/file-payment-consents/${consentId}`, { payload: {} }),
      405,
      'UK.OBIE.Resource.InvalidFormat',
    );
    expect(response.Code).toBe('405');
  });
});

describe('file retrieval', () => {
  it('before any upload: 400 saying no file was uploaded', async () => {
    const consentId = await givenFileConsent();
    const response = await h.send('GET', `fileUpload/file-payment-consents/${consentId}`);
    expect(response.statusCode).toBe(400);
    expect(response.json().Errors[0]).toEqual({
      ErrorCode: 'UK.OBIE.Resource.NotFound',
      Message: 'No file was uploaded for this consent',
    });
  });

  it('another client cannot read the file', async () => {
    const consentId = await givenFileConsent();
    await upload(consentId, SAMPLE_FILE, 'application/xml', 'private');
    const response = await h.send('GET', `fileUpload/file-payment-consents/${consentId}`, {
      client: OTHER_TPP,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().Errors[0].Message).toBe('The consent was not found');
  });
});

describe('the size limit (fileUploadMaxBytes)', () => {
  let small: ManageHarness;
  beforeAll(async () => {
    small = await createManageHarness({ fileUploadMaxBytes: 2048 });
  });
  afterAll(() => small.close());

  it('a file over the limit: 413 in the OB format, nothing stored', async () => {
    const big = Buffer.alloc(2049, 'a');
    const { consentId } = await small.create('file-payment-consents', {
      body: { Data: { Initiation: { FileType: 'UK.OBIE.pain.001.001.08', FileHash: base64Sha256(big) } } },
    });
    const before = await small.snapshot();
    const response = await small.send('POST', `fileUpload/file-payment-consents/${consentId}`, {
      payload: big,
      headers: { 'content-type': 'application/xml' },
      idempotencyKey: 'too-big',
    });
    expect(response.statusCode).toBe(413);
    expect(response.json()).toMatchObject({
      Code: '413',
      Message: 'Payload Too Large',
      Errors: [{ ErrorCode: 'UK.OBIE.Field.Invalid', Message: 'The request body is too large' }],
    });
    expect(response.json().Id).toBe(response.headers['x-fapi-interaction-id']);
    expect(await small.snapshot()).toBe(before);
  });

  it('a file at the limit is accepted', async () => {
    const exact = Buffer.alloc(2048, 'b');
    const { consentId } = await small.create('file-payment-consents', {
      body: { Data: { Initiation: { FileType: 'UK.OBIE.pain.001.001.08', FileHash: base64Sha256(exact) } } },
    });
    const response = await small.send('POST', `fileUpload/file-payment-consents/${consentId}`, {
      payload: exact,
      headers: { 'content-type': 'application/xml' },
      idempotencyKey: 'exact',
    });
    expect(response.statusCode).toBe(200);
  });
});

describe('an upload after the consent validity lapsed (issue 9)', () => {
  it('is a 400, stores no file, and the consent reads and stays Expired', async () => {
    const consentId = await givenFileConsent();
    const validUntil = Math.floor(h.t.clock.now() / 1000) + 2;
    const put = await h.send('PUT', `file-payment-consents/${consentId}`, {
      internal: true,
      payload: { validityPeriod: validUntil },
    });
    expect(put.statusCode).toBe(200);
    const historyBefore = await h.t.ctx.storage.repos.consents.history(consentId);
    h.t.clock.advance(3000);
    try {
      const response = await upload(consentId, SAMPLE_FILE, 'application/xml', 'upload-after-expiry');
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({
        Code: '400',
        Errors: [
          {
            ErrorCode: 'UK.OBIE.Resource.InvalidConsentStatus',
            Message: 'A consent in status Expired cannot receive a file',
          },
        ],
      });
      expect(await h.t.ctx.storage.repos.consentFiles.find(consentId)).toBeUndefined();
      expect(await h.t.ctx.storage.repos.consents.history(consentId)).toEqual(historyBefore);
      const read = await h.send('GET', `file-payment-consents/${consentId}`);
      expect(read.json().Data.Status).toBe('Expired');
      // A second try is refused the same way: nothing revived the consent.
      const again = await upload(consentId, SAMPLE_FILE, 'application/xml', 'upload-after-expiry-2');
      expect(again.statusCode).toBe(400);
      expect((await h.send('GET', `file-payment-consents/${consentId}`)).json().Data.Status).toBe('Expired');
      expect(
        (await h.t.ctx.storage.repos.consents.history(consentId)).some(
          (row) => row.toStatus === 'AwaitingAuthorisation',
        ),
      ).toBe(false);
    } finally {
      h.t.clock.set(TEST_NOW);
    }
  });
});
