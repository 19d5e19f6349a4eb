import type { AppContext } from '../../context.js';
import {
  changedValues,
  CONTACT_FIELDS,
  contactFieldProblems,
  pendingEmailAfterUpdate,
  type ContactFields,
  type Customer,
  type CustomerAttribute,
} from '../../domain/customer.js';
import { DomainError } from '../../domain/errors.js';
import { AUDITED_CUSTOMER_FIELDS } from './audited-customer-fields.js';
import { type CustomerReference, resolveCustomer } from './resolve-customer.js';
import { type Caller } from './caller.js';
import { partnerFor } from './partner-for.js';
import { auditCustomerChange } from './audit-customer-change.js';

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
    await auditCustomerChange(
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
