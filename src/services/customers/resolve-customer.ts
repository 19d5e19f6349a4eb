import {
  issuingPartnerUriOf,
  parseEntityUri,
  partnerUriOf,
  type IssuingPartner,
} from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { CustomerRecord } from '../../storage/repositories/customer-repository.js';
import type { Repositories } from '../../storage/storage.js';

/** How a request names one customer: its URI, and optionally the partner URIs that must agree. */
export interface CustomerReference {
  customerUri: string;
  issuingPartnerUri?: string;
  partnerUri?: string;
}

export function invalidUri(path: string): DomainError {
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
