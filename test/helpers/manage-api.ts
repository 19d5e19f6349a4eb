// A test harness for the Consent Manage and validate APIs: a real app on a real database, a gateway
// operator, two TPP clients, request helpers, and a snapshot of every consent-related table so a test can
// prove that a refused request changed nothing.
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import type { Config } from '../../src/config.js';
import { KIND_INFO } from '../../src/domain/consent.js';
import { RESOURCE_KIND, type ConsentResource } from '../../src/http/ob/consent-resources.js';
import { givenClient, givenOperator } from './factories.js';
import { sampleBody } from './ob-samples.js';
import { snapshotTables } from './database-snapshot.js';
import { createTestContext, type TestContext } from './test-context.js';
import { givenCustomer, givenPartner } from './customers.js';

export const MANAGE = '/api/fs/consent/manage';
export const TPP = 'tpp-1';
export const OTHER_TPP = 'tpp-2';
/** Customers that exist in every harness (a PSU user id is a customer's username). */
export const PSU_USERNAMES = [
  'olivia',
  'paul',
  'eve',
  'mallory',
  'olivia@example.com',
  'paul@example.com',
  '[email protected]',
];

/** Tables a manage-API request may write. */
export const CONSENT_TABLES = [
  'consents',
  'consent_attributes',
  'authorisations',
  'consent_account_mappings',
  'consent_status_history',
  'consent_files',
  'idempotency_keys',
  'audit_events',
  'outbox',
  'clients',
] as const;

export interface SendOptions {
  headers?: Record<string, string | undefined>;
  payload?: unknown;
  /** x-wso2-client-id; null leaves the header out. */
  client?: string | null;
  internal?: boolean;
  idempotencyKey?: string;
  auth?: string | null;
}

export interface ManageHarness {
  t: TestContext;
  /** Basic authorization of the gateway operator (role consent-manager). */
  gateway: string;
  send(method: string, url: string, options?: SendOptions): Promise<LightMyRequestResponse>;
  /** Creates a consent through the API (sample body unless given) and returns its id and the response. */
  create(
    resource: ConsentResource,
    options?: { body?: unknown; client?: string; idempotencyKey?: string },
  ): Promise<{ consentId: string; response: LightMyRequestResponse }>;
  /** Every row of CONSENT_TABLES, serialised in a stable order. */
  snapshot(): Promise<string>;
  count(table: (typeof CONSENT_TABLES)[number]): Promise<number>;
  close(): Promise<void>;
}

export async function createManageHarness(overrides: Partial<Config> = {}): Promise<ManageHarness> {
  const t = await createTestContext(overrides);
  const gateway = (await givenOperator(t.ctx, 'gateway', ['consent-manager'])).authorization;
  await givenClient(t.ctx, TPP);
  await givenClient(t.ctx, OTHER_TPP);
  // A PSU user id is a customer's username: the users these suites bind must exist as customers.
  await givenPartner(t.ctx, 'psu-bank');
  for (const [index, username] of PSU_USERNAMES.entries()) {
    await givenCustomer(t.ctx, 'psu-bank', { username, email: `psu${index}@psu.example.com` });
  }

  const send: ManageHarness['send'] = (method, url, options = {}) => {
    const headers: Record<string, string> = {};
    const auth = options.auth === undefined ? gateway : options.auth;
    if (auth !== null) headers.authorization = auth;
    const client = options.client === undefined ? TPP : options.client;
    if (client !== null) headers['x-wso2-client-id'] = client;
    if (options.internal) headers['x-wso2-internal-request'] = 'true';
    if (options.idempotencyKey !== undefined) headers['x-idempotency-key'] = options.idempotencyKey;
    let payload: string | Buffer | undefined;
    if (options.payload !== undefined) {
      payload =
        typeof options.payload === 'string' || Buffer.isBuffer(options.payload)
          ? options.payload
          : JSON.stringify(options.payload);
      headers['content-type'] = 'application/json';
    }
    for (const [name, value] of Object.entries(options.headers ?? {})) {
      if (value === undefined) delete headers[name];
      else headers[name] = value;
    }
    return t.app.inject({
      method: method as 'GET',
      url: url.startsWith('/') ? url : `${MANAGE}/${url}`,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
  };

  const create: ManageHarness['create'] = async (resource, options = {}) => {
    const response = await send('POST', resource, {
      payload: options.body ?? sampleBody(resource),
      ...(options.client ? { client: options.client } : {}),
      ...(KIND_INFO[RESOURCE_KIND[resource]].idempotent
        ? { idempotencyKey: options.idempotencyKey ?? randomUUID().slice(0, 36) }
        : {}),
    });
    if (response.statusCode !== 201)
      throw new Error(`creating ${resource} answered ${response.statusCode}: ${response.body}`);
    return { consentId: response.json().Data.ConsentId as string, response };
  };

  const db = t.database.db as unknown as {
    selectFrom(table: string): {
      selectAll(): { execute(): Promise<Record<string, unknown>[]> };
    };
  };

  const snapshot = () => snapshotTables(t, CONSENT_TABLES);

  return {
    t,
    gateway,
    send,
    create,
    snapshot,
    count: async (table) => (await db.selectFrom(table).selectAll().execute()).length,
    close: () => t.close(),
  };
}
