// Customer and issuing-partner fixtures for the customer, B2B and admin tests.
import type { AppContext } from '../../src/context.js';
import { createCustomer, type NewCustomer } from '../../src/services/customers/create-customer.js';
import { basic, givenClient } from './factories.js';
import type { TestContext } from './test-context.js';

const ADMIN = { type: 'admin' as const, id: 'test-admin' };
let sequence = 0;

/** A B2B_PARTNER client with a short name, and its Basic header. */
export async function givenPartner(ctx: AppContext, clientId: string, shortName = clientId) {
  const clientSecret = `${clientId}-secret`;
  await givenClient(ctx, clientId, ['B2B_PARTNER'], { shortName, clientSecret });
  return { clientId, clientSecret, authorization: basic(clientId, clientSecret) };
}

export const CUSTOMER_PASSWORD = 'customer-password-1';

/** A customer of the partner with unique username/e-mail unless given. */
export async function givenCustomer(
  ctx: AppContext,
  issuingPartner: string,
  fields: Partial<NewCustomer> = {},
) {
  sequence += 1;
  return createCustomer(
    ctx,
    {
      issuingPartner,
      username: `user${sequence}@example.com`,
      password: CUSTOMER_PASSWORD,
      email: `user${sequence}@example.com`,
      phone: '5551230000',
      firstName: 'Test',
      lastName: `Customer${sequence}`,
      address1: '1 Main St',
      city: 'Springfield',
      state: 'IL',
      zip: '62701',
      country: 'USA',
      ...fields,
    },
    ADMIN,
    null,
  );
}

/** Every customer-related row, to prove a refused request changed nothing. */
export async function customerTables(t: TestContext) {
  const db = t.database.db;
  return {
    customers: await db.selectFrom('customers').selectAll().orderBy('customer_id').execute(),
    devices: await db.selectFrom('customer_devices').selectAll().orderBy('device_id').execute(),
    partners: await db.selectFrom('issuing_partners').selectAll().orderBy('client_id').execute(),
  };
}

export async function auditRows(t: TestContext, action?: string) {
  let query = t.database.db.selectFrom('audit_events').selectAll();
  if (action !== undefined) query = query.where('action', '=', action);
  const rows = await query.orderBy('at').orderBy('event_id').execute();
  return rows.map((r) => ({ ...r, details: JSON.parse(r.details) as Record<string, unknown> }));
}

export const EMPTY_HEADER = { partnerId: '', messageId: '', versionId: '', environmentId: '' };

export function b2b(t: TestContext, path: string, body: unknown, authorization?: string, headers = {}) {
  return t.app.inject({
    method: 'POST',
    url: `/b2b-gateway/customers/${path}`,
    headers: {
      ...(authorization ? { authorization } : {}),
      'content-type': 'application/json',
      ...headers,
    },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

export function lookupBody(criteria: Record<string, unknown>, messageHeader: object = EMPTY_HEADER) {
  return { retrieveCustomerLookUpInfoRequest: { messageHeader, ...criteria } };
}

export function activationBody(
  uris: { customerUri: string; issuingPartnerUri: string; partnerUri: string },
  activate: 'true' | 'false',
) {
  return { updateCustomerActivationRequest: { messageHeader: EMPTY_HEADER, ...uris, activate } };
}
