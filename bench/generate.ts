// Generates a realistic consent data set straight through the repositories (multi-row inserts inside
// transactions): several TPP clients, every consent family and status, an authorisation per consent and
// account mappings for the ones a PSU authorised. Then, for the funds check, CBPII clients, customers with
// a bank account each and Authorised funds-confirmation consents bound to them the way
// bindFundsConsentUser binds them. Returns samples the load generator picks requests from.
import { randomUUID } from 'node:crypto';
import type { AppContext } from '../src/context.js';
import type { BankAccount } from '../src/domain/bank-account.js';
import { KIND_INFO, type Authorisation, type Consent } from '../src/domain/consent.js';
import { RESOURCE_KIND, type ConsentResource } from '../src/http/ob/consent-resources.js';
import { formatDateTime } from '../src/domain/date-time.js';
import { authorisationStatusFor } from '../src/domain/consent-lifecycle.js';
import { CONSENT_GIVEN_ATTRIBUTE, FUNDS_PERMISSION } from '../src/domain/funds-confirmation.js';
import type { CustomerRecord } from '../src/storage/repositories/customer-repository.js';
import { createClient } from '../src/services/admin/create-client.js';
import { createOperator } from '../src/services/admin/create-operator.js';
import { hashSecret } from '../src/services/credentials/secrets.js';
import { generateObpConsents, type ObpTarget } from './generate-obp.js';

const DAY = 86_400_000;
const SYSTEM = { type: 'system' as const, id: 'bench' };
/** Consents built in memory and written per insertMany call, and batches per transaction. */
const BATCH = 5_000;
const BATCHES_PER_TRANSACTION = 20;

export interface ValidateTarget {
  consentId: string;
  clientId: string;
  userId?: string;
  accountId?: string;
  permission?: string;
}

export interface RetrieveTarget {
  consentId: string;
  clientId: string;
}

/** An Authorised, unexpired funds-confirmation consent bound to a PSU and their GBP account. */
export interface FundsTarget {
  consentId: string;
  clientId: string;
}

export interface GeneratedSet {
  consents: number;
  authorisations: number;
  mappings: number;
  seconds: number;
  operator: { username: string; password: string };
  clientIds: string[];
  /** Every generated consent as a validate target, and every account-access consent as a retrieve target. */
  targets: ConsentTargets;
  statusCounts: Record<string, number>;
  /** CBPII clients (role CBPII only) and their secrets, for client-credentials tokens. */
  cbpiis: { clientId: string; clientSecret: string }[];
  /** Customers and bank accounts (one each) behind the funds-confirmation consents. */
  customers: number;
  /** Every bound funds-confirmation consent, in addition to `consents`. */
  fundsTargets: FundsTarget[];
  /** ACCEPTED OBP consents with their Consent-JWTs, in addition to `consents`. */
  obpTargets: ObpTarget[];
}

const HAS_MAPPING = 1;
const ACCOUNTS_FAMILY = 2;

/**
 * Every generated consent, compactly (22 bytes each: 10,000,000 consents fit in ~250 MB of the load
 * generator), so requests can be drawn from the whole data set, not from a sample the cache could hold.
 * What a target needs beyond its id, client and user follows from its index `n` (the account number and
 * the permission of its first mapping), as `generateConsents` derived them.
 */
export class ConsentTargets {
  private readonly ids: Buffer;
  private readonly clients: Uint8Array;
  private readonly users: Int32Array;
  private readonly flags: Uint8Array;
  private readonly retrieveIndex: Uint32Array;
  private retrieveCount = 0;

  constructor(
    readonly size: number,
    private readonly clientIds: readonly string[],
  ) {
    this.ids = Buffer.alloc(size * 16);
    this.clients = new Uint8Array(size);
    this.users = new Int32Array(size).fill(-1);
    this.flags = new Uint8Array(size);
    this.retrieveIndex = new Uint32Array(size);
  }

  /** Account-access consents (the retrieve targets). */
  get retrievable(): number {
    return this.retrieveCount;
  }

  record(
    n: number,
    consentId: string,
    clientIndex: number,
    user: number,
    accounts: boolean,
    mapped: boolean,
    retrievable: boolean,
  ): void {
    this.ids.write(consentId.replaceAll('-', ''), n * 16, 16, 'hex');
    this.clients[n] = clientIndex;
    this.users[n] = user;
    this.flags[n] = (mapped ? HAS_MAPPING : 0) | (accounts ? ACCOUNTS_FAMILY : 0);
    if (retrievable) this.retrieveIndex[this.retrieveCount++] = n;
  }

  consentId(n: number): string {
    const hex = this.ids.toString('hex', n * 16, n * 16 + 16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
  }

  /** Consent `n` as the gateway validates it: its client, user, first mapped account and permission. */
  validate(n: number): ValidateTarget {
    const user = this.users[n]!;
    const flags = this.flags[n]!;
    const target: ValidateTarget = {
      consentId: this.consentId(n),
      clientId: this.clientIds[this.clients[n]!]!,
    };
    if (user >= 0) target.userId = `psu-${user}`;
    if (flags & HAS_MAPPING) {
      target.accountId = accountNumber(n * 2);
      target.permission = flags & ACCOUNTS_FAMILY ? PERMISSION_SETS[n % PERMISSION_SETS.length]![0]! : 'n/a';
    }
    return target;
  }

  /** The `k`th account-access consent (0 <= k < retrievable) and its owning client. */
  retrieve(k: number): RetrieveTarget {
    const n = this.retrieveIndex[k]!;
    return { consentId: this.consentId(n), clientId: this.clientIds[this.clients[n]!]! };
  }
}

/** Weighted choice over a fixed table; `r` in [0, 1). */
function pick<T>(table: readonly (readonly [T, number])[], r: number): T {
  let total = 0;
  for (const [, weight] of table) total += weight;
  let x = r * total;
  for (const [value, weight] of table) {
    if (x < weight) return value;
    x -= weight;
  }
  return table[table.length - 1]![0];
}

const RESOURCES: readonly (readonly [ConsentResource, number])[] = [
  ['account-access-consents', 55],
  ['domestic-payment-consents', 12],
  ['domestic-scheduled-payment-consents', 3],
  ['domestic-standing-order-consents', 3],
  ['international-payment-consents', 3],
  ['file-payment-consents', 2],
  ['funds-confirmation-consents', 10],
  ['domestic-vrp-consents', 12],
];

const REVOCABLE_STATUSES = [
  ['Authorised', 55],
  ['AwaitingAuthorisation', 15],
  ['Rejected', 8],
  ['Revoked', 10],
  ['Expired', 12],
] as const;
const PAYMENT_STATUSES = [
  ['Consumed', 40],
  ['Authorised', 20],
  ['AwaitingAuthorisation', 20],
  ['Rejected', 10],
  ['Expired', 10],
] as const;
const FILE_PAYMENT_STATUSES = [
  ['AwaitingUpload', 60],
  ['Rejected', 20],
  ['Expired', 20],
] as const;

const PERMISSION_SETS = [
  ['ReadAccountsBasic', 'ReadAccountsDetail', 'ReadBalances'],
  [
    'ReadAccountsDetail',
    'ReadBalances',
    'ReadTransactionsDetail',
    'ReadTransactionsCredits',
    'ReadTransactionsDebits',
  ],
  ['ReadAccountsBasic', 'ReadBalances', 'ReadBeneficiariesDetail', 'ReadStandingOrdersDetail'],
];

const OFFSETS = ['Z', 330, 60, -300] as const;

function iso(at: number, offset: (typeof OFFSETS)[number]): string {
  return formatDateTime(at, offset);
}

function accountNumber(n: number): string {
  return `6011${String(n % 100_000_000).padStart(10, '0')}`;
}

/** The stored request (receipt) of a consent, shaped like the UK OB v3.1 request of its resource. */
function receiptOf(
  resource: ConsentResource,
  n: number,
  createdAt: number,
  expiresAt: number | null,
): string {
  const offset = OFFSETS[n % OFFSETS.length]!;
  const creditor = {
    SchemeName: 'UK.OBIE.SortCodeAccountNumber',
    Identification: `0808002${String(n % 10_000_000).padStart(7, '0')}`,
    Name: `Merchant ${n % 997}`,
  };
  const amount = { Amount: `${(n % 5000) + 1}.${String(n % 100).padStart(2, '0')}`, Currency: 'GBP' };
  switch (KIND_INFO[RESOURCE_KIND[resource]].family) {
    case 'accounts':
      return JSON.stringify({
        Data: {
          Permissions: PERMISSION_SETS[n % PERMISSION_SETS.length],
          ExpirationDateTime: iso(expiresAt ?? createdAt + 90 * DAY, offset),
          TransactionFromDateTime: iso(createdAt - 365 * DAY, offset),
          TransactionToDateTime: iso(createdAt + 30 * DAY, offset),
        },
        Risk: {},
      });
    case 'funds-confirmation':
      return JSON.stringify({
        Data: {
          ExpirationDateTime: iso(expiresAt ?? createdAt + 90 * DAY, offset),
          DebtorAccount: {
            SchemeName: 'UK.OBIE.SortCodeAccountNumber',
            Identification: accountNumber(n),
            Name: `Customer ${n % 100_000}`,
          },
        },
      });
    case 'vrp':
      return JSON.stringify({
        Data: {
          ReadRefundAccount: 'Yes',
          ControlParameters: {
            PSUAuthenticationMethods: ['UK.OBIE.SCANotRequired'],
            VRPType: ['UK.OBIE.VRPType.Sweeping'],
            ValidFromDateTime: iso(createdAt, offset),
            ValidToDateTime: iso(expiresAt ?? createdAt + 365 * DAY, offset),
            MaximumIndividualAmount: amount,
            PeriodicLimits: [{ ...amount, PeriodAlignment: 'Consent', PeriodType: 'Month' }],
          },
          Initiation: { CreditorAccount: creditor },
        },
        Risk: { PaymentContextCode: 'PartyToParty' },
      });
    case 'file-payments':
      return JSON.stringify({
        Data: {
          Initiation: {
            FileType: 'UK.OBIE.PaymentInitiation.3.1',
            FileHash: 'm5ah/h1UjLvJYMxqAoZmj9dKdjZnsGNm+yMkJp/KuqQ=',
            NumberOfTransactions: String((n % 50) + 1),
            ControlSum: (n % 10_000) + 0.5,
          },
        },
      });
    case 'payments':
      return JSON.stringify({
        Data: {
          ReadRefundAccount: 'No',
          Initiation: {
            InstructionIdentification: `INSTR-${n}`,
            EndToEndIdentification: `E2E-${n}`,
            InstructedAmount: amount,
            CreditorAccount: creditor,
            RemittanceInformation: { Reference: `REF-${n % 100_000}`, Unstructured: 'Invoice payment' },
          },
        },
        Risk: { PaymentContextCode: 'EcommerceGoods', MerchantCategoryCode: '5967' },
      });
    case 'obp':
      throw new Error('the benchmark generates OBIE consents only');
  }
}

function statusTable(resource: ConsentResource) {
  const family = KIND_INFO[RESOURCE_KIND[resource]].family;
  if (family === 'file-payments') return FILE_PAYMENT_STATUSES;
  if (family === 'payments') return PAYMENT_STATUSES;
  return REVOCABLE_STATUSES;
}

/** Statuses a PSU reached by authorising: these carry a user, an authorisation and account mappings. */
const AUTHORISED_ONCE = new Set(['Authorised', 'Revoked', 'Expired', 'Consumed']);

export interface GenerateOptions {
  consents: number;
  clients?: number;
  now?: number;
  /** Authorised funds-confirmation consents bound to a customer's account (default consents / 20, at most 5,000). */
  fundsConsents?: number;
  /**
   * ACCEPTED OBP consents (default consents / 20, at most 100; each is made through the OBP services, so
   * the generating context needs OBP_GENERATION_ENV in its config).
   */
  obpConsents?: number;
  onProgress?: (done: number) => void;
}

/** A consent-manager operator, a few TPP clients, then `consents` consents with realistic shape. */
export async function generateConsents(ctx: AppContext, options: GenerateOptions): Promise<GeneratedSet> {
  const started = performance.now();
  const now = options.now ?? Date.now();
  const clientCount = options.clients ?? 5;
  const operator = { username: 'bench-gateway', password: randomUUID() };
  await createOperator(ctx, { ...operator, roles: ['consent-manager'] }, SYSTEM, null);
  const clientIds: string[] = [];
  for (let i = 1; i <= clientCount; i++) {
    const clientId = `bench-tpp-${i}`;
    await createClient(
      ctx,
      { clientId, name: `Bench TPP ${i}`, roles: ['AISP', 'PISP', 'CBPII'] },
      SYSTEM,
      null,
    );
    clientIds.push(clientId);
  }

  const targets = new ConsentTargets(options.consents, clientIds);
  const statusCounts: Record<string, number> = {};
  let authorisationCount = 0;
  let mappingCount = 0;

  const batch = (start: number) => {
    const size = Math.min(BATCH, options.consents - start);
    const consents: Consent[] = [];
    const authorisations: Authorisation[] = [];
    for (let k = 0; k < size; k++) {
      const n = start + k;
      const resource = pick(RESOURCES, Math.random());
      const info = KIND_INFO[RESOURCE_KIND[resource]];
      const status = pick(statusTable(resource), Math.random());
      // Skewed: the first client holds most consents, as a big TPP would.
      const clientIndex = Math.min(clientCount - 1, Math.floor(clientCount * Math.random() ** 1.5));
      const clientId = clientIds[clientIndex]!;
      const createdAt = now - Math.floor(Math.random() * 365 * DAY);
      const hasExpiry = info.family !== 'payments' && info.family !== 'file-payments';
      let expiresAt: number | null = null;
      if (status === 'Expired') expiresAt = createdAt + Math.floor(Math.random() * (now - createdAt));
      else if (hasExpiry) expiresAt = now + DAY + Math.floor(Math.random() * 365 * DAY);
      const authorised = AUTHORISED_ONCE.has(status);
      const user = authorised ? Math.floor(Math.random() * 200_000) : -1;
      const userId = authorised ? `psu-${user}` : null;
      const statusAt = createdAt + Math.floor(Math.random() * Math.min(DAY, now - createdAt));
      const consentId = randomUUID();
      consents.push({
        consentId,
        kind: RESOURCE_KIND[resource],
        consentType: info.consentType,
        apiFamily: 'obie',
        clientId,
        status,
        receipt: receiptOf(resource, n, createdAt, expiresAt),
        createdAt,
        updatedAt: statusAt,
        statusUpdatedAt: statusAt,
        validFrom: info.family === 'vrp' ? createdAt : null,
        expiresAt,
        recurringIndicator: hasExpiry,
        frequency: 0,
        userId,
        lastUsageAt: status === 'Authorised' ? now - Math.floor(Math.random() * DAY) : null,
      });
      statusCounts[status] = (statusCounts[status] ?? 0) + 1;

      const authorisation: Authorisation = {
        authorisationId: randomUUID(),
        consentId,
        userId,
        type: 'authorisation',
        status: authorised ? (status === 'Revoked' ? 'Revoked' : 'Authorised') : 'Created',
        updatedAt: statusAt,
        mappings: [],
      };
      if (authorised) {
        const accounts = Math.random() < 0.7 ? 1 : 2;
        const permissions =
          info.family === 'accounts' ? PERMISSION_SETS[n % PERMISSION_SETS.length]!.slice(0, 2) : ['n/a'];
        for (let a = 0; a < accounts; a++) {
          for (const permission of permissions) {
            authorisation.mappings.push({
              mappingId: randomUUID(),
              accountId: accountNumber(n * 2 + a),
              permission,
              mappingStatus: status === 'Revoked' ? 'inactive' : 'active',
            });
          }
        }
      }
      authorisations.push(authorisation);
      authorisationCount += 1;
      mappingCount += authorisation.mappings.length;

      targets.record(
        n,
        consentId,
        clientIndex,
        user,
        info.family === 'accounts',
        authorisation.mappings.length > 0,
        resource === 'account-access-consents',
      );
    }
    return { consents, authorisations };
  };
  // Few, large transactions: random UUID keys touch index pages all over the file, so every commit
  // rewrites most of them; fewer commits mean far less I/O.
  const perTransaction = BATCH * BATCHES_PER_TRANSACTION;
  for (let first = 0; first < options.consents; first += perTransaction) {
    const consents: Consent[] = [];
    const authorisations: Authorisation[] = [];
    const end = Math.min(options.consents, first + perTransaction);
    for (let start = first; start < end; start += BATCH) {
      const built = batch(start);
      consents.push(...built.consents);
      authorisations.push(...built.authorisations);
    }
    // In key order, each primary-key index is filled front to back instead of at random places.
    consents.sort((a, b) => (a.consentId < b.consentId ? -1 : 1));
    authorisations.sort((a, b) => (a.authorisationId < b.authorisationId ? -1 : 1));
    await ctx.storage.transaction((repos) => repos.consentWriter.insertMany(consents, authorisations));
    options.onProgress?.(Math.min(options.consents, first + perTransaction));
  }

  const funds = await generateFundsConsents(
    ctx,
    options.fundsConsents ?? Math.min(5_000, Math.ceil(options.consents / 20)),
    now,
  );
  const obpTargets = await generateObpConsents(
    ctx,
    options.obpConsents ?? Math.min(100, Math.ceil(options.consents / 20)),
  );

  return {
    consents: options.consents,
    authorisations: authorisationCount,
    mappings: mappingCount,
    seconds: (performance.now() - started) / 1000,
    operator,
    clientIds,
    targets,
    statusCounts,
    ...funds,
    obpTargets,
  };
}

const CBPII_COUNT = 2;
/** Two funds-confirmation consents per customer: a PSU may grant several CBPIIs. */
const FUNDS_CONSENTS_PER_CUSTOMER = 2;

/**
 * The funds-confirmation data: CBPII clients, an issuing partner with customers holding one GBP account
 * each, and `count` Authorised funds-confirmation consents whose DebtorAccount is that account, stored as
 * bindFundsConsentUser stores a binding: consent user = the customer's username, one Authorised
 * authorisation of that user mapping the account (ReadFundsConfirmation, active), and the
 * consent-given attribute.
 */
async function generateFundsConsents(
  ctx: AppContext,
  count: number,
  now: number,
): Promise<Pick<GeneratedSet, 'cbpiis' | 'customers' | 'fundsTargets'>> {
  const cbpiis: GeneratedSet['cbpiis'] = [];
  for (let i = 1; i <= CBPII_COUNT; i++) {
    const created = await createClient(
      ctx,
      { clientId: `bench-cbpii-${i}`, name: `Bench CBPII ${i}`, roles: ['CBPII'] },
      SYSTEM,
      null,
    );
    cbpiis.push({ clientId: created.client.clientId, clientSecret: created.clientSecret });
  }
  if (count === 0) return { cbpiis, customers: 0, fundsTargets: [] };
  const partner = await createClient(
    ctx,
    { clientId: 'bench-bank', name: 'Bench Bank', shortName: 'benchbank', roles: ['B2B_PARTNER'] },
    SYSTEM,
    null,
  );
  const passwordHash = await hashSecret(randomUUID());
  const customerCount = Math.ceil(count / FUNDS_CONSENTS_PER_CUSTOMER);
  const customers: CustomerRecord[] = [];
  const accounts: BankAccount[] = [];
  for (let i = 0; i < customerCount; i++) {
    const n = String(i).padStart(6, '0');
    const customerId = `bench${n}`;
    customers.push({
      customerId,
      customerUuid: randomUUID(),
      partnerClientId: partner.client.clientId,
      username: `psu${n}@bench.example`,
      email: `psu${n}@bench.example`,
      emailPending: null,
      emailVerified: true,
      emailVerifiedAt: null,
      firstName: `First${i % 500}`,
      lastName: `Last${i % 2000}`,
      address1: `${i} Main St`,
      address2: '',
      city: 'Springfield',
      state: 'IL',
      zip: String(10000 + (i % 1000)),
      country: 'USA',
      phone: `555${n.padStart(7, '0')}`,
      active: true,
      locked: false,
      failedLogins: 0,
      passwordHash,
      additionalInfo: [],
      createdAt: now - DAY,
      updatedAt: now - DAY,
      passwordChangedAt: null,
      passcodeChangedAt: null,
      securityQuestionsChangedAt: null,
      lastLoginAt: null,
    });
    accounts.push({
      accountId: randomUUID(),
      customerId,
      schemeName: 'UK.OBIE.SortCodeAccountNumber',
      // A range of its own: never one of the generated consents' account numbers (6011...).
      identification: `7022${n.padStart(10, '0')}`,
      secondaryIdentification: null,
      name: `Customer ${i}`,
      currency: 'GBP',
      // Plenty: every check answers FundsAvailable true.
      balance: '1000000.00',
      createdAt: now - DAY,
      updatedAt: now - DAY,
    });
  }

  const consents: Consent[] = [];
  const authorisations: Authorisation[] = [];
  const fundsTargets: FundsTarget[] = [];
  const resource = 'funds-confirmation-consents';
  const givenTimestamp = new Date(now - DAY).toISOString();
  for (let k = 0; k < count; k++) {
    const customer = customers[k % customerCount]!;
    const account = accounts[k % customerCount]!;
    const clientId = cbpiis[k % cbpiis.length]!.clientId;
    const createdAt = now - DAY - Math.floor(Math.random() * 30 * DAY);
    const expiresAt = now + 180 * DAY + Math.floor(Math.random() * 180 * DAY);
    const consentId = randomUUID();
    consents.push({
      consentId,
      kind: RESOURCE_KIND[resource],
      consentType: KIND_INFO[RESOURCE_KIND[resource]].consentType,
      apiFamily: 'obie',
      clientId,
      status: 'Authorised',
      receipt: JSON.stringify({
        Data: {
          ExpirationDateTime: iso(expiresAt, 'Z'),
          DebtorAccount: {
            SchemeName: account.schemeName,
            Identification: account.identification,
            Name: account.name,
          },
        },
      }),
      createdAt,
      updatedAt: now - DAY,
      statusUpdatedAt: now - DAY,
      validFrom: null,
      expiresAt,
      recurringIndicator: true,
      frequency: 0,
      userId: customer.username,
      lastUsageAt: null,
    });
    authorisations.push({
      authorisationId: randomUUID(),
      consentId,
      userId: customer.username,
      type: 'authorisation',
      status: authorisationStatusFor('Authorised'),
      updatedAt: now - DAY,
      mappings: [
        {
          mappingId: randomUUID(),
          accountId: account.accountId,
          permission: FUNDS_PERMISSION,
          mappingStatus: 'active',
        },
      ],
    });
    fundsTargets.push({ consentId, clientId });
  }
  await ctx.storage.transaction(async (repos) => {
    await repos.customers.insertMany(customers);
    for (const account of accounts) await repos.bankAccounts.insert(account);
    await repos.consentWriter.insertMany(consents, authorisations);
    for (const consent of consents)
      await repos.consentWriter.replaceAttributes(consent.consentId, {
        [CONSENT_GIVEN_ATTRIBUTE]: givenTimestamp,
      });
  });
  return { cbpiis, customers: customerCount, fundsTargets };
}
