import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import Fastify from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../domain/errors.js';
import { createTestContext, type TestContext } from '../../../test/helpers/test-context.js';
import { validatorCompiler } from '../kit/strict-ajv.js';
import { installObpErrorHandling } from './errors.js';
import { OBP_MESSAGES } from './obp-messages.js';
import { obpRoute, versionsFrom } from './versions.js';

let t: TestContext;

beforeAll(async () => {
  t = await createTestContext();
});
afterAll(() => t.close());

// Every "OBP-xxxxx: text" line of seed 003's "Posibles Errores" lists, verbatim.
const SEED_003_MESSAGES = [
  'OBP-00010: Missing props value at this API instance -',
  'OBP-10001: Incorrect json format.',
  'OBP-20001: User not logged in. Authentication is required!',
  'OBP-20006: User is missing one or more roles:',
  'OBP-20057: User not found by userId.',
  'OBP-20058: Consumer is disabled.',
  'OBP-20300: PEM Encoded Certificate issue.',
  'OBP-20306: PEM Encoded Certificate cannot be found at request header.',
  'OBP-30001: Bank not found. Please specify a valid value for BANK_ID.',
  'OBP-30019: Consumer not found. Please specify a valid value for CONSUMER_ID.',
  'OBP-35001: Consent not found by CONSENT_ID.',
  'OBP-35009: Only SMS, EMAIL and IMPLICIT are supported as SCA methods.',
  'OBP-35010: SMS server is not working or SMS server can not send the message to the phone number:',
  'OBP-35013: Consents can only contain Roles that you already have access to.',
  'OBP-35014: Consents can only contain Views that you already have access to.',
  'OBP-35020: You exceeded max value of time to live of consents.',
  "OBP-35024: The Consent's User is already added.",
  'OBP-35029: The CONSENT_REQUEST_ID is invalid.',
  'OBP-50000: Unknown Error.',
  'OBP-50200: Connector cannot return the data we requested.',
];

describe('OBP messages', () => {
  it('carry the seed text of every code the seed lists', () => {
    for (const line of SEED_003_MESSAGES) {
      const [code, ...rest] = line.split(': ');
      expect(`${code}: ${OBP_MESSAGES[code as keyof typeof OBP_MESSAGES]}`).toBe(
        `${code}: ${rest.join(': ')}`,
      );
    }
  });
});

describe('version prefixes', () => {
  it('serve an endpoint from its version on', () => {
    expect(versionsFrom('3.1.0')).toEqual(['/v3.1.0', '/v4.0.0', '/v5.0.0', '/v5.1.0']);
    expect(versionsFrom('5.0.0')).toEqual(['/v5.0.0', '/v5.1.0']);
    expect(versionsFrom('5.1.0')).toEqual(['/v5.1.0']);
  });

  it('answer the bank under every version and 404 OBP-10404 under none other', async () => {
    for (const version of ['v3.1.0', 'v4.0.0', 'v5.0.0', 'v5.1.0']) {
      const response = await t.app.inject({ method: 'GET', url: `/obp/${version}/banks/gh.29.uk` });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        id: 'gh.29.uk',
        short_name: 'gh.29.uk',
        full_name: 'gh.29.uk',
        logo: '',
        website: '',
        bank_routings: [{ scheme: 'OBP', address: 'gh.29.uk' }],
      });
    }
    const old = await t.app.inject({ method: 'GET', url: '/obp/v3.0.0/banks/gh.29.uk' });
    expect(old.statusCode).toBe(404);
    expect(old.json()).toEqual({ code: 404, message: `OBP-10404: ${OBP_MESSAGES['OBP-10404']}` });
  });
});

describe('bank check', () => {
  it('answers another BANK_ID with 404 OBP-30001', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/obp/v5.1.0/banks/other.bank' });
    expect(response.statusCode).toBe(404);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.json()).toEqual({
      code: 404,
      message: 'OBP-30001: Bank not found. Please specify a valid value for BANK_ID.',
    });
  });

  it('follows OBP_BANK_ID', async () => {
    const other = await createTestContext({}, { OBP_BANK_ID: 'my.bank.1' });
    try {
      expect((await other.app.inject({ method: 'GET', url: '/obp/v5.1.0/banks/my.bank.1' })).statusCode).toBe(
        200,
      );
      const refused = await other.app.inject({ method: 'GET', url: '/obp/v5.1.0/banks/gh.29.uk' });
      expect(refused.json().message).toMatch(/^OBP-30001: /);
    } finally {
      await other.close();
    }
  });
});

describe('OBP error bodies', () => {
  async function errorApp() {
    const app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    await app.register(
      async (scope) => {
        installObpErrorHandling(scope);
        obpRoute(scope.withTypeProvider<TypeBoxTypeProvider>(), '5.1.0', {
          method: 'POST',
          url: '/things/:kind',
          schema: {
            params: Type.Object({ kind: Type.String() }),
            body: Type.Object({ answer: Type.String() }, { additionalProperties: false }),
          },
          handler: async (request) => {
            const { kind } = request.params;
            if (kind === 'roles') throw new DomainError('entitlement.missing', 'CanGetCustomer');
            if (kind === 'login') throw new DomainError('auth.invalid', 'no such user bob');
            if (kind === 'boom') throw new Error('database password is hunter2');
            return { ok: true };
          },
        });
      },
      { prefix: '/obp' },
    );
    return app;
  }

  async function post(app: Awaited<ReturnType<typeof errorApp>>, kind: string, payload: string) {
    return app.inject({
      method: 'POST',
      url: `/obp/v5.1.0/things/${kind}`,
      headers: { 'content-type': 'application/json' },
      payload,
    });
  }

  it('answers malformed JSON with 400 OBP-10001', async () => {
    const app = await errorApp();
    const response = await post(app, 'x', '{"answer": ');
    expect(response.statusCode).toBe(400);
    expect(response.json()).toEqual({
      code: 400,
      message: 'OBP-10001: Incorrect json format. The request body is not valid JSON',
    });
    const empty = await post(app, 'x', '');
    expect(empty.json().message).toMatch(/^OBP-10001: Incorrect json format\./);
  });

  it('answers a body that breaks the schema with OBP-10001 naming the field', async () => {
    const app = await errorApp();
    const response = await post(app, 'x', '{"answer": 5}');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/^OBP-10001: Incorrect json format\. .*answer/);
  });

  it('appends a detail (missing roles) but never one of a credential failure or a server error', async () => {
    const app = await errorApp();
    const roles = await post(app, 'roles', '{"answer":"1"}');
    expect(roles.statusCode).toBe(403);
    expect(roles.json()).toEqual({
      code: 403,
      message: 'OBP-20006: User is missing one or more roles: CanGetCustomer',
    });
    const login = await post(app, 'login', '{"answer":"1"}');
    expect(login.json()).toEqual({
      code: 401,
      message: 'OBP-20004: Invalid login credentials. Check username/password.',
    });
    const boom = await post(app, 'boom', '{"answer":"1"}');
    expect(boom.statusCode).toBe(500);
    expect(boom.json()).toEqual({ code: 500, message: 'OBP-50000: Unknown Error.' });
  });
});
