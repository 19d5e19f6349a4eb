// Admin use cases for customers (PSUs / wallet holders) and their devices.
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { contactFieldProblems, type CustomerAttribute, type CustomerProfile } from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { CustomerRecord } from '../../storage/repositories/customer-repository.js';
import { isUniqueViolation } from '../../storage/storage.js';
import { requireIssuingPartner } from './require-issuing-partner.js';
import { checkPasswordLength } from '../credentials/check-password-length.js';
import { hashSecret } from '../credentials/secrets.js';
import { newCustomerId } from './new-customer-id.js';
import { publicCustomer } from './profiles-of.js';
import { invalidFields } from './invalid-fields.js';

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

export async function createCustomer(
  ctx: AppContext,
  input: NewCustomer,
  actor: Actor,
  interactionId: string | null,
): Promise<CustomerProfile> {
  const problems = contactFieldProblems(input);
  if (input.username.trim() === '')
    problems.push({ path: 'username', message: 'username must not be blank' });
  if (problems.length > 0) throw invalidFields(problems);
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
