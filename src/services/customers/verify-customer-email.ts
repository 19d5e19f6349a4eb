// Confirms a customer's pending e-mail address (issue 3: a changed address waits in emailPending until
// verified). The bank proves the customer receives mail there by its own means (a link or code it sent)
// and then tells ConsentHub which address was verified, as an admin or as the customer's issuing partner.
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import {
  changedValues,
  customerUriOf,
  emailVerificationChanges,
  isValidEmail,
  type Customer,
  type CustomerProfile,
  type IssuingPartner,
} from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { CustomerRecord } from '../../storage/repositories/customer-repository.js';
import type { Repositories } from '../../storage/storage.js';
import { profilesOf } from './profiles-of.js';
import { partnerFor } from './partner-for.js';
import { resolveCustomer, type CustomerReference } from './resolve-customer.js';

/** Who names the customer: an admin by customerId, or an issuing partner by URIs (its own customers only). */
export type EmailVerificationTarget =
  { customerId: string } | { partnerClientId: string; reference: CustomerReference };

const VERIFICATION_FIELDS = [
  'email',
  'emailPending',
  'emailVerified',
  'emailVerifiedAt',
] as const satisfies readonly (keyof Customer)[];

async function findTarget(
  ctx: AppContext,
  repos: Repositories,
  target: EmailVerificationTarget,
): Promise<{ customer: CustomerRecord; partner: IssuingPartner | undefined }> {
  if ('customerId' in target) {
    const customer = await repos.customers.findById(target.customerId);
    if (!customer) throw new DomainError('customer.not_found', 'No such customer');
    return { customer, partner: await repos.issuingPartners.findByClientId(customer.partnerClientId) };
  }
  const partner = await partnerFor(ctx, repos, target.partnerClientId);
  return { customer: await resolveCustomer(repos, partner, target.reference), partner };
}

/**
 * `email` is the address that was verified: it must equal the pending one (case-insensitively), which then
 * becomes `email`, verified now. Nothing pending, or another address, is refused and changes nothing.
 */
export async function verifyCustomerEmail(
  ctx: AppContext,
  target: EmailVerificationTarget,
  email: string,
  actor: Actor,
  interactionId: string | null,
): Promise<CustomerProfile> {
  if (!isValidEmail(email.trim())) {
    throw new DomainError('request.field_invalid', 'email is not a valid e-mail address', [
      { path: 'email', message: 'email is not a valid e-mail address' },
    ]);
  }
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const { customer: before, partner } = await findTarget(ctx, repos, target);
    if (!partner) throw new DomainError('partner.unknown', 'The customer has no usable issuing partner');
    const changes = emailVerificationChanges(before, email, now);
    // Compare-and-set on the pending address: an update that replaced it meanwhile wins, and this
    // verification is judged again against the address now pending.
    if (!(await repos.customers.updateIfEmailPending(before.customerId, changes.email, changes, now))) {
      const current = (await repos.customers.findById(before.customerId))!;
      emailVerificationChanges(current, email, now);
      throw new DomainError('customer.email_mismatch', 'The pending e-mail address changed meanwhile');
    }
    const after = (await repos.customers.findById(before.customerId))!;
    await repos.audit.append({
      actor,
      action: 'customer.email_verified',
      targetType: 'customer',
      targetId: before.customerId,
      details: {
        partner: before.partnerClientId,
        customerUri: customerUriOf(partner, before),
        ...changedValues<Customer>(before, after, VERIFICATION_FIELDS),
      },
      interactionId,
      at: now,
    });
    const [profile] = await profilesOf(repos, [after], async () => partner);
    return profile!;
  });
}
