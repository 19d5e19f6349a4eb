// OBP fixtures: a consumer (client with a Consumer-Key), a PSU with accounts, DirectLogin, OBP calls.
import type { AppContext } from '../../src/context.js';
import { createBankAccount } from '../../src/services/admin/create-bank-account.js';
import { grantEntitlement } from '../../src/services/obp/entitlements.js';
import { CUSTOMER_PASSWORD, givenCustomer, givenPartner } from './customers.js';
import { givenClient } from './factories.js';
import type { TestContext } from './test-context.js';

const ADMIN = { type: 'admin' as const, id: 'test-admin' };
let sequence = 0;

/** An OBP consumer: a client with its consumer id (= client id) and Consumer-Key. */
export async function givenConsumer(ctx: AppContext, clientId = `obp-consumer-${++sequence}`) {
  const { client } = await givenClient(ctx, clientId, ['AISP', 'PISP']);
  return { consumerId: client.clientId, consumerKey: client.consumerKey };
}

/** A PSU (customer of a fresh issuing partner) holding `accounts` core-bank accounts. */
export async function givenPsu(
  ctx: AppContext,
  accounts = 2,
  fields: { email?: string; phone?: string } = {},
) {
  sequence += 1;
  const partner = `obp-partner-${sequence}`;
  await givenPartner(ctx, partner);
  const { customer } = await givenCustomer(ctx, partner, fields);
  const accountIds: string[] = [];
  for (let i = 1; i <= accounts; i++) {
    const account = await createBankAccount(
      ctx,
      {
        customerId: customer.customerId,
        schemeName: 'UK.OBIE.SortCodeAccountNumber',
        identification: `${String(sequence).padStart(6, '0')}${String(i).padStart(8, '0')}`,
        name: `Account ${i}`,
        currency: 'GBP',
        balance: '100.00',
      },
      ADMIN,
      null,
    );
    accountIds.push(account.accountId);
  }
  return {
    customer,
    customerId: customer.customerId,
    username: customer.username,
    password: CUSTOMER_PASSWORD,
    accountIds,
  };
}

export async function givenRoles(
  ctx: AppContext,
  customerId: string,
  roles: { bankId: string; roleName: string }[],
) {
  for (const role of roles) await grantEntitlement(ctx, customerId, role, ADMIN, null);
}

export function directLoginHeader(username: string, password: string, consumerKey: string): string {
  return `username="${username}", password="${password}", consumer_key="${consumerKey}"`;
}

/** Logs the PSU in through DirectLogin and returns the token (fails the test when it cannot). */
export async function directLoginToken(
  t: TestContext,
  psu: { username: string; password: string },
  consumerKey: string,
): Promise<string> {
  const response = await t.app.inject({
    method: 'POST',
    url: '/obp/v5.1.0/my/logins/direct',
    headers: { directlogin: directLoginHeader(psu.username, psu.password, consumerKey) },
  });
  if (response.statusCode !== 201) throw new Error(`DirectLogin failed: ${response.body}`);
  return (response.json() as { token: string }).token;
}

export function obp(
  t: TestContext,
  method: 'GET' | 'POST' | 'PUT' | 'DELETE',
  url: string,
  options: { token?: string; headers?: Record<string, string>; body?: unknown } = {},
) {
  return t.app.inject({
    method,
    url,
    headers: {
      ...(options.token ? { authorization: `DirectLogin token="${options.token}"` } : {}),
      ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(options.body !== undefined
      ? { payload: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }
      : {}),
  });
}
