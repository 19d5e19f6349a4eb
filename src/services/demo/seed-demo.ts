// Demo data (DEMO_DATA, default with SQLite): staff logins, one TPP client per role, and consents in every
// status. Runs at every start and only adds what is missing. These logins exist only in demo mode.
import type { AppContext } from '../../context.js';
import type { ClientRole } from '../../domain/client.js';
import type { Actor, ConsentKind } from '../../domain/consent.js';
import type { OperatorRole } from '../../domain/operator.js';
import { createClient } from '../admin/create-client.js';
import { uploadConsentFile } from '../consents/upload-consent-file.js';
import { createConsent } from '../consents/create-consent.js';
import { createOperator } from '../admin/create-operator.js';
import { describeDemoLogins, type DemoLogins } from './demo-logins.js';
import { revokeConsent } from '../consents/revoke-consent.js';
import { seedDemoAccounts } from './seed-demo-accounts.js';
import { seedDemoCustomers } from './seed-demo-customers.js';
import { seedDemoObp } from './seed-demo-obp.js';
import { updateConsent } from '../consents/update-consent.js';

// The gateway is a service account: failed logins from elsewhere never lock it account-wide.
export const DEMO_OPERATORS: {
  username: string;
  password: string;
  roles: OperatorRole[];
  serviceAccount?: boolean;
}[] = [
  { username: 'admin', password: 'demo-admin-password', roles: ['admin'] },
  {
    username: 'gateway',
    password: 'demo-gateway-password',
    roles: ['consent-manager'],
    serviceAccount: true,
  },
  { username: 'ann@gold.com', password: 'demo-officer-password', roles: ['customer-care-officer'] },
];

export const DEMO_CLIENTS: {
  clientId: string;
  name: string;
  roles: ClientRole[];
  secret: string;
  shortName?: string;
}[] = [
  {
    clientId: 'demo-aisp',
    name: 'Demo Account Information App',
    roles: ['AISP'],
    secret: 'demo-aisp-secret',
  },
  { clientId: 'demo-pisp', name: 'Demo Payments App', roles: ['PISP'], secret: 'demo-pisp-secret' },
  { clientId: 'demo-cbpii', name: 'Demo Card Issuer', roles: ['CBPII'], secret: 'demo-cbpii-secret' },
  { clientId: 'demo-obp', name: 'Demo OBP Consumer', roles: ['AISP', 'PISP'], secret: 'demo-obp-secret' },
  {
    clientId: 'certnew',
    name: 'Certnew Issuing Partner',
    roles: ['B2B_PARTNER'],
    secret: 'demo-partner-secret',
    shortName: 'certnew',
  },
];

const SYSTEM: Actor = { type: 'system', id: 'demo-data' };

/** Adds what is missing, then says which demo logins work (see demo-logins.ts). */
export async function seedDemoData(ctx: AppContext): Promise<DemoLogins> {
  for (const op of DEMO_OPERATORS) {
    if (!(await ctx.storage.repos.operators.findByUsername(op.username)))
      await createOperator(ctx, op, SYSTEM, null);
  }
  let clientsCreated = false;
  for (const c of DEMO_CLIENTS) {
    if (!(await ctx.storage.repos.clients.findById(c.clientId))) {
      await createClient(
        ctx,
        {
          clientId: c.clientId,
          name: c.name,
          roles: c.roles,
          clientSecret: c.secret,
          ...(c.shortName ? { shortName: c.shortName } : {}),
        },
        SYSTEM,
        null,
      );
      clientsCreated = true;
    }
  }
  // Customers first: the demo consents bind them as PSUs.
  await seedDemoCustomers(ctx);
  await seedDemoAccounts(ctx);
  await seedDemoObp(ctx);
  if (clientsCreated) await seedDemoConsents(ctx);
  return describeDemoLogins(ctx);
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '+00:00');
}

async function seedDemoConsents(ctx: AppContext): Promise<void> {
  const now = ctx.clock.now();
  const day = 86_400_000;
  const tpp = (clientId: string): Actor => ({ type: 'tpp', id: clientId });
  const bank: Actor = { type: 'bank', id: 'demo-data' };
  const accounts = (expires: number) => ({
    Data: {
      Permissions: [
        'ReadAccountsBasic',
        'ReadAccountsDetail',
        'ReadBalances',
        'ReadTransactionsDetail',
        'ReadTransactionsCredits',
      ],
      ExpirationDateTime: iso(expires),
      TransactionFromDateTime: iso(now - 90 * day),
      TransactionToDateTime: iso(now + 30 * day),
    },
    Risk: {},
  });
  const make = async (kind: ConsentKind, clientId: string, body: Record<string, unknown>, key?: string) =>
    (
      await createConsent(ctx, {
        kind,
        clientId,
        body,
        actor: tpp(clientId),
        ...(key ? { idempotency: { key, requestHash: key } } : {}),
      })
    ).consent.consentId;
  const authorise = (
    kind: ConsentKind,
    consentId: string,
    clientId: string,
    userId: string,
    accountId: string,
  ) =>
    updateConsent(ctx, {
      kind,
      consentId,
      clientId,
      actor: bank,
      update: {
        status: 'Authorised',
        authorizationResources: [
          {
            userId,
            type: 'authorisation',
            status: 'Authorised',
            resources: [{ accountId, permission: 'ReadAccountsDetail', mappingStatus: 'active' }],
          },
        ],
      },
    });

  await make('accounts', 'demo-aisp', accounts(now + 30 * day));
  const authorised = await make('accounts', 'demo-aisp', accounts(now + 90 * day));
  await authorise('accounts', authorised, 'demo-aisp', 'olivia_wallet_user@hotmail.com', '31820');
  const rejected = await make('accounts', 'demo-aisp', accounts(now + 30 * day));
  await updateConsent(ctx, {
    kind: 'accounts',
    consentId: rejected,
    clientId: 'demo-aisp',
    actor: bank,
    update: { status: 'Rejected' },
  });
  const revoked = await make('accounts', 'demo-aisp', accounts(now + 30 * day));
  await authorise('accounts', revoked, 'demo-aisp', 'pauls_wallet@yahoo.com', '31821');
  await revokeConsent(ctx, {
    kind: 'accounts',
    consentId: revoked,
    clientId: 'demo-aisp',
    actor: tpp('demo-aisp'),
  });
  const expired = await make('accounts', 'demo-aisp', accounts(now + 30 * day));
  await updateConsent(ctx, {
    kind: 'accounts',
    consentId: expired,
    clientId: 'demo-aisp',
    actor: bank,
    update: { status: 'Expired' },
  });

  const payment = {
    Data: {
      Initiation: {
        InstructionIdentification: 'DEMO-INSTR-1',
        EndToEndIdentification: 'DEMO-E2E-1',
        InstructedAmount: { Amount: '25.00', Currency: 'GBP' },
        CreditorAccount: {
          SchemeName: 'UK.OBIE.SortCodeAccountNumber',
          Identification: '08080021325698',
          Name: 'ACME Inc',
        },
      },
    },
    Risk: {},
  };
  const pay = await make('domestic-payment', 'demo-pisp', payment, 'demo-payment-1');
  await authorise('domestic-payment', pay, 'demo-pisp', 'olivia_wallet_user@hotmail.com', '31820');
  await updateConsent(ctx, {
    kind: 'domestic-payment',
    consentId: pay,
    clientId: 'demo-pisp',
    actor: bank,
    update: { status: 'Consumed' },
  });
  await make(
    'domestic-payment',
    'demo-pisp',
    {
      ...payment,
      Data: { Initiation: { ...payment.Data.Initiation, InstructionIdentification: 'DEMO-INSTR-2' } },
    },
    'demo-payment-2',
  );

  const file = Buffer.from('<Document>demo payment file</Document>');
  const fileHash = (await import('node:crypto')).createHash('sha256').update(file).digest('base64');
  const fileConsent = await make(
    'file-payment',
    'demo-pisp',
    {
      Data: {
        Initiation: {
          FileType: 'UK.OBIE.pain.001.001.08',
          FileHash: fileHash,
          NumberOfTransactions: '1',
          ControlSum: 25,
        },
      },
    },
    'demo-file-1',
  );
  await make(
    'file-payment',
    'demo-pisp',
    { Data: { Initiation: { FileType: 'UK.OBIE.pain.001.001.08', FileHash: fileHash } } },
    'demo-file-2',
  );
  await uploadConsentFile(ctx, {
    consentId: fileConsent,
    clientId: 'demo-pisp',
    contentType: 'application/xml',
    content: file,
    idempotency: { key: 'demo-upload-1', requestHash: fileHash },
    actor: tpp('demo-pisp'),
  });

  const funds = await make('funds-confirmation', 'demo-cbpii', {
    Data: {
      ExpirationDateTime: iso(now + 180 * day),
      DebtorAccount: {
        SchemeName: 'UK.OBIE.SortCodeAccountNumber',
        // Account 31820's own identification (sort code 404004, account 00031820): the bank holds it.
        Identification: '40400400031820',
        Name: 'Olivia Smith',
      },
    },
  });
  await authorise('funds-confirmation', funds, 'demo-cbpii', 'olivia_wallet_user@hotmail.com', '31820');
}
