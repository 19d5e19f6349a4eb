import { CONTACT_FIELDS, type Customer } from '../../domain/customer.js';

/** Fields an audit row compares before/after (never the password hash). */
export const AUDITED_CUSTOMER_FIELDS = [
  'username',
  'emailPending',
  'emailVerified',
  ...CONTACT_FIELDS,
  'additionalInfo',
  'active',
  'locked',
  'failedLogins',
] as const satisfies readonly (keyof Customer)[];
