import { type Customer, type CustomerProfile, type IssuingPartner } from '../../domain/customer.js';
import type { CustomerRecord } from '../../storage/repositories/customer-repository.js';
import { type Repositories } from '../../storage/storage.js';

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
