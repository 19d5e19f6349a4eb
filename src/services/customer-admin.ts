// Admin use cases for customers (PSUs / wallet holders) and their devices.
import { randomInt } from 'node:crypto';
import type { AppContext } from '../context.js';
import type { Actor } from '../domain/consent.js';
import {
  changedValues,
  CONTACT_FIELDS,
  contactFieldProblems,
  type ContactFields,
  type Customer,
  type CustomerAttribute,
  type CustomerDevice,
  type CustomerProfile,
  type IssuingPartner,
} from '../domain/customer.js';
import { DomainError } from '../domain/errors.js';
import type { CustomerChanges, CustomerRecord } from '../storage/repositories/customer-repository.js';
import { isUniqueViolation, type Repositories } from '../storage/storage.js';
import { requireIssuingPartner } from './issuing-partner.js';
import { checkPasswordLength } from './operator-admin.js';
import { hashSecret } from './secrets.js';

export interface NewCustomer {
  /** The issuing partner's clientId. */
  issuingPartner: string;
  username: string;
  password: string;
  email: string;
  phone: string;
  firstName: string;
  lastName: string;
  address1: string;
  address2?: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  additionalCustomerInformation?: CustomerAttribute[];
}

export interface AdminCustomerChanges extends ContactFields {
  username?: string;
  password?: string;
  emailVerified?: boolean;
  additionalCustomerInformation?: CustomerAttribute[];
  active?: boolean;
  locked?: boolean;
}

/** Fields an audit row compares before/after (never the password hash). */
export const AUDITED_CUSTOMER_FIELDS = [
  'username',
  'emailPending',
  'emailVerified',
  ...CONTACT_FIELDS,
  'additionalInfo',
  'active',
  'locked',
  'failedLogins',
] as const satisfies readonly (keyof Customer)[];

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

/** Customer ids look like the seed's (`latYxDdNJhzm`): 12 random letters, about 68 bits. */
export function newCustomerId(): string {
  let id = '';
  for (let i = 0; i < 12; i++) id += ID_ALPHABET[randomInt(ID_ALPHABET.length)];
  return id;
}

export function publicCustomer(record: Customer & { passwordHash?: string }): Customer {
  const { passwordHash: _hash, ...customer } = record;
  return customer;
}

/** Attaches partner and devices to customers, in the order given, with one device query. */
export async function profilesOf(
  repos: Repositories,
  records: readonly CustomerRecord[],
  partnerOf: (clientId: string) => Promise<IssuingPartner | undefined>,
): Promise<CustomerProfile[]> {
  const devices = await repos.customerDevices.listForCustomers(records.map((c) => c.customerId));
  const profiles: CustomerProfile[] = [];
  for (const record of records) {
    const partner = await partnerOf(record.partnerClientId);
    if (!partner) continue;
    profiles.push({
      customer: publicCustomer(record),
      partner,
      devices: devices.get(record.customerId) ?? [],
    });
  }
  return profiles;
}

export function memoisedPartners(repos: Repositories) {
  const known = new Map<string, Promise<IssuingPartner | undefined>>();
  return (clientId: string) => {
    let found = known.get(clientId);
    if (!found) {
      found = repos.issuingPartners.findByClientId(clientId);
      known.set(clientId, found);
    }
    return found;
  };
}

function invalid(details: { path?: string; message?: string }[]): DomainError {
  return new DomainError('request.field_invalid', details[0]?.message, details);
}

export async function createCustomer(
  ctx: AppContext,
  input: NewCustomer,
  actor: Actor,
  interactionId: string | null,
): Promise<CustomerProfile> {
  const problems = contactFieldProblems(input);
  if (input.username.trim() === '')
    problems.push({ path: 'username', message: 'username must not be blank' });
  if (problems.length > 0) throw invalid(problems);
  checkPasswordLength(input.password);
  const now = ctx.clock.now();
  const passwordHash = await hashSecret(input.password);
  try {
    return await ctx.storage.transaction(async (repos) => {
      const partner = await requireIssuingPartner(
        ctx,
        repos,
        input.issuingPartner,
        now,
        () =>
          new DomainError('partner.unknown', 'issuingPartner is not a B2B_PARTNER client with a shortName', [
            { path: 'issuingPartner' },
          ]),
      );
      const record: CustomerRecord = {
        customerId: newCustomerId(),
        customerUuid: ctx.ids.uuid(),
        partnerClientId: partner.clientId,
        username: input.username.trim(),
        email: input.email.trim(),
        emailPending: null,
        emailVerified: false,
        emailVerifiedAt: null,
        firstName: input.firstName.trim(),
        lastName: input.lastName.trim(),
        address1: input.address1,
        address2: input.address2 ?? '',
        city: input.city,
        state: input.state,
        zip: input.zip.trim(),
        country: input.country,
        phone: input.phone,
        active: true,
        locked: false,
        failedLogins: 0,
        passwordHash,
        additionalInfo: input.additionalCustomerInformation ?? [],
        createdAt: now,
        updatedAt: now,
        passwordChangedAt: now,
        passcodeChangedAt: null,
        securityQuestionsChangedAt: null,
        lastLoginAt: null,
      };
      await repos.customers.insert(record);
      await repos.audit.append({
        actor,
        action: 'customer.created',
        targetType: 'customer',
        targetId: record.customerId,
        details: { partner: partner.clientId, username: record.username },
        interactionId,
        at: now,
      });
      return { customer: publicCustomer(record), partner, devices: [] };
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('customer.exists');
    throw error;
  }
}

export async function listCustomers(
  ctx: AppContext,
  options: { partnerClientId?: string; limit: number; offset: number },
): Promise<CustomerProfile[]> {
  const repos = ctx.storage.repos;
  return profilesOf(repos, await repos.customers.list(options), memoisedPartners(repos));
}

export async function getCustomer(ctx: AppContext, customerId: string): Promise<CustomerProfile> {
  const repos = ctx.storage.repos;
  const record = await repos.customers.findById(customerId);
  if (!record) throw new DomainError('customer.not_found', 'No such customer');
  const [profile] = await profilesOf(repos, [record], memoisedPartners(repos));
  return profile!;
}

/** Admin edit: contact fields, credentials, and the active/locked flags (unlocking clears the count). */
export async function updateCustomer(
  ctx: AppContext,
  customerId: string,
  changes: AdminCustomerChanges,
  actor: Actor,
  interactionId: string | null,
): Promise<CustomerProfile> {
  const problems = contactFieldProblems(changes);
  if (changes.username !== undefined && changes.username.trim() === '')
    problems.push({ path: 'username', message: 'username must not be blank' });
  if (problems.length > 0) throw invalid(problems);
  checkPasswordLength(changes.password);
  const now = ctx.clock.now();
  const passwordHash = changes.password === undefined ? undefined : await hashSecret(changes.password);
  try {
    return await ctx.storage.transaction(async (repos) => {
      const before = await repos.customers.findById(customerId);
      if (!before) throw new DomainError('customer.not_found', 'No such customer');
      const { password: _password, additionalCustomerInformation, emailVerified, ...plain } = changes;
      const update: CustomerChanges = {
        ...plain,
        ...(additionalCustomerInformation !== undefined
          ? { additionalInfo: additionalCustomerInformation }
          : {}),
        ...(passwordHash !== undefined ? { passwordHash, passwordChangedAt: now } : {}),
        // An admin sets the address itself (no pending step); it is unverified unless they say otherwise.
        ...(changes.email !== undefined && changes.email !== before.email
          ? { emailPending: null, emailVerified: false, emailVerifiedAt: null }
          : {}),
        ...(emailVerified !== undefined
          ? { emailVerified, emailVerifiedAt: emailVerified ? now : null }
          : {}),
        ...(changes.locked === false ? { failedLogins: 0 } : {}),
      };
      await repos.customers.update(customerId, update, now);
      const after = (await repos.customers.findById(customerId))!;
      const diff = changedValues<Customer>(before, after, AUDITED_CUSTOMER_FIELDS);
      await repos.audit.append({
        actor,
        action: 'customer.updated',
        targetType: 'customer',
        targetId: customerId,
        details: {
          partner: before.partnerClientId,
          ...diff,
          ...(passwordHash !== undefined ? { passwordChanged: true } : {}),
        },
        interactionId,
        at: now,
      });
      if (!before.locked && after.locked) {
        await repos.audit.append({
          actor,
          action: 'customer.locked',
          targetType: 'customer',
          targetId: customerId,
          details: { partner: before.partnerClientId, reason: 'admin', failedLogins: after.failedLogins },
          interactionId,
          at: now,
        });
      }
      const [profile] = await profilesOf(repos, [after], memoisedPartners(repos));
      return profile!;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('customer.exists');
    throw error;
  }
}

export async function addCustomerDevice(
  ctx: AppContext,
  customerId: string,
  input: { deviceName: string; deviceType: string; active?: boolean },
  actor: Actor,
  interactionId: string | null,
): Promise<CustomerDevice> {
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const customer = await repos.customers.findById(customerId);
    if (!customer) throw new DomainError('customer.not_found', 'No such customer');
    const device: CustomerDevice = {
      deviceId: ctx.ids.uuid(),
      customerId,
      deviceName: input.deviceName,
      deviceType: input.deviceType,
      active: input.active ?? true,
      createdAt: now,
      updatedAt: now,
      lastSeenAt: null,
    };
    await repos.customerDevices.insert(device);
    await repos.audit.append({
      actor,
      action: 'device.linked',
      targetType: 'customer',
      targetId: customerId,
      details: {
        partner: customer.partnerClientId,
        deviceId: device.deviceId,
        deviceName: device.deviceName,
        deviceType: device.deviceType,
        active: device.active,
      },
      interactionId,
      at: now,
    });
    return device;
  });
}
