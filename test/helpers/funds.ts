// Fixtures for the funds-confirmation, OAuth2 and core-bank tests: PSUs (customers), their accounts,
// access tokens, and a snapshot of every row a refused request must leave alone.
import type { AppContext } from '../../src/context.js';
import type { BankAccount } from '../../src/domain/bank-account.js';
import type { ClientRole } from '../../src/domain/client.js';
import { createBankAccount } from '../../src/services/admin/create-bank-account.js';
import { basic, givenClient } from './factories.js';
import type { TestContext } from './test-context.js';

const SYSTEM = { type: 'system' as const, id: 'test' };
export const FINANCIAL_ID = '0015800001041RHAAY';
export const COF = '/api/consent-mgt/cof/v3.0';
let sequence = 0;

/** A customer (PSU) with this username, under a B2B partner client created on first use. */
export async function givenPsu(ctx: AppContext, username: string) {
  const partner = 'psu-partner';
  if (!(await ctx.storage.repos.clients.findById(partner)))
    await givenClient(ctx, partner, ['B2B_PARTNER'], { shortName: 'psupartner' });
  sequence += 1;
  const now = ctx.clock.now();
  const customerId = `cust-${sequence}-${Math.random().toString(36).slice(2, 8)}`;
  await ctx.storage.repos.customers.insert({
    customerId,
    customerUuid: crypto.randomUUID(),
    partnerClientId: partner,
    username,
    email: username.includes('@') ? username : `${username}@example.com`,
    emailPending: null,
    emailVerified: true,
    emailVerifiedAt: null,
    firstName: 'Test',
    lastName: `Psu${sequence}`,
    address1: '1 Main St',
    address2: '',
    city: 'Springfield',
    state: 'IL',
    zip: '62701',
    country: 'USA',
    phone: '5551230000',
    active: true,
    locked: false,
    failedLogins: 0,
    passwordHash: 'scrypt$unused',
    additionalInfo: [],
    createdAt: now,
    updatedAt: now,
    passwordChangedAt: null,
    passcodeChangedAt: null,
    securityQuestionsChangedAt: null,
    lastLoginAt: null,
  });
  return { customerId, username };
}

export async function givenAccount(
  ctx: AppContext,
  customerId: string,
  fields: Partial<Omit<BankAccount, 'customerId' | 'createdAt' | 'updatedAt'>> = {},
): Promise<BankAccount> {
  sequence += 1;
  return createBankAccount(
    ctx,
    {
      accountId: fields.accountId ?? `acc-${sequence}`,
      customerId,
      schemeName: fields.schemeName ?? 'UK.OBIE.SortCodeAccountNumber',
      identification: fields.identification ?? `4040040000${String(sequence).padStart(4, '0')}`,
      name: fields.name ?? 'Test Account',
      ...(fields.secondaryIdentification ? { secondaryIdentification: fields.secondaryIdentification } : {}),
      currency: fields.currency ?? 'GBP',
      balance: fields.balance ?? '100.00',
    },
    SYSTEM,
    null,
  );
}

/** A TPP client with these roles and a known secret. */
export async function givenTpp(t: TestContext, clientId: string, roles: ClientRole[] = ['CBPII']) {
  const clientSecret = `${clientId}-secret`;
  await givenClient(t.ctx, clientId, roles, { clientSecret });
  return { clientId, clientSecret, basic: basic(clientId, clientSecret) };
}

/** A token from the real endpoint (client_secret_basic). */
/** A client-credentials token; `remoteAddress` sets the caller's IP (the token endpoint's rate-limit key). */
export async function tokenFor(
  t: TestContext,
  clientId: string,
  scope = 'fundsconfirmations',
  remoteAddress?: string,
) {
  const response = await t.app.inject({
    method: 'POST',
    url: '/oauth2/token',
    ...(remoteAddress ? { remoteAddress } : {}),
    headers: {
      authorization: basic(clientId, `${clientId}-secret`),
      'content-type': 'application/x-www-form-urlencoded',
    },
    payload: `grant_type=client_credentials&scope=${scope}`,
  });
  if (response.statusCode !== 200) throw new Error(`token request failed: ${response.body}`);
  return (response.json() as { access_token: string }).access_token;
}

/** Every row the funds-confirmation API may write, to prove a refused request changed nothing. */
export async function fundsTables(t: TestContext) {
  const db = t.database.db;
  return {
    consents: await db.selectFrom('consents').selectAll().orderBy('consent_id').execute(),
    history: await db.selectFrom('consent_status_history').selectAll().orderBy('history_id').execute(),
    authorisations: await db.selectFrom('authorisations').selectAll().orderBy('authorisation_id').execute(),
    mappings: await db.selectFrom('consent_account_mappings').selectAll().orderBy('mapping_id').execute(),
    attributes: await db
      .selectFrom('consent_attributes')
      .selectAll()
      .orderBy('consent_id')
      .orderBy('attr_key')
      .execute(),
    confirmations: await db
      .selectFrom('funds_confirmations')
      .selectAll()
      .orderBy('funds_confirmation_id')
      .execute(),
    tokens: await db.selectFrom('oauth_tokens').selectAll().orderBy('token_hash').execute(),
  };
}
