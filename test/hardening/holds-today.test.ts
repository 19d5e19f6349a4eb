// Issue 13, first paragraph: what held when probed and must keep holding, as tests (both dialects).
// (Every route x wrong or missing credentials is in fuzz-routes.test.ts.)
import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authenticateCustomer } from '../../src/services/customers/authenticate-customer.js';
import { CUSTOMER_PASSWORD, givenCustomer, givenPartner } from '../helpers/customers.js';
import { basic, givenOperator } from '../helpers/factories.js';
import { givenTpp, tokenFor } from '../helpers/funds.js';
import { createManageHarness, OTHER_TPP, TPP, type ManageHarness } from '../helpers/manage-api.js';
import { sampleBody } from '../helpers/ob-samples.js';
import { createTestContext } from '../helpers/test-context.js';

let h: ManageHarness;
beforeAll(async () => {
  h = await createManageHarness();
});
afterAll(() => h.close());

async function authorisedConsent(): Promise<string> {
  const { consentId } = await h.create('account-access-consents');
  const put = await h.send('PUT', `account-access-consents/${consentId}`, {
    internal: true,
    payload: { status: 'Authorised' },
  });
  expect(put.statusCode, put.body).toBe(200);
  return consentId;
}

const validate = (consentId: string) =>
  h.send('POST', '/api/fs/consent/validate', { client: null, payload: { consentId, clientId: TPP } });

describe('what holds today', () => {
  it('100 parallel identical idempotent creates make one consent, all answering it', async () => {
    const consents = await h.count('consents');
    const history = await h.count('consent_status_history');
    const payload = sampleBody('domestic-payment-consents');
    const responses = await Promise.all(
      Array.from({ length: 100 }, () =>
        h.send('POST', 'domestic-payment-consents', { payload, idempotencyKey: 'hundred-at-once' }),
      ),
    );
    expect(new Set(responses.map((r) => r.statusCode))).toEqual(new Set([201]));
    expect(new Set(responses.map((r) => r.json().Data.ConsentId)).size).toBe(1);
    expect(await h.count('consents')).toBe(consents + 1);
    expect(await h.count('consent_status_history')).toBe(history + 1);
  });

  it('50 parallel revokes write one history row', async () => {
    const consentId = await authorisedConsent();
    const history = await h.count('consent_status_history');
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => h.send('DELETE', `account-access-consents/${consentId}`)),
    );
    expect(responses.filter((r) => r.statusCode === 204).length).toBeGreaterThanOrEqual(1);
    expect(responses.every((r) => r.statusCode < 500)).toBe(true);
    expect(await h.count('consent_status_history')).toBe(history + 1);
    const rows = await h.t.database.db
      .selectFrom('consent_status_history')
      .selectAll()
      .where('consent_id', '=', consentId)
      .where('to_status', '=', 'Revoked')
      .execute();
    expect(rows).toHaveLength(1);
  });

  it('0 validations answer isValid: true after a revoke returned (validations racing the revoke)', async () => {
    for (let round = 0; round < 5; round++) {
      const consentId = await authorisedConsent();
      expect((await validate(consentId)).json().isValid).toBe(true); // warm every cache
      const during = Array.from({ length: 20 }, () => validate(consentId));
      const revoke = await h.send('DELETE', `account-access-consents/${consentId}`);
      expect(revoke.statusCode).toBe(204);
      const after = await Promise.all(Array.from({ length: 20 }, () => validate(consentId)));
      await Promise.all(during);
      expect(after.map((r) => r.json().isValid)).toEqual(after.map(() => false));
    }
  });

  it("another client's consent is indistinguishable from an unknown one", async () => {
    const consentId = await authorisedConsent();
    const unknown = '00000000-0000-4000-8000-000000000000';
    const shape = (r: { statusCode: number; body: string }) => {
      const body = JSON.parse(r.body) as Record<string, unknown>;
      delete body.Id;
      return {
        status: r.statusCode,
        body: JSON.stringify(body).split(consentId).join('ID').split(unknown).join('ID'),
      };
    };
    const before = await h.snapshot();
    for (const [method, options] of [
      ['GET', {}],
      ['GET', { internal: true }],
      ['PUT', { internal: true, payload: { status: 'Revoked' } }],
      ['DELETE', {}],
    ] as const) {
      const theirs = await h.send(method, `account-access-consents/${consentId}`, {
        ...options,
        client: OTHER_TPP,
      });
      const none = await h.send(method, `account-access-consents/${unknown}`, {
        ...options,
        client: OTHER_TPP,
      });
      expect(shape(theirs), `${method} ${JSON.stringify(options)}`).toEqual(shape(none));
      expect(theirs.statusCode).toBeGreaterThanOrEqual(400);
    }
    const theirs = await h.send('POST', '/api/fs/consent/validate', {
      client: null,
      payload: { consentId, clientId: OTHER_TPP },
    });
    const none = await h.send('POST', '/api/fs/consent/validate', {
      client: null,
      payload: { consentId: unknown, clientId: OTHER_TPP },
    });
    expect(theirs.json()).toEqual(none.json());
    expect(await h.snapshot()).toBe(before);
  });
});

describe('no secret in any log line', () => {
  it('passwords, client secrets, tokens and Basic headers never reach the log, even at trace level', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const t = await createTestContext({}, { LOG_LEVEL: 'trace' }, { logger: pino({ level: 'trace' }, sink) });
    try {
      const operator = await givenOperator(t.ctx, 'log-gw', ['consent-manager'], 'operator-secret-pw');
      const tpp = await givenTpp(t, 'log-cbpii');
      const token = await tokenFor(t, 'log-cbpii');
      await givenPartner(t.ctx, 'log-bank');
      const { customer } = await givenCustomer(t.ctx, 'log-bank');
      await authenticateCustomer(t.ctx, {
        source: '127.0.0.1',
        username: customer.username,
        password: CUSTOMER_PASSWORD,
      });
      await authenticateCustomer(t.ctx, {
        source: '127.0.0.1',
        username: customer.username,
        password: 'wrong-customer-pw',
      }).catch(() => undefined);
      for (const authorization of [operator.authorization, basic('log-gw', 'wrong-operator-pw')])
        await t.app.inject({
          method: 'POST',
          url: '/api/fs/consent/validate',
          headers: { authorization, 'content-type': 'application/json' },
          payload: JSON.stringify({ consentId: 'x', clientId: 'log-cbpii' }),
        });
      await t.app.inject({
        method: 'GET',
        url: '/api/consent-mgt/cof/v3.0/funds-confirmation-consents',
        headers: { authorization: `Bearer ${token}` },
      });
      await t.app.inject({
        method: 'POST',
        url: '/oauth2/token',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: `grant_type=client_credentials&client_id=log-cbpii&client_secret=${tpp.clientSecret}`,
      });
      const log = lines.join('');
      expect(lines.length).toBeGreaterThan(5); // trace level really logged the requests
      for (const secret of [
        'operator-secret-pw',
        'wrong-operator-pw',
        tpp.clientSecret,
        token,
        CUSTOMER_PASSWORD,
        'wrong-customer-pw',
        operator.authorization.slice('Basic '.length),
      ])
        expect(log.includes(secret), secret).toBe(false);
    } finally {
      await t.close();
    }
  });
});
