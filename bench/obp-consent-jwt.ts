// Scenario "obp-consent-jwt": GET /obp/v5.1.0/users/current authorised by a Consent-JWT (+ Consumer-Key)
// against a bare Fastify route answering the same JSON, both in this process on 127.0.0.1, driven by
// autocannon in turns (bare, app, bare, app, ...). Reports requests/s of each and the app/bare ratio.
// Run alone: npx tsx bench/obp-consent-jwt.ts [--seconds 5] [--rounds 3] [--connections 10] [--file /tmp/x.db]
// perf: to register it, call measureObpConsentJwt(...) and formatObpConsentJwt(...) from bench.ts/run.ts.
import autocannon from 'autocannon';
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { systemClock } from '../src/clock.js';
import { loadConfig } from '../src/config.js';
import { createContext } from '../src/context.js';
import { randomIds } from '../src/ids.js';
import { createLogger } from '../src/logger.js';
import { createBankAccount } from '../src/services/admin/create-bank-account.js';
import { createClient } from '../src/services/admin/create-client.js';
import { createCustomer } from '../src/services/customers/create-customer.js';
import { answerConsentChallenge } from '../src/services/obp/answer-consent-challenge.js';
import { createObpConsent } from '../src/services/obp/create-obp-consent.js';
import { openDatabase } from '../src/storage/database.js';
import { migrateToLatest } from '../src/storage/migrate.js';

export interface ObpConsentJwtOptions {
  seconds: number;
  rounds: number;
  connections: number;
  /** SQLite file (default: in memory). */
  file?: string;
}

export interface ObpConsentJwtResult {
  appRps: number;
  bareRps: number;
  ratio: number;
  appP99Ms: number;
  bareP99Ms: number;
  non2xx: number;
}

const SYSTEM = { type: 'system' as const, id: 'bench' };

async function run(url: string, headers: Record<string, string>, seconds: number, connections: number) {
  const result = await autocannon({ url, headers, duration: seconds, connections });
  return { rps: result.requests.average, p99: result.latency.p99, non2xx: result.non2xx };
}

export async function measureObpConsentJwt(options: ObpConsentJwtOptions): Promise<ObpConsentJwtResult> {
  const config = loadConfig({
    DATABASE_URL: options.file ? `sqlite:${options.file}` : ':memory:',
    DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    OTP_TRANSPORT: 'outbox',
    RATE_LIMIT_PER_SECOND: '100000',
    RATE_LIMIT_BURST: '100000',
  });
  const database = openDatabase(config.databaseUrl);
  await migrateToLatest(database);
  const ctx = createContext({
    config,
    database,
    clock: systemClock,
    ids: randomIds,
    logger: createLogger(config.logLevel),
  });
  const { client } = await createClient(
    ctx,
    { clientId: `bench-obp-${Date.now()}`, name: 'Bench OBP consumer', roles: ['AISP'] },
    SYSTEM,
    null,
  );
  const partner = await createClient(
    ctx,
    {
      clientId: `bench-partner-${Date.now()}`,
      name: 'Bench partner',
      roles: ['B2B_PARTNER'],
      shortName: `bp${Date.now()}`,
    },
    SYSTEM,
    null,
  );
  const customer = await createCustomer(
    ctx,
    {
      issuingPartner: partner.client.clientId,
      username: `bench-${Date.now()}@example.com`,
      password: 'bench-password-123',
      email: `bench-${Date.now()}@example.com`,
      phone: '5550000000',
      firstName: 'Bench',
      lastName: 'User',
      address1: '1 Main St',
      city: 'Springfield',
      state: 'IL',
      zip: '62701',
      country: 'USA',
    },
    SYSTEM,
    null,
  );
  const account = await createBankAccount(
    ctx,
    {
      customerId: customer.customer.customerId,
      schemeName: 'UK.OBIE.SortCodeAccountNumber',
      identification: `${Date.now()}`.slice(-14).padStart(14, '0'),
      name: 'Bench',
      currency: 'GBP',
      balance: '1.00',
    },
    SYSTEM,
    null,
  );
  const created = await createObpConsent(ctx, {
    customerId: customer.customer.customerId,
    callerConsumerId: client.clientId,
    scaMethod: 'IMPLICIT',
    apiVersion: 'v5.1.0',
    everything: false,
    views: [{ bank_id: config.obpBankId, account_id: account.accountId, view_id: 'owner' }],
    entitlements: [],
    receipt: {},
  });
  const [message] = await ctx.storage.repos.devOutbox.list({ to: customer.customer.email, limit: 1 });
  await answerConsentChallenge(ctx, {
    consentId: created.consent.consentId,
    customerId: customer.customer.customerId,
    answer: message!.code!,
  });

  const app = await buildApp(ctx);
  await app.listen({ host: '127.0.0.1', port: 0 });
  const headers = { 'consent-jwt': created.obp.jwt, 'consumer-key': client.consumerKey };
  const appUrl = `http://127.0.0.1:${(app.server.address() as { port: number }).port}/obp/v5.1.0/users/current`;
  const sample = await app.inject({ url: '/obp/v5.1.0/users/current', headers });
  if (sample.statusCode !== 200) throw new Error(`the consent call failed: ${sample.body}`);
  const body = sample.json() as unknown;
  const bare = Fastify({ logger: false });
  bare.get('/bare/users/current', async () => body);
  await bare.listen({ host: '127.0.0.1', port: 0 });
  const bareUrl = `http://127.0.0.1:${(bare.server.address() as { port: number }).port}/bare/users/current`;

  const apps: Awaited<ReturnType<typeof run>>[] = [];
  const bares: Awaited<ReturnType<typeof run>>[] = [];
  try {
    for (let round = 0; round < options.rounds; round++) {
      bares.push(await run(bareUrl, headers, options.seconds, options.connections));
      apps.push(await run(appUrl, headers, options.seconds, options.connections));
    }
  } finally {
    await bare.close();
    await app.close();
    await database.close();
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const appRps = median(apps.map((r) => r.rps));
  const bareRps = median(bares.map((r) => r.rps));
  return {
    appRps,
    bareRps,
    ratio: appRps / bareRps,
    appP99Ms: median(apps.map((r) => r.p99)),
    bareP99Ms: median(bares.map((r) => r.p99)),
    non2xx: apps.reduce((sum, r) => sum + r.non2xx, 0),
  };
}

export function formatObpConsentJwt(result: ObpConsentJwtResult): string {
  return [
    'obp-consent-jwt: GET /obp/v5.1.0/users/current with Consent-JWT + Consumer-Key vs a bare route',
    `  app  ${result.appRps.toFixed(0)} req/s, p99 ${result.appP99Ms} ms (non-2xx ${result.non2xx})`,
    `  bare ${result.bareRps.toFixed(0)} req/s, p99 ${result.bareP99Ms} ms`,
    `  ratio app/bare ${result.ratio.toFixed(2)}`,
  ].join('\n');
}

function flag(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 ? Number(process.argv[index + 1]) : fallback;
}

if (process.argv[1]?.endsWith('obp-consent-jwt.ts')) {
  const fileIndex = process.argv.indexOf('--file');
  measureObpConsentJwt({
    seconds: flag('seconds', 5),
    rounds: flag('rounds', 3),
    connections: flag('connections', 10),
    ...(fileIndex > 0 ? { file: process.argv[fileIndex + 1]! } : {}),
  })
    .then((result) => console.log(formatObpConsentJwt(result)))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
