import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  COF,
  FINANCIAL_ID,
  fundsTables,
  givenAccount,
  givenPsu,
  givenTpp,
  tokenFor,
} from '../../../test/helpers/funds.js';
import { createTestContext, TEST_NOW, type TestContext } from '../../../test/helpers/test-context.js';

const DAY = 86_400_000;
const OLIVIA = 'olivia@example.com';
const PAUL = 'paul@example.com';

let t: TestContext;
let tokenA: string;
let tokenB: string;
let aispToken: string;
let oliviaGbp: string;
let oliviaGbpIdentification: string;
let oliviaEur: string;
let paulGbp: string;

beforeAll(async () => {
  t = await createTestContext({ rateLimitBurst: 100_000 });
  await givenTpp(t, 'cbpii-a', ['CBPII']);
  await givenTpp(t, 'cbpii-b', ['CBPII']);
  await givenTpp(t, 'aisp-1', ['AISP']);
  tokenA = await tokenFor(t, 'cbpii-a');
  tokenB = await tokenFor(t, 'cbpii-b');
  aispToken = await tokenFor(t, 'aisp-1', 'accounts');
  const olivia = await givenPsu(t.ctx, OLIVIA);
  const paul = await givenPsu(t.ctx, PAUL);
  const gbp = await givenAccount(t.ctx, olivia.customerId, { balance: '100.00' });
  oliviaGbp = gbp.accountId;
  oliviaGbpIdentification = gbp.identification;
  oliviaEur = (await givenAccount(t.ctx, olivia.customerId, { currency: 'EUR', schemeName: 'UK.OBIE.IBAN' }))
    .accountId;
  paulGbp = (await givenAccount(t.ctx, paul.customerId)).accountId;
});
afterAll(() => t.close());

type Headers = Record<string, string | undefined>;

function headers(token: string, extra: Headers = {}): Record<string, string> {
  const all: Headers = {
    authorization: `Bearer ${token}`,
    'x-fapi-financial-id': FINANCIAL_ID,
    userid: OLIVIA,
    'content-type': 'application/json',
    ...extra,
  };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined)) as Record<string, string>;
}

function consentBody(expires = TEST_NOW + 30 * DAY, debtor: Record<string, string> = {}) {
  return {
    Data: {
      ExpirationDateTime: new Date(expires).toISOString().replace('Z', '+00:00'),
      DebtorAccount: {
        SchemeName: 'UK.OBIE.SortCodeAccountNumber',
        Identification: oliviaGbpIdentification,
        Name: 'Olivia',
        ...debtor,
      },
    },
  };
}

async function create(token = tokenA, body: unknown = consentBody(), extra: Headers = {}) {
  return t.app.inject({
    method: 'POST',
    url: `${COF}/funds-confirmation-consents`,
    headers: headers(token, extra),
    payload: body as object,
  });
}

async function createId(token = tokenA, body: unknown = consentBody()): Promise<string> {
  const response = await create(token, body);
  expect(response.statusCode).toBe(201);
  return response.json().Data.ConsentId;
}

function userConsent(method: 'POST' | 'PUT', payload: object, token = tokenA) {
  return t.app.inject({
    method,
    url: `${COF}/funds-confirmation-user-consent`,
    headers: headers(token, { 'x-fapi-financial-id': undefined, userid: undefined }),
    payload,
  });
}

async function authorised(token = tokenA, accountIds = [oliviaGbp], body: unknown = consentBody()) {
  const consentId = await createId(token, body);
  const bound = await userConsent(
    'POST',
    { ConsentId: consentId, collectionMethod: 'web', userId: OLIVIA, accountIds, status: 'Authorised' },
    token,
  );
  expect(bound.statusCode).toBe(201);
  return consentId;
}

function post(path: string, payload: object, token = tokenA) {
  return t.app.inject({
    method: 'POST',
    url: `${COF}${path}`,
    headers: headers(token, { 'x-fapi-financial-id': undefined, userid: undefined }),
    payload,
  });
}

const consentRow = (consentId: string) =>
  t.database.db
    .selectFrom('consents')
    .selectAll()
    .where('consent_id', '=', consentId)
    .executeTakeFirstOrThrow();
const historyOf = (consentId: string) => t.ctx.storage.repos.consents.history(consentId);

function obError(status: number, errorCode: string, extra: Record<string, unknown> = {}) {
  return {
    Code: String(status),
    Id: expect.any(String),
    Message: expect.any(String),
    Errors: [expect.objectContaining({ ErrorCode: errorCode, Message: expect.any(String), ...extra })],
  };
}

describe('POST /funds-confirmation-consents', () => {
  it('creates an AwaitingAuthorisation consent with its history row, in the shared consents table', async () => {
    const body = consentBody();
    const response = await create(tokenA, body);
    expect(response.statusCode).toBe(201);
    const json = response.json();
    const id = json.Data.ConsentId;
    expect(json).toEqual({
      Data: {
        ConsentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        CreationDateTime: '2026-03-16T08:16:08+00:00',
        Status: 'AwaitingAuthorisation',
        StatusUpdateDateTime: '2026-03-16T08:16:08+00:00',
        ExpirationDateTime: body.Data.ExpirationDateTime,
        DebtorAccount: body.Data.DebtorAccount,
      },
      Links: { Self: `http://localhost:8080${COF}/funds-confirmation-consents/${id}` },
      Meta: { TotalPages: 1 },
    });
    expect(response.headers['x-fapi-interaction-id']).toEqual(expect.any(String));
    expect(await consentRow(id)).toMatchObject({
      kind: 'funds-confirmation',
      consent_type: 'fundsconfirmations',
      client_id: 'cbpii-a',
      status: 'AwaitingAuthorisation',
      expires_at: TEST_NOW + 30 * DAY,
      user_id: null,
      receipt: JSON.stringify(body),
    });
    expect(await historyOf(id)).toEqual([
      expect.objectContaining({
        fromStatus: null,
        toStatus: 'AwaitingAuthorisation',
        actor: { type: 'tpp', id: 'cbpii-a' },
      }),
    ]);
  });

  it('is the consent the manage API sees as a funds-confirmation-consent', async () => {
    const id = await createId();
    const detail = await t.ctx.storage.repos.consents.findDetail(id);
    expect(detail?.consent.kind).toBe('funds-confirmation');
  });

  it('echoes the interaction id', async () => {
    const response = await create(tokenA, consentBody(), { 'x-fapi-interaction-id': 'abc-123' });
    expect(response.headers['x-fapi-interaction-id']).toBe('abc-123');
  });

  const refusals: [string, () => Promise<{ statusCode: number; json(): unknown }>, number, string][] = [
    [
      'missing x-fapi-financial-id',
      () => create(tokenA, consentBody(), { 'x-fapi-financial-id': undefined }),
      400,
      'UK.OBIE.Header.Missing',
    ],
    [
      'another x-fapi-financial-id',
      () => create(tokenA, consentBody(), { 'x-fapi-financial-id': 'other-bank' }),
      403,
      'UK.OBIE.Header.Invalid',
    ],
    [
      'missing UserId',
      () => create(tokenA, consentBody(), { userid: undefined }),
      400,
      'UK.OBIE.Header.Missing',
    ],
    ['missing DebtorAccount', () => create(tokenA, { Data: {} }), 400, 'UK.OBIE.Field.Missing'],
    [
      'a bad ExpirationDateTime',
      () => create(tokenA, { Data: { ...consentBody().Data, ExpirationDateTime: 'tomorrow' } }),
      400,
      'UK.OBIE.Field.InvalidDate',
    ],
    [
      'a past ExpirationDateTime',
      () => create(tokenA, consentBody(TEST_NOW - DAY)),
      400,
      'UK.OBIE.Field.InvalidDate',
    ],
    [
      'an unknown top-level field',
      () => create(tokenA, { ...consentBody(), Risk: {} }),
      400,
      'UK.OBIE.Field.Unexpected',
    ],
    [
      'a server-owned Data.Status',
      () => create(tokenA, { Data: { ...consentBody().Data, Status: 'Authorised' } }),
      400,
      'UK.OBIE.Field.Unexpected',
    ],
    [
      'a too long Identification',
      () => create(tokenA, consentBody(undefined, { Identification: 'x'.repeat(257) })),
      400,
      'UK.OBIE.Field.Invalid',
    ],
    [
      'no token',
      () => create('', consentBody(), { authorization: undefined }),
      401,
      'UK.OBIE.Header.Missing',
    ],
    ['an unknown token', () => create('not-a-token'), 401, 'UK.OBIE.Header.Invalid'],
    ['a token without the fundsconfirmations scope', () => create(aispToken), 403, 'UK.OBIE.Header.Invalid'],
  ];
  for (const [name, send, status, errorCode] of refusals) {
    it(`refuses ${name} (${status}) and stores nothing`, async () => {
      const before = await fundsTables(t);
      const response = await send();
      expect(response.statusCode).toBe(status);
      expect(response.json()).toEqual(obError(status, errorCode));
      expect(await fundsTables(t)).toEqual(before);
    });
  }

  it('names the missing field and the offending path', async () => {
    const response = await create(tokenA, { Data: { DebtorAccount: { SchemeName: 'x' } } });
    expect(response.json().Errors).toEqual([
      expect.objectContaining({
        ErrorCode: 'UK.OBIE.Field.Missing',
        Path: 'Data.DebtorAccount.Identification',
      }),
    ]);
  });

  it('answers 401 with WWW-Authenticate for unknown and expired tokens', async () => {
    const unknown = await create('not-a-token');
    expect(unknown.headers['www-authenticate']).toBe('Bearer realm="ConsentHub", error="invalid_token"');
    const scope = await create(aispToken);
    expect(scope.headers['www-authenticate']).toBe(
      'Bearer realm="ConsentHub", error="insufficient_scope", scope="fundsconfirmations"',
    );
    await givenTpp(t, 'cbpii-short', ['CBPII']);
    const short = await tokenFor(t, 'cbpii-short');
    t.clock.advance(3600 * 1000);
    try {
      expect((await create(short)).statusCode).toBe(401);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('takes the token from the Authorization header only, in any case of "Bearer"', async () => {
    expect((await create(tokenA, consentBody(), { authorization: `bearer ${tokenA}` })).statusCode).toBe(201);
    expect((await create(tokenA, consentBody(), { authorization: `BEARER ${tokenA}` })).statusCode).toBe(201);
    const query = await t.app.inject({
      method: 'POST',
      url: `${COF}/funds-confirmation-consents?access_token=${tokenA}`,
      headers: headers(tokenA, { authorization: undefined }),
      payload: consentBody(),
    });
    expect(query.statusCode).toBe(401);
  });

  it('answers 400 for malformed JSON, 415 for text/plain and 406 for Accept: text/xml', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: `${COF}/funds-confirmation-consents`,
      headers: headers(tokenA),
      payload: '{"Data":',
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json()).toEqual(obError(400, 'UK.OBIE.Resource.InvalidFormat'));
    const text = await t.app.inject({
      method: 'POST',
      url: `${COF}/funds-confirmation-consents`,
      headers: headers(tokenA, { 'content-type': 'text/plain' }),
      payload: 'hello',
    });
    expect(text.statusCode).toBe(415);
    expect(text.json()).toEqual(obError(415, 'UK.OBIE.Header.Invalid'));
    const xml = await create(tokenA, consentBody(), { accept: 'text/xml' });
    expect(xml.statusCode).toBe(406);
    expect(xml.json()).toEqual(obError(406, 'UK.OBIE.Header.Invalid'));
  });
});

describe('GET /funds-confirmation-consents/{ConsentId}', () => {
  const get = (id: string, token = tokenA, extra: Headers = {}) =>
    t.app.inject({
      method: 'GET',
      url: `${COF}/funds-confirmation-consents/${id}`,
      headers: headers(token, { 'content-type': undefined, ...extra }),
    });

  it('reads the consent as created', async () => {
    const created = await create();
    const read = await get(created.json().Data.ConsentId);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(created.json());
  });

  it("answers 404 for another client's consent, an unknown id and a non-uuid", async () => {
    const id = await createId(tokenB);
    for (const other of [id, '6f0c3a4e-1111-4222-8333-944455556666', 'not-a-uuid']) {
      const response = await get(other);
      expect(response.statusCode).toBe(404);
      expect(response.json()).toEqual(obError(404, 'UK.OBIE.Resource.NotFound'));
    }
  });

  it('shows a consent past its expiry as Expired', async () => {
    const id = await createId(tokenA, consentBody(TEST_NOW + DAY));
    t.clock.advance(2 * DAY);
    try {
      const read = await get(id, await tokenFor(t, 'cbpii-a'));
      expect(read.json().Data.Status).toBe('Expired');
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('requires x-fapi-financial-id and UserId, and answers 406 for Accept: text/xml', async () => {
    const id = await createId();
    expect((await get(id, tokenA, { 'x-fapi-financial-id': undefined })).statusCode).toBe(400);
    expect((await get(id, tokenA, { 'x-fapi-financial-id': 'x' })).statusCode).toBe(403);
    expect((await get(id, tokenA, { userid: undefined })).statusCode).toBe(400);
    expect((await get(id, tokenA, { accept: 'text/xml' })).statusCode).toBe(406);
  });
});

describe('DELETE /funds-confirmation-consents/{ConsentId}', () => {
  const del = (id: string, token = tokenA) =>
    t.app.inject({
      method: 'DELETE',
      url: `${COF}/funds-confirmation-consents/${id}`,
      headers: headers(token, { 'content-type': undefined }),
    });

  it('revokes with 204, a Revoked status and a history row; again changes nothing', async () => {
    const id = await authorised();
    const response = await del(id);
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
    expect((await consentRow(id)).status).toBe('Revoked');
    const history = await historyOf(id);
    expect(history.at(-1)).toMatchObject({
      fromStatus: 'Authorised',
      toStatus: 'Revoked',
      reason: 'Revoked by the CBPII',
      actor: { type: 'tpp', id: 'cbpii-a' },
    });
    expect((await del(id)).statusCode).toBe(204);
    expect(await historyOf(id)).toHaveLength(history.length);
  });

  it('takes an empty body sent as application/json as no body', async () => {
    const id = await createId();
    const response = await t.app.inject({
      method: 'DELETE',
      url: `${COF}/funds-confirmation-consents/${id}`,
      headers: headers(tokenA),
    });
    expect(response.statusCode).toBe(204);
  });

  it("answers 404 for another client's consent and leaves it alone", async () => {
    const id = await createId(tokenB);
    const response = await del(id);
    expect(response.statusCode).toBe(404);
    expect((await consentRow(id)).status).toBe('AwaitingAuthorisation');
  });

  it('answers 400 for a consent the lifecycle cannot revoke (Rejected)', async () => {
    const id = await createId();
    await userConsent('POST', { ConsentId: id, userId: OLIVIA, accountIds: [], status: 'Rejected' });
    const response = await del(id);
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(obError(400, 'UK.OBIE.Resource.InvalidConsentStatus'));
  });
});

describe('POST and PUT /funds-confirmation-user-consent', () => {
  it('binds the PSU, accounts and decision: status, history, authorisation, mappings, attributes', async () => {
    const id = await createId();
    const payload = {
      ConsentId: id,
      collectionMethod: 'web',
      userId: OLIVIA,
      accountIds: [oliviaGbp],
      status: 'Authorised',
      givenTimeStamp: '2026-03-16T08:15:00.000Z',
    };
    const response = await userConsent('POST', payload);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual(payload);
    expect(await consentRow(id)).toMatchObject({ status: 'Authorised', user_id: OLIVIA });
    expect((await historyOf(id)).at(-1)).toMatchObject({
      fromStatus: 'AwaitingAuthorisation',
      toStatus: 'Authorised',
      actor: { type: 'psu', id: OLIVIA },
    });
    const detail = (await t.ctx.storage.repos.consents.findDetail(id))!;
    expect(detail.authorisations).toEqual([
      expect.objectContaining({
        userId: OLIVIA,
        status: 'Authorised',
        mappings: [expect.objectContaining({ accountId: oliviaGbp, mappingStatus: 'active' })],
      }),
    ]);
    expect(detail.attributes).toEqual({
      collectionMethod: 'web',
      consentGivenTimestamp: '2026-03-16T08:15:00.000Z',
    });
  });

  it('binds without a decision when the status stays AwaitingAuthorisation (no history row)', async () => {
    const id = await createId();
    const response = await userConsent('POST', {
      ConsentId: id,
      userId: OLIVIA,
      accountIds: [oliviaGbp],
      status: 'AwaitingAuthorisation',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({
      ConsentId: id,
      userId: OLIVIA,
      accountIds: [oliviaGbp],
      status: 'AwaitingAuthorisation',
      givenTimeStamp: new Date(TEST_NOW).toISOString(),
    });
    expect(await historyOf(id)).toHaveLength(1);
    expect((await consentRow(id)).user_id).toBe(OLIVIA);
  });

  it('records a rejection', async () => {
    const id = await createId();
    const response = await userConsent('POST', {
      ConsentId: id,
      userId: OLIVIA,
      accountIds: [],
      status: 'Rejected',
    });
    expect(response.json().status).toBe('Rejected');
    expect((await consentRow(id)).status).toBe('Rejected');
  });

  const refusals: [string, (id: string) => object, string, string?][] = [
    [
      'an unknown user',
      (id) => ({ ConsentId: id, userId: 'ghost', accountIds: [], status: 'Authorised' }),
      'UK.OBIE.Field.Invalid',
      'userId',
    ],
    [
      "another customer's account",
      (id) => ({ ConsentId: id, userId: OLIVIA, accountIds: [paulGbp], status: 'Authorised' }),
      'UK.OBIE.Field.Invalid',
      'accountIds[0]',
    ],
    [
      'an unknown account',
      (id) => ({ ConsentId: id, userId: OLIVIA, accountIds: [oliviaGbp, 'nope'], status: 'Authorised' }),
      'UK.OBIE.Field.Invalid',
      'accountIds[1]',
    ],
    [
      'accounts without the DebtorAccount',
      (id) => ({ ConsentId: id, userId: OLIVIA, accountIds: [oliviaEur], status: 'Authorised' }),
      'UK.OBIE.Resource.ConsentMismatch',
    ],
    [
      'an authorisation without accounts',
      (id) => ({ ConsentId: id, userId: OLIVIA, accountIds: [], status: 'Authorised' }),
      'UK.OBIE.Field.Missing',
    ],
    [
      'an unknown consent',
      () => ({
        ConsentId: '6f0c3a4e-1111-4222-8333-944455556666',
        userId: OLIVIA,
        accountIds: [oliviaGbp],
        status: 'Authorised',
      }),
      'UK.OBIE.Resource.NotFound',
    ],
    [
      'a status outside the lifecycle',
      (id) => ({ ConsentId: id, userId: OLIVIA, accountIds: [oliviaGbp], status: 'Consumed' }),
      'UK.OBIE.Field.Invalid',
    ],
    [
      'a missing userId',
      (id) => ({ ConsentId: id, accountIds: [oliviaGbp], status: 'Authorised' }),
      'UK.OBIE.Field.Missing',
    ],
    [
      'an unknown field',
      (id) => ({ ConsentId: id, userId: OLIVIA, accountIds: [], status: 'Rejected', clientId: 'x' }),
      'UK.OBIE.Field.Invalid',
    ],
  ];
  for (const [name, payload, errorCode, path] of refusals) {
    it(`refuses ${name} with 400 and changes nothing`, async () => {
      const id = await createId();
      const before = await fundsTables(t);
      const response = await userConsent('POST', payload(id));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(obError(400, errorCode, path ? { Path: path } : {}));
      expect(await fundsTables(t)).toEqual(before);
    });
  }

  it("answers 400 (not 404) for another client's consent", async () => {
    const id = await createId(tokenB);
    const response = await userConsent('POST', {
      ConsentId: id,
      userId: OLIVIA,
      accountIds: [oliviaGbp],
      status: 'Authorised',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual(obError(400, 'UK.OBIE.Resource.NotFound'));
  });

  it('refuses a second POST: the binding changes with PUT', async () => {
    const id = await authorised();
    const again = await userConsent('POST', {
      ConsentId: id,
      userId: OLIVIA,
      accountIds: [oliviaGbp],
      status: 'Authorised',
    });
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual(obError(400, 'UK.OBIE.Resource.InvalidConsentStatus'));
  });

  it('PUT revokes through the lifecycle and updates the binding', async () => {
    const id = await authorised();
    const response = await userConsent('PUT', {
      ConsentId: id,
      collectionMethod: 'mobile',
      userId: OLIVIA,
      accountIds: [oliviaGbp, oliviaEur],
      status: 'Revoked',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      status: 'Revoked',
      collectionMethod: 'mobile',
      accountIds: [oliviaGbp, oliviaEur],
    });
    expect((await historyOf(id)).at(-1)).toMatchObject({ fromStatus: 'Authorised', toStatus: 'Revoked' });
    const detail = (await t.ctx.storage.repos.consents.findDetail(id))!;
    expect(detail.authorisations[0]).toMatchObject({ status: 'Revoked' });
    expect(detail.authorisations[0]!.mappings.map((m) => m.mappingStatus)).toEqual(['inactive', 'inactive']);
  });

  it('PUT refuses another user, an unbound consent and an illegal transition', async () => {
    const id = await authorised();
    const other = await userConsent('PUT', {
      ConsentId: id,
      userId: PAUL,
      accountIds: [],
      status: 'Revoked',
    });
    expect(other.statusCode).toBe(400);
    expect(other.json()).toEqual(obError(400, 'UK.OBIE.Resource.ConsentMismatch'));
    const back = await userConsent('PUT', {
      ConsentId: id,
      userId: OLIVIA,
      accountIds: [oliviaGbp],
      status: 'AwaitingAuthorisation',
    });
    expect(back.statusCode).toBe(400);
    expect(back.json()).toEqual(obError(400, 'UK.OBIE.Resource.InvalidConsentStatus'));
    const unbound = await createId();
    const put = await userConsent('PUT', {
      ConsentId: unbound,
      userId: OLIVIA,
      accountIds: [oliviaGbp],
      status: 'Authorised',
    });
    expect(put.statusCode).toBe(400);
    expect(put.json()).toEqual(obError(400, 'UK.OBIE.Resource.InvalidConsentStatus'));
  });
});

describe('POST /funds-confirmation-validation', () => {
  const validate = (consentId: string, fields: Record<string, string> = {}, token = tokenA) =>
    post(
      '/funds-confirmation-validation',
      { clientId: 'cbpii-a', userId: OLIVIA, ConsentId: consentId, ...fields },
      token,
    );

  it('answers 200 for an Authorised, unexpired consent of this client and user', async () => {
    const id = await authorised();
    const response = await validate(id);
    expect(response.statusCode).toBe(200);
    expect(response.body).toBe('');
  });

  it('answers 400 naming the reason otherwise', async () => {
    const id = await authorised();
    const cases: [Promise<{ statusCode: number; json(): unknown }>, string, string][] = [
      [
        validate('6f0c3a4e-1111-4222-8333-944455556666'),
        'UK.OBIE.Resource.NotFound',
        'The consent was not found',
      ],
      [
        validate(await createId()),
        'UK.OBIE.Resource.InvalidConsentStatus',
        'The consent is AwaitingAuthorisation, not Authorised',
      ],
      [
        validate(id, { userId: PAUL }),
        'UK.OBIE.Resource.ConsentMismatch',
        'The consent is not bound to this user',
      ],
      [
        validate(id, { clientId: 'cbpii-b' }),
        'UK.OBIE.Field.Invalid',
        'clientId must be the client of the access token',
      ],
      [
        validate(id, { clientId: 'cbpii-b' }, tokenB),
        'UK.OBIE.Resource.NotFound',
        'The consent was not found',
      ],
    ];
    for (const [pending, errorCode, message] of cases) {
      const response = await pending;
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(obError(400, errorCode, { Message: message }));
    }
  });

  it('answers 400 for an expired and a revoked consent', async () => {
    const expiring = await authorised(tokenA, [oliviaGbp], consentBody(TEST_NOW + DAY));
    const revoked = await authorised();
    await userConsent('PUT', {
      ConsentId: revoked,
      userId: OLIVIA,
      accountIds: [oliviaGbp],
      status: 'Revoked',
    });
    expect((await validate(revoked)).json()).toEqual(obError(400, 'UK.OBIE.Resource.InvalidConsentStatus'));
    t.clock.advance(2 * DAY);
    try {
      const response = await validate(expiring, {}, await tokenFor(t, 'cbpii-a'));
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(
        obError(400, 'UK.OBIE.Resource.InvalidConsentStatus', { Message: 'The consent has expired' }),
      );
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('answers 400 for a body without ConsentId', async () => {
    const response = await post('/funds-confirmation-validation', { clientId: 'cbpii-a', userId: OLIVIA });
    expect(response.json()).toEqual(obError(400, 'UK.OBIE.Field.Missing', { Path: 'ConsentId' }));
  });
});

describe('POST /funds-confirmations', () => {
  const confirm = (consentId: string, amount = '20.00', currency = 'GBP', token = tokenA) =>
    post(
      '/funds-confirmations',
      {
        Data: {
          ConsentId: consentId,
          Reference: 'Purchase01',
          InstructedAmount: { Amount: amount, Currency: currency },
        },
      },
      token,
    );

  it('confirms funds from the core bank balance and keeps the check', async () => {
    const id = await authorised();
    const response = await confirm(id, '100.00');
    expect(response.statusCode).toBe(201);
    const json = response.json();
    expect(json).toEqual({
      Data: {
        FundsConfirmationId: expect.any(String),
        ConsentId: id,
        CreationDateTime: '2026-03-16T08:16:08Z',
        FundsAvailable: true,
        Reference: 'Purchase01',
        InstructedAmount: { Amount: '100.00', Currency: 'GBP' },
      },
      Links: { Self: `http://localhost:8080${COF}/funds-confirmations/${json.Data.FundsConfirmationId}` },
      Meta: {},
    });
    expect(await t.ctx.storage.repos.fundsConfirmations.listForConsent(id)).toEqual([
      {
        fundsConfirmationId: json.Data.FundsConfirmationId,
        consentId: id,
        clientId: 'cbpii-a',
        accountId: oliviaGbp,
        reference: 'Purchase01',
        amount: '100.00',
        currency: 'GBP',
        fundsAvailable: true,
        createdAt: TEST_NOW,
      },
    ]);
  });

  it('answers FundsAvailable false above the balance, with exact decimals', async () => {
    const id = await authorised();
    expect((await confirm(id, '100.00001')).json().Data.FundsAvailable).toBe(false);
    expect((await confirm(id, '100')).json().Data.FundsAvailable).toBe(true);
    expect((await confirm(id, '5000')).json().Data.FundsAvailable).toBe(false);
  });

  it('follows the balance as the bank changes it', async () => {
    const id = await authorised();
    await t.ctx.storage.repos.bankAccounts.update(oliviaGbp, { balance: '10.00' }, TEST_NOW);
    try {
      expect((await confirm(id, '20.00')).json().Data.FundsAvailable).toBe(false);
    } finally {
      await t.ctx.storage.repos.bankAccounts.update(oliviaGbp, { balance: '100.00' }, TEST_NOW);
    }
  });

  it('refuses another currency, an unauthorised, unknown or expired consent, and bad amounts (400)', async () => {
    const id = await authorised();
    const expiring = await authorised(tokenA, [oliviaGbp], consentBody(TEST_NOW + DAY));
    const before = await fundsTables(t);
    const cases: [Promise<{ statusCode: number; json(): unknown }>, string, string?][] = [
      [confirm(id, '1.00', 'EUR'), 'UK.OBIE.Unsupported.Currency', 'Data.InstructedAmount.Currency'],
      [confirm(await createId()), 'UK.OBIE.Resource.InvalidConsentStatus', 'Data.ConsentId'],
      [confirm('6f0c3a4e-1111-4222-8333-944455556666'), 'UK.OBIE.Resource.NotFound'],
      [confirm(id, '1,00'), 'UK.OBIE.Field.Invalid', 'Data.InstructedAmount.Amount'],
      [confirm(id, '1.00', 'gbp'), 'UK.OBIE.Field.Invalid', 'Data.InstructedAmount.Currency'],
      [confirm(await createId(tokenB), '1.00', 'GBP'), 'UK.OBIE.Resource.NotFound'],
    ];
    for (const [pending, errorCode, path] of cases) {
      const response = await pending;
      expect(response.statusCode).toBe(400);
      expect(response.json()).toEqual(obError(400, errorCode, path ? { Path: path } : {}));
    }
    t.clock.advance(2 * DAY);
    try {
      const expired = await confirm(expiring, '1.00', 'GBP', await tokenFor(t, 'cbpii-a'));
      expect(expired.json()).toEqual(
        obError(400, 'UK.OBIE.Resource.InvalidConsentStatus', { Message: 'The consent has expired' }),
      );
    } finally {
      t.clock.set(TEST_NOW);
    }
    const after = await fundsTables(t);
    expect(after.confirmations).toEqual(before.confirmations);
  });
});

describe('method, path and media type errors', () => {
  const cases: [string, string][] = [
    ['PATCH', '/funds-confirmation-consents'],
    ['PUT', '/funds-confirmation-consents/6f0c3a4e-1111-4222-8333-944455556666'],
    ['GET', '/funds-confirmation-user-consent'],
    ['GET', '/funds-confirmation-validation'],
    ['GET', '/funds-confirmations'],
  ];
  for (const [method, path] of cases) {
    it(`answers 405 for ${method} ${path}`, async () => {
      const response = await t.app.inject({
        method: method as 'GET',
        url: `${COF}${path}`,
        headers: headers(tokenA, { 'content-type': undefined }),
      });
      expect(response.statusCode).toBe(405);
      expect(response.json()).toEqual(obError(405, 'UK.OBIE.Resource.InvalidFormat'));
    });
  }

  it('answers 404 in the OB format for an unknown path', async () => {
    const response = await t.app.inject({
      method: 'GET',
      url: `${COF}/nothing-here`,
      headers: headers(tokenA),
    });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual(obError(404, 'UK.OBIE.Resource.NotFound'));
  });

  it('answers 415 for a text/plain funds confirmation', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: `${COF}/funds-confirmations`,
      headers: headers(tokenA, { 'content-type': 'text/plain' }),
      payload: 'x',
    });
    expect(response.statusCode).toBe(415);
  });

  // The body schema of these routes must not answer first: another format is a 415, not a 400.
  const schemaRoutes: ['POST' | 'PUT', string][] = [
    ['POST', '/funds-confirmation-user-consent'],
    ['PUT', '/funds-confirmation-user-consent'],
    ['POST', '/funds-confirmation-validation'],
  ];
  for (const [method, path] of schemaRoutes) {
    it(`answers 415 (not a schema 400) for a text/plain ${method} ${path}, after authentication`, async () => {
      const response = await t.app.inject({
        method,
        url: `${COF}${path}`,
        headers: headers(tokenA, { 'content-type': 'text/plain' }),
        payload: 'ConsentId=x',
      });
      expect(response.statusCode).toBe(415);
      expect(response.json()).toEqual(obError(415, 'UK.OBIE.Header.Invalid'));
      const anonymous = await t.app.inject({
        method,
        url: `${COF}${path}`,
        headers: headers(tokenA, { authorization: undefined, 'content-type': 'text/plain' }),
        payload: 'ConsentId=x',
      });
      expect(anonymous.statusCode).toBe(401);
    });
  }

  it('answers 500 in the OB format without leaking the cause', async () => {
    const bank = t.ctx.integrations.coreBanking;
    const original = { findAccount: bank.findAccount, byIdentification: bank.findAccountByIdentification };
    const id = await authorised();
    // The core bank is down: every lookup fails.
    bank.findAccount = bank.findAccountByIdentification = async () => {
      throw new Error('core bank down: secret detail');
    };
    try {
      const response = await post('/funds-confirmations', {
        Data: { ConsentId: id, Reference: 'R', InstructedAmount: { Amount: '1', Currency: 'GBP' } },
      });
      expect(response.statusCode).toBe(500);
      expect(response.json()).toEqual(
        obError(500, 'UK.OBIE.UnexpectedError', { Message: 'An unexpected error occurred' }),
      );
      expect(response.body).not.toContain('secret detail');
    } finally {
      bank.findAccount = original.findAccount;
      bank.findAccountByIdentification = original.byIdentification;
    }
  });
});
