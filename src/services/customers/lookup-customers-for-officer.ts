import type { AppContext } from '../../context.js';
import type { CustomerProfile } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { CustomerCriteria } from '../../storage/repositories/customer-repository.js';
import { LOOKUP_LIMIT } from './lookup-customers.js';
import type { Officer } from './officer.js';
import { memoisedPartners, profilesOf } from './profiles-of.js';

export interface OfficerLookup {
  phone?: string;
  email?: string;
  /** One word: first or last name; several: first name, then last name. */
  name?: string;
  username?: string;
  customerId?: string;
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

/**
 * Customer care by the bank's own officers (seed 001 as a screen): every customer of every issuing
 * partner matching all criteria, newest first, with what tells them apart. The lookup is audited.
 */
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
