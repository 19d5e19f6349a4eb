// Demo customers of seed 001 under the demo issuing partner `certnew` (and the OBP demo's consent manager,
// Morgan Manager): Olivia Smith and Paul Casey share
// phone 9991234444 and Paul is locked, so the seed's unlock walk-through works on a fresh start. Ids,
// URIs and dates are the seed's. The seed prints Olivia's customerUri for both lookup records; Paul gets
// the URI of the seed's activation request instead, so the activation sample targets him.
// Only adds what is missing; these passwords exist only in demo mode.
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import type { CustomerDevice } from '../../domain/customer.js';
import type { CustomerRecord } from '../../storage/repositories/customer-repository.js';
import { hashSecret } from '../credentials/secrets.js';

export const DEMO_PARTNER = {
  clientId: 'certnew',
  issuingPartnerUuid: 'd72bb2cd-34f9-441e-9daf-4f3ef2838bcb',
  partnerUuid: '5df9ba6e-c3a5-4c7e-9f22-6812a069683a',
};

type DemoCustomer = Omit<CustomerRecord, 'passwordHash' | 'updatedAt' | 'partnerClientId'> & {
  password: string;
};

export const DEMO_CUSTOMERS: DemoCustomer[] = [
  {
    customerId: 'latYxDdNJhzm',
    customerUuid: 'bb3c20c6-456a-4484-891d-daaa2ee22da4',
    username: 'olivia_wallet_user@hotmail.com',
    password: 'demo-olivia-password',
    email: 'olivia_wallet_user@hotmail.com',
    emailPending: null,
    emailVerified: true,
    emailVerifiedAt: null,
    firstName: 'Olivia',
    lastName: 'Smith',
    address1: '2750 Grove St',
    address2: 'Apt 2',
    city: 'Newton',
    state: 'MA',
    zip: '02246',
    country: 'USA',
    phone: '9991234444',
    active: true,
    locked: false,
    failedLogins: 0,
    additionalInfo: [{ key: 'birthday', value: '08281970' }],
    createdAt: 1493069461632,
    passwordChangedAt: 1493069461703,
    passcodeChangedAt: 1493069461705,
    securityQuestionsChangedAt: 1493069461705,
    lastLoginAt: null,
  },
  {
    customerId: 'vmiTxZcaSEym',
    customerUuid: 'e1f42d4d-587a-46c1-8de9-2b21846c02c0',
    username: 'pauls_wallet@yahoo.com',
    password: 'demo-paul-password',
    email: 'pauls_wallet@yahoo.com',
    emailPending: null,
    emailVerified: true,
    emailVerifiedAt: null,
    firstName: 'Paul',
    lastName: 'Casey',
    address1: '445 Graceland Drive',
    address2: '',
    city: 'Laguna Beach',
    state: 'CA',
    zip: '92651',
    country: 'USA',
    phone: '9991234444',
    active: true,
    // Locked by too many wrong passwords, still active: the seed's starting point.
    locked: true,
    failedLogins: 5,
    additionalInfo: [{ key: 'birthday', value: '07101969' }],
    createdAt: 1454792210632,
    passwordChangedAt: 1454792210632,
    passcodeChangedAt: 1454792210632,
    securityQuestionsChangedAt: 1454792210632,
    lastLoginAt: null,
  },
  {
    // Not of the seed: the OBP demo's consent manager (seed-demo-obp.ts gives the management roles), so the
    // PSU's own login holds only what a PSU holds.
    customerId: 'obpMgrDemo01',
    customerUuid: '4f0c8a2e-93d1-4b7a-a6e5-2c9d1f7b3e80',
    username: 'obp_manager@demo.example',
    password: 'demo-manager-password',
    email: 'obp_manager@demo.example',
    emailPending: null,
    emailVerified: true,
    emailVerifiedAt: null,
    firstName: 'Morgan',
    lastName: 'Manager',
    address1: '1 Bank Street',
    address2: '',
    city: 'Boston',
    state: 'MA',
    zip: '02110',
    country: 'USA',
    phone: '9995550100',
    active: true,
    locked: false,
    failedLogins: 0,
    additionalInfo: [],
    createdAt: 1735689600000,
    passwordChangedAt: null,
    passcodeChangedAt: null,
    securityQuestionsChangedAt: null,
    lastLoginAt: null,
  },
];

/** The seed's husband-and-wife case: one wallet (Paul's) on two phones, each with its own active flag. */
export const DEMO_DEVICES: Omit<CustomerDevice, 'updatedAt'>[] = [
  {
    deviceId: '0f6b1f2e-4a51-4d53-9a3e-5b7d0c2a9e01',
    customerId: 'latYxDdNJhzm',
    deviceName: "Olivia's iPhone",
    deviceType: 'iOS',
    active: true,
    createdAt: 1493069461800,
    lastSeenAt: null,
  },
  {
    deviceId: '3c9d7a41-8b2e-4f6a-b1d5-7e0f2a4c6b02',
    customerId: 'vmiTxZcaSEym',
    deviceName: "Paul's Pixel",
    deviceType: 'Android',
    active: true,
    createdAt: 1454792210700,
    lastSeenAt: null,
  },
  {
    deviceId: '8e2a5c17-d3f4-4b9e-a6c8-1f0b3d5e7a03',
    customerId: 'vmiTxZcaSEym',
    deviceName: "Linda's iPhone",
    deviceType: 'iOS',
    active: true,
    createdAt: 1454792210800,
    lastSeenAt: null,
  },
];

const SYSTEM: Actor = { type: 'system', id: 'demo-data' };

/**
 * Seeds the demo customers (needs the demo client `certnew`). Tests replaying the seed's lookup, whose
 * records carry no devices, pass `{ devices: false }`.
 */
export async function seedDemoCustomers(ctx: AppContext, options: { devices?: boolean } = {}): Promise<void> {
  const client = await ctx.storage.repos.clients.findById(DEMO_PARTNER.clientId);
  if (!client) return;
  const now = ctx.clock.now();
  const missing: CustomerRecord[] = [];
  for (const demo of DEMO_CUSTOMERS) {
    if (await ctx.storage.repos.customers.findById(demo.customerId)) continue;
    const { password, ...customer } = demo;
    missing.push({
      ...customer,
      partnerClientId: DEMO_PARTNER.clientId,
      passwordHash: await hashSecret(password),
      updatedAt: now,
    });
  }
  await ctx.storage.transaction(async (repos) => {
    await repos.issuingPartners.insertIfMissing({
      ...DEMO_PARTNER,
      maxFailedLogins: null,
      failedLogins: 0,
      lockedUntil: null,
      createdAt: now,
      updatedAt: now,
    });
    for (const customer of missing) {
      await repos.customers.insert(customer);
      await repos.audit.append({
        actor: SYSTEM,
        action: 'customer.created',
        targetType: 'customer',
        targetId: customer.customerId,
        details: { partner: customer.partnerClientId, username: customer.username },
        interactionId: null,
        at: now,
      });
    }
    if (options.devices === false) return;
    for (const device of DEMO_DEVICES) {
      if (await repos.customerDevices.findById(device.deviceId)) continue;
      await repos.customerDevices.insert({ ...device, updatedAt: now });
    }
  });
}
