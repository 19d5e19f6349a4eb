// B2B Customer Care use cases (seed 001): an issuing partner looks its customers up, deactivates and
// reactivates wallets (which unlocks them), edits contact details and switches devices on and off. A
// partner only ever sees and changes its own customers; anything else is "no such customer".
import type { AppContext } from '../../context.js';
import { parseEntityUri, type CustomerProfile } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { CustomerCriteria } from '../../storage/repositories/customer-repository.js';
import { profilesOf } from './profiles-of.js';
import { type Caller } from './caller.js';
import { partnerFor } from './partner-for.js';
import { invalidUri } from './resolve-customer.js';

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

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
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
