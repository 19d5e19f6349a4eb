// Customer care by the bank's own officers (the portal, seed 001 as a screen): the same lookups and
// activation steps as the B2B API, across every issuing partner, audited with the officer.
import type { AppContext } from '../context.js';
import type { Actor } from '../domain/consent.js';
import type { CustomerProfile, IssuingPartner } from '../domain/customer.js';
import { DomainError } from '../domain/errors.js';
import type { CustomerCriteria, CustomerRecord } from '../storage/repositories/customer-repository.js';
import type { Repositories } from '../storage/storage.js';
import { getCustomer, memoisedPartners, profilesOf } from './customer-admin.js';
import {
  applyCustomerActivation,
  applyDeviceActivation,
  LOOKUP_LIMIT,
  type Caller,
} from './customer-care.js';

export interface OfficerLookup {
  phone?: string;
  email?: string;
  /** One word: first or last name; several: first name, then last name. */
  name?: string;
  username?: string;
  customerId?: string;
}

export interface Officer {
  actor: Actor;
  interactionId: string | null;
}

function criteriaOf(input: OfficerLookup): CustomerCriteria {
  const given = Object.fromEntries(
    Object.entries(input)
      .map(([key, value]) => [key, typeof value === 'string' ? value.trim() : undefined])
      .filter(([, value]) => value !== undefined && value !== ''),
  ) as OfficerLookup;
  if (Object.keys(given).length === 0)
    throw new DomainError(
      'customer.criteria_missing',
      'Give a phone, email, name, username or customer ID to search by',
    );
  const { name, ...rest } = given;
  const criteria: CustomerCriteria = { ...rest };
  if (name !== undefined) {
    const [first, ...others] = name.split(/\s+/);
    if (others.length === 0) criteria.anyName = first!;
    else Object.assign(criteria, { firstName: first!, lastName: others.join(' ') });
  }
  return criteria;
}

/** Every customer of every partner matching all criteria, newest first, with what tells them apart. */
export async function lookupCustomersForOfficer(
  ctx: AppContext,
  officer: Officer,
  input: OfficerLookup,
): Promise<{ profiles: CustomerProfile[]; truncated: boolean }> {
  const criteria = criteriaOf(input);
  return ctx.storage.transaction(async (repos) => {
    const records = await repos.customers.search(undefined, criteria, LOOKUP_LIMIT + 1);
    const page = records.slice(0, LOOKUP_LIMIT);
    await repos.audit.append({
      actor: officer.actor,
      action: 'customer.lookup',
      targetType: 'customers',
      targetId: 'lookup',
      details: { criteria: input, customerIds: page.map((c) => c.customerId) },
      interactionId: officer.interactionId,
      at: ctx.clock.now(),
    });
    return {
      profiles: await profilesOf(repos, page, memoisedPartners(repos)),
      truncated: records.length > LOOKUP_LIMIT,
    };
  });
}

/** The customer by id and its issuing partner, loaded inside the action's transaction. */
async function customerAndPartner(
  repos: Repositories,
  customerId: string,
): Promise<{ customer: CustomerRecord; partner: IssuingPartner }> {
  const customer = await repos.customers.findById(customerId);
  const partner = customer && (await repos.issuingPartners.findByClientId(customer.partnerClientId));
  if (!customer || !partner) throw new DomainError('customer.not_found', 'No such customer');
  return { customer, partner };
}

/** The officer acts on the customer's partner's behalf: audit rows name that partner and the officer. */
function callerFor(officer: Officer, customer: CustomerRecord): Caller {
  return {
    partnerClientId: customer.partnerClientId,
    actor: officer.actor,
    interactionId: officer.interactionId,
  };
}

async function officerAction(
  ctx: AppContext,
  officer: Officer,
  customerId: string,
  work: (
    repos: Repositories,
    caller: Caller,
    partner: IssuingPartner,
    customer: CustomerRecord,
    now: number,
  ) => Promise<unknown>,
): Promise<CustomerProfile> {
  const now = ctx.clock.now();
  await ctx.storage.transaction(async (repos) => {
    const { customer, partner } = await customerAndPartner(repos, customerId);
    await work(repos, callerFor(officer, customer), partner, customer, now);
  });
  return getCustomer(ctx, customerId);
}

export function setCustomerActivationForOfficer(
  ctx: AppContext,
  officer: Officer,
  customerId: string,
  activate: boolean,
): Promise<CustomerProfile> {
  return officerAction(ctx, officer, customerId, (repos, caller, partner, customer, now) =>
    applyCustomerActivation(repos, caller, partner, customer, activate, now),
  );
}

/**
 * Seed 001's unlock: deactivate, then activate (which clears the lock), as one action in one transaction.
 * A customer already active and unlocked is left alone.
 */
export function unlockCustomer(
  ctx: AppContext,
  officer: Officer,
  customerId: string,
): Promise<CustomerProfile> {
  return officerAction(ctx, officer, customerId, async (repos, caller, partner, customer, now) => {
    if (customer.active && !customer.locked) return;
    const deactivated = await applyCustomerActivation(repos, caller, partner, customer, false, now);
    await applyCustomerActivation(repos, caller, partner, deactivated, true, now);
  });
}

export function setDeviceActivationForOfficer(
  ctx: AppContext,
  officer: Officer,
  customerId: string,
  deviceId: string,
  activate: boolean,
): Promise<CustomerProfile> {
  return officerAction(ctx, officer, customerId, (repos, caller, partner, customer, now) =>
    applyDeviceActivation(repos, caller, partner, customer, deviceId, activate, now),
  );
}
