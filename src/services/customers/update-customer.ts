import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import {
  changedValues,
  contactFieldProblems,
  type ContactFields,
  type Customer,
  type CustomerAttribute,
  type CustomerProfile,
} from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import type { CustomerChanges } from '../../storage/repositories/customer-repository.js';
import { isUniqueViolation } from '../../storage/storage.js';
import { checkPasswordLength } from '../credentials/check-password-length.js';
import { hashSecret } from '../credentials/secrets.js';
import { AUDITED_CUSTOMER_FIELDS } from './audited-customer-fields.js';
import { profilesOf, memoisedPartners } from './profiles-of.js';
import { invalidFields } from './invalid-fields.js';

export interface AdminCustomerChanges extends ContactFields {
  username?: string;
  password?: string;
  emailVerified?: boolean;
  additionalCustomerInformation?: CustomerAttribute[];
  active?: boolean;
  locked?: boolean;
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
  if (problems.length > 0) throw invalidFields(problems);
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
