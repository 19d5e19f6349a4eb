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
export async function givenConsumer(
  ctx: AppContext,
  clientId = `obp-consumer-${++sequence}`,
  roles: ('AISP' | 'PISP')[] = ['AISP', 'PISP'],
) {
  const { client, clientSecret } = await givenClient(ctx, clientId, roles);
  return { consumerId: client.clientId, consumerKey: client.consumerKey, clientSecret };
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

/** A real SMTP server on 127.0.0.1 collecting what it receives (recipients ending @refused.example fail). */
export async function startSmtpServer() {
  const { SMTPServer } = await import('smtp-server');
  const mails: { from: string; to: string[]; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address.endsWith('@refused.example')) callback(new Error('550 mailbox unavailable'));
      else callback();
    },
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (chunk: Buffer) => (raw += chunk.toString('utf8')));
      stream.on('end', () => {
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as { port: number }).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    mails,
    /** The 6-digit code of the newest mail to `to`. */
    codeFor(to: string): string {
      const mail = [...mails].reverse().find((m) => m.to.includes(to));
      const code = mail && /\bis (\d{6})\b/.exec(mail.raw.replace(/=\r?\n/g, ''))?.[1];
      if (!code) throw new Error(`no code mailed to ${to}`);
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A local HTTP server standing in for the SMS gateway; `status` is what it answers. */
export async function startSmsGateway() {
  const { createServer } = await import('node:http');
  const messages: { authorization: string | undefined; body: { to: string; text: string } }[] = [];
  const state = { status: 200 };
  const server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
    request.on('end', () => {
      if (state.status < 300)
        messages.push({ authorization: request.headers.authorization, body: JSON.parse(body) });
      response.writeHead(state.status, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/messages`,
    messages,
    state,
    codeFor(to: string): string {
      const message = [...messages].reverse().find((m) => m.body.to === to);
      const code = message && /\bis (\d{6})\b/.exec(message.body.text)?.[1];
      if (!code) throw new Error(`no code texted to ${to}`);
      return code;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** The code of the newest dev-outbox message to `to` (OTP_TRANSPORT=outbox). */
export async function outboxCode(ctx: AppContext, to: string): Promise<string> {
  const [message] = await ctx.storage.repos.devOutbox.list({ to, limit: 1 });
  if (!message?.code) throw new Error(`no outbox message to ${to}`);
  return message.code;
}

/** A PSU logged in through a consumer, ready to create consents. */
export async function givenLoggedInPsu(
  t: TestContext,
  options: { accounts?: number; email?: string; phone?: string } = {},
) {
  const consumer = await givenConsumer(t.ctx);
  const psu = await givenPsu(t.ctx, options.accounts ?? 2, {
    ...(options.email ? { email: options.email } : {}),
    ...(options.phone ? { phone: options.phone } : {}),
  });
  const token = await directLoginToken(t, psu, consumer.consumerKey);
  return { consumer, psu, token };
}

/** The views body part for the PSU's accounts. */
export function ownerViews(bankId: string, accountIds: string[]) {
  return accountIds.map((account_id) => ({ bank_id: bankId, account_id, view_id: 'owner' }));
}

/** Every row of the OBP consent tables and the consent tables, to prove a refused request wrote nothing. */
export async function obpConsentTables(t: TestContext) {
  const db = t.database.db;
  const [consents, obpConsents, challenges, requests, history, outbox] = await Promise.all([
    db.selectFrom('consents').selectAll().where('kind', '=', 'obp').execute(),
    db.selectFrom('obp_consents').selectAll().execute(),
    db.selectFrom('obp_sca_challenges').selectAll().execute(),
    db.selectFrom('obp_consent_requests').selectAll().execute(),
    db.selectFrom('consent_status_history').selectAll().execute(),
    db.selectFrom('outbox').selectAll().execute(),
  ]);
  return { consents, obpConsents, challenges, requests, history, outbox };
}

/**
 * An ACCEPTED consent on the PSU's first account (OTP_TRANSPORT=outbox): created IMPLICIT, answered with
 * the code from the dev outbox.
 */
export async function givenAcceptedConsent(
  t: TestContext,
  who: Awaited<ReturnType<typeof givenLoggedInPsu>>,
  body: Record<string, unknown> = {},
) {
  const bankId = t.ctx.config.obpBankId;
  const created = await obp(t, 'POST', `/obp/v5.1.0/banks/${bankId}/my/consents/IMPLICIT`, {
    token: who.token,
    body: {
      everything: false,
      views: ownerViews(bankId, [who.psu.accountIds[0]!]),
      entitlements: [],
      ...body,
    },
  });
  if (created.statusCode !== 201) throw new Error(`create consent failed: ${created.body}`);
  const { consent_id: consentId, jwt } = created.json() as { consent_id: string; jwt: string };
  const code = await outboxCode(t.ctx, who.psu.customer.email);
  const answered = await obp(t, 'POST', `/obp/v5.1.0/banks/${bankId}/consents/${consentId}/challenge`, {
    token: who.token,
    body: { answer: code },
  });
  if (answered.json().status !== 'ACCEPTED') throw new Error(`answer failed: ${answered.body}`);
  return { consentId, jwt };
}
