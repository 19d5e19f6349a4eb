// B2B Customer Care use cases (seed 001): an issuing partner looks its customers up, deactivates and
// reactivates wallets (which unlocks them), edits contact details and switches devices on and off. A
// partner only ever sees and changes its own customers; anything else is "no such customer".
import type { AppContext } from '../context.js';
import type { Actor } from '../domain/consent.js';
import {
  activationChanges,
  changedValues,
  CONTACT_FIELDS,
  contactFieldProblems,
  customerUriOf,
  issuingPartnerUriOf,
  parseEntityUri,
  partnerUriOf,
  pendingEmailAfterUpdate,
  type ContactFields,
  type Customer,
  type CustomerAttribute,
  type CustomerProfile,
  type IssuingPartner,
} from '../domain/customer.js';
import { DomainError } from '../domain/errors.js';
import type { CustomerCriteria, CustomerRecord } from '../storage/repositories/customer-repository.js';
import type { Repositories } from '../storage/storage.js';
import { AUDITED_CUSTOMER_FIELDS, profilesOf } from './customer-admin.js';
import { requireIssuingPartner } from './issuing-partner.js';

/** A lookup answers at most this many wallets, newest first; officers narrow the search beyond it. */
export const LOOKUP_LIMIT = 200;

export interface LookupCriteria {
  phone?: string;
  email?: string;
  username?: string;
  customerId?: string;
  customerUri?: string;
  firstName?: string;
  lastName?: string;
  zip?: string;
}

/** How a request names one customer: its URI, and optionally the partner URIs that must agree. */
export interface CustomerReference {
  customerUri: string;
  issuingPartnerUri?: string;
  partnerUri?: string;
}

export interface Caller {
  partnerClientId: string;
  actor: Actor;
  interactionId: string | null;
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

export async function partnerFor(
  ctx: AppContext,
  repos: Repositories,
  clientId: string,
): Promise<IssuingPartner> {
  // Authentication already admitted this client as a partner; losing it meanwhile is an auth failure.
  return requireIssuingPartner(ctx, repos, clientId, ctx.clock.now(), () => new DomainError('auth.invalid'));
}

function invalidUri(path: string): DomainError {
  return new DomainError('request.field_invalid', `${path} is not a valid entity URI`, [
    { path, message: `${path} must look like <namespace>:entity:<kind>#<uuid>` },
  ]);
}

/** The one customer of this partner the URIs name; any mismatch is indistinguishable from "none". */
export async function resolveCustomer(
  repos: Repositories,
  partner: IssuingPartner,
  ref: CustomerReference,
): Promise<CustomerRecord> {
  const parsed = parseEntityUri(ref.customerUri);
  if (!parsed || parsed.kind !== 'customer') throw invalidUri('customerUri');
  for (const [path, value] of [
    ['issuingPartnerUri', ref.issuingPartnerUri],
    ['partnerUri', ref.partnerUri],
  ] as const) {
    if (value !== undefined && !parseEntityUri(value)) throw invalidUri(path);
  }
  const notFound = new DomainError('customer.not_found');
  if (parsed.namespace !== partner.shortName) throw notFound;
  if (ref.issuingPartnerUri !== undefined && ref.issuingPartnerUri !== issuingPartnerUriOf(partner))
    throw notFound;
  if (ref.partnerUri !== undefined && ref.partnerUri !== partnerUriOf(partner)) throw notFound;
  const [customer] = await repos.customers.search(partner.clientId, { customerUuid: parsed.uuid }, 1);
  if (!customer) throw notFound;
  return customer;
}

function audit(
  repos: Repositories,
  caller: Caller,
  action: string,
  customer: Customer,
  partner: IssuingPartner,
  details: Record<string, unknown>,
  at: number,
) {
  return repos.audit.append({
    actor: caller.actor,
    action,
    targetType: 'customer',
    targetId: customer.customerId,
    details: { partner: caller.partnerClientId, customerUri: customerUriOf(partner, customer), ...details },
    interactionId: caller.interactionId,
    at,
  });
}

/**
 * Every customer of the partner matching all given criteria, newest first. A customerUri of another
 * namespace simply matches nothing. Blank criteria count as absent; none at all is an error.
 */
export async function lookupCustomers(
  ctx: AppContext,
  caller: Caller,
  input: LookupCriteria,
): Promise<CustomerProfile[]> {
  const given = Object.fromEntries(
    Object.entries(input)
      .map(([key, value]) => [key, blankToUndefined(value as string | undefined)])
      .filter(([, value]) => value !== undefined),
  ) as LookupCriteria;
  if (Object.keys(given).length === 0) {
    throw new DomainError(
      'customer.criteria_missing',
      'Give at least one of phone, email, username, customerId, customerUri, firstName + lastName, zip',
    );
  }
  if (given.firstName !== undefined && given.lastName === undefined) {
    throw new DomainError('request.field_missing', 'lastName is required with firstName', [
      { path: 'lastName', message: 'lastName is required with firstName' },
    ]);
  }
  const { customerUri, ...rest } = given;
  const criteria: CustomerCriteria = { ...rest };
  let namespace: string | undefined;
  if (customerUri !== undefined) {
    const parsed = parseEntityUri(customerUri);
    if (!parsed || parsed.kind !== 'customer') throw invalidUri('customerUri');
    criteria.customerUuid = parsed.uuid;
    namespace = parsed.namespace;
  }
  return ctx.storage.transaction(async (repos) => {
    const partner = await partnerFor(ctx, repos, caller.partnerClientId);
    const records =
      namespace !== undefined && namespace !== partner.shortName
        ? []
        : await repos.customers.search(partner.clientId, criteria, LOOKUP_LIMIT);
    // Reads of customer data are partner actions too (DESIGN.md §4): who searched for what, and how much
    // they saw.
    await repos.audit.append({
      actor: caller.actor,
      action: 'customer.lookup',
      targetType: 'partner',
      targetId: partner.clientId,
      details: { criteria: given, customerIds: records.map((c) => c.customerId) },
      interactionId: caller.interactionId,
      at: ctx.clock.now(),
    });
    return profilesOf(repos, records, async () => partner);
  });
}

/**
 * Deactivates or activates a wallet. Activating a deactivated wallet also unlocks it and clears the
 * failure count: the only B2B way to unlock (seed 001).
 */
export async function setCustomerActivation(
  ctx: AppContext,
  caller: Caller,
  input: CustomerReference & { activate: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const partner = await partnerFor(ctx, repos, caller.partnerClientId);
    const before = await resolveCustomer(repos, partner, input);
    await applyCustomerActivation(repos, caller, partner, before, input.activate, now);
  });
}

/**
 * The activation step of every caller (partner, officer), inside the caller's transaction: returns the
 * customer as it is left.
 */
export async function applyCustomerActivation(
  repos: Repositories,
  caller: Caller,
  partner: IssuingPartner,
  before: CustomerRecord,
  activate: boolean,
  now: number,
): Promise<CustomerRecord> {
  const changes = activationChanges(before, activate);
  await repos.customers.update(before.customerId, changes, now);
  const after = { ...before, ...changes };
  await audit(
    repos,
    caller,
    activate ? 'customer.activated' : 'customer.deactivated',
    before,
    partner,
    changedValues<Customer>(before, after, ['active', 'locked', 'failedLogins']),
    now,
  );
  return after;
}

export interface CustomerInformationChanges extends ContactFields {
  additionalCustomerInformation?: CustomerAttribute[];
}

const INFORMATION_FIELDS = [...CONTACT_FIELDS, 'additionalCustomerInformation'] as const;

/** Contact and address changes. A new e-mail address waits in emailPending until verified. */
export async function updateCustomerInformation(
  ctx: AppContext,
  caller: Caller,
  input: CustomerReference & { changes: CustomerInformationChanges },
): Promise<void> {
  const { changes } = input;
  if (!INFORMATION_FIELDS.some((field) => changes[field] !== undefined)) {
    throw new DomainError('request.field_missing', 'Give at least one field to change', [
      { path: 'updateCustomerInformationRequest', message: `one of ${INFORMATION_FIELDS.join(', ')}` },
    ]);
  }
  const problems = contactFieldProblems(changes);
  if (problems.length > 0) throw new DomainError('request.field_invalid', problems[0]!.message, problems);
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const partner = await partnerFor(ctx, repos, caller.partnerClientId);
    const before = await resolveCustomer(repos, partner, input);
    const { email, additionalCustomerInformation } = changes;
    // Only the listed contact fields are copied, whatever else the caller's object carries.
    const plain = Object.fromEntries(
      INFORMATION_FIELDS.filter((field) => field !== 'email' && field !== 'additionalCustomerInformation')
        .map((field) => [field, changes[field]])
        .filter(([, value]) => value !== undefined),
    ) as ContactFields;
    const update = {
      ...plain,
      ...(additionalCustomerInformation !== undefined
        ? { additionalInfo: additionalCustomerInformation }
        : {}),
      // A new address replaces any pending one; re-sending the current address cancels it.
      ...(email !== undefined ? { emailPending: pendingEmailAfterUpdate(before, email) } : {}),
    };
    await repos.customers.update(before.customerId, update, now);
    const after = (await repos.customers.findById(before.customerId))!;
    await audit(
      repos,
      caller,
      'customer.updated',
      before,
      partner,
      changedValues<Customer>(before, after, AUDITED_CUSTOMER_FIELDS),
      now,
    );
  });
}

/** Switches one device of a customer on or off; the device stays linked to the wallet either way. */
export async function setDeviceActivation(
  ctx: AppContext,
  caller: Caller,
  input: CustomerReference & { deviceId: string; activate: boolean },
): Promise<void> {
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const partner = await partnerFor(ctx, repos, caller.partnerClientId);
    const customer = await resolveCustomer(repos, partner, input);
    await applyDeviceActivation(repos, caller, partner, customer, input.deviceId, input.activate, now);
  });
}

/** The device step of every caller (partner, officer), inside the caller's transaction. */
export async function applyDeviceActivation(
  repos: Repositories,
  caller: Caller,
  partner: IssuingPartner,
  customer: Customer,
  deviceId: string,
  activate: boolean,
  now: number,
): Promise<void> {
  const device = await repos.customerDevices.findById(deviceId);
  if (!device || device.customerId !== customer.customerId) throw new DomainError('device.not_found');
  await repos.customerDevices.update(device.deviceId, { active: activate }, now);
  await audit(
    repos,
    caller,
    activate ? 'device.activated' : 'device.deactivated',
    customer,
    partner,
    { deviceId: device.deviceId, before: { active: device.active }, after: { active: activate } },
    now,
  );
}
