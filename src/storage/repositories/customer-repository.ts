import type { Kysely, Selectable } from 'kysely';
import {
  normalisePhone,
  normaliseText,
  type Customer,
  type CustomerAttribute,
} from '../../domain/customer.js';
import { fromDbBool, fromJson, toDbBool, toJson } from '../codecs.js';
import {
  clearWalletAttempts,
  countWalletFailure,
  forgetSources,
  lockWalletAcrossSources,
} from '../login-attempts.js';
import type { CustomersTable } from '../tables/customer-tables.js';
import type { DatabaseSchema } from '../tables/database-schema.js';

export interface CustomerRecord extends Customer {
  passwordHash: string;
}

/** Lookup filters, combined with AND. Values are raw; this class normalises. */
export interface CustomerCriteria {
  /** First or last name (the portal's one-word name search). */
  anyName?: string;
  phone?: string;
  email?: string;
  username?: string;
  customerId?: string;
  customerUuid?: string;
  firstName?: string;
  lastName?: string;
  zip?: string;
}

export type CustomerChanges = Partial<
  Omit<CustomerRecord, 'customerId' | 'customerUuid' | 'partnerClientId' | 'createdAt' | 'updatedAt'>
>;

function toRecord(row: Selectable<CustomersTable>): CustomerRecord {
  return {
    customerId: row.customer_id,
    customerUuid: row.customer_uuid,
    partnerClientId: row.partner_client_id,
    username: row.username,
    email: row.email,
    emailPending: row.email_pending,
    emailVerified: fromDbBool(row.email_verified),
    emailVerifiedAt: row.email_verified_at,
    firstName: row.first_name,
    lastName: row.last_name,
    address1: row.address1,
    address2: row.address2,
    city: row.city,
    state: row.state,
    zip: row.zip,
    country: row.country,
    phone: row.phone,
    active: fromDbBool(row.active),
    locked: fromDbBool(row.locked),
    failedLogins: row.failed_logins,
    passwordHash: row.password_hash,
    additionalInfo: fromJson<CustomerAttribute[]>(row.additional_info, []),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    passwordChangedAt: row.password_changed_at,
    passcodeChangedAt: row.passcode_changed_at,
    securityQuestionsChangedAt: row.security_questions_changed_at,
    lastLoginAt: row.last_login_at,
  };
}

function toRow(c: CustomerRecord): CustomersTable {
  return {
    customer_id: c.customerId,
    customer_uuid: c.customerUuid,
    partner_client_id: c.partnerClientId,
    username: c.username,
    username_key: normaliseText(c.username),
    email: c.email,
    email_key: normaliseText(c.email),
    email_pending: c.emailPending,
    email_verified: toDbBool(c.emailVerified),
    email_verified_at: c.emailVerifiedAt,
    first_name: c.firstName,
    first_name_key: normaliseText(c.firstName),
    last_name: c.lastName,
    last_name_key: normaliseText(c.lastName),
    address1: c.address1,
    address2: c.address2,
    city: c.city,
    state: c.state,
    zip: c.zip.trim(),
    country: c.country,
    phone: c.phone,
    phone_key: normalisePhone(c.phone),
    active: toDbBool(c.active),
    locked: toDbBool(c.locked),
    failed_logins: c.failedLogins,
    password_hash: c.passwordHash,
    additional_info: toJson(c.additionalInfo),
    created_at: c.createdAt,
    updated_at: c.updatedAt,
    password_changed_at: c.passwordChangedAt,
    passcode_changed_at: c.passcodeChangedAt,
    security_questions_changed_at: c.securityQuestionsChangedAt,
    last_login_at: c.lastLoginAt,
  };
}

/** Column updates for the fields present in `changes`, search keys kept in step. */
function changedColumns(changes: CustomerChanges): Partial<CustomersTable> {
  const set: Partial<CustomersTable> = {};
  const has = <K extends keyof CustomerChanges>(key: K) => changes[key] !== undefined;
  if (has('username')) {
    set.username = changes.username!;
    set.username_key = normaliseText(changes.username!);
  }
  if (has('email')) {
    set.email = changes.email!;
    set.email_key = normaliseText(changes.email!);
  }
  if (has('emailPending')) set.email_pending = changes.emailPending!;
  if (has('emailVerified')) set.email_verified = toDbBool(changes.emailVerified!);
  if (has('emailVerifiedAt')) set.email_verified_at = changes.emailVerifiedAt!;
  if (has('firstName')) {
    set.first_name = changes.firstName!;
    set.first_name_key = normaliseText(changes.firstName!);
  }
  if (has('lastName')) {
    set.last_name = changes.lastName!;
    set.last_name_key = normaliseText(changes.lastName!);
  }
  if (has('address1')) set.address1 = changes.address1!;
  if (has('address2')) set.address2 = changes.address2!;
  if (has('city')) set.city = changes.city!;
  if (has('state')) set.state = changes.state!;
  if (has('zip')) set.zip = changes.zip!.trim();
  if (has('country')) set.country = changes.country!;
  if (has('phone')) {
    set.phone = changes.phone!;
    set.phone_key = normalisePhone(changes.phone!);
  }
  if (has('active')) set.active = toDbBool(changes.active!);
  if (has('locked')) set.locked = toDbBool(changes.locked!);
  if (has('failedLogins')) set.failed_logins = changes.failedLogins!;
  if (has('passwordHash')) set.password_hash = changes.passwordHash!;
  if (has('additionalInfo')) set.additional_info = toJson(changes.additionalInfo!);
  if (has('passwordChangedAt')) set.password_changed_at = changes.passwordChangedAt!;
  if (has('passcodeChangedAt')) set.passcode_changed_at = changes.passcodeChangedAt!;
  if (has('securityQuestionsChangedAt'))
    set.security_questions_changed_at = changes.securityQuestionsChangedAt!;
  if (has('lastLoginAt')) set.last_login_at = changes.lastLoginAt!;
  // null is a real value for the nullable columns: `undefined` means "leave alone".
  if (changes.emailPending === null) set.email_pending = null;
  if (changes.emailVerifiedAt === null) set.email_verified_at = null;
  if (changes.lastLoginAt === null) set.last_login_at = null;
  return set;
}

// SQLite binds at most 32,766 values per statement; 36 columns x 500 rows stays well inside on both.
const INSERT_CHUNK = 500;

export class CustomerRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async findById(customerId: string): Promise<CustomerRecord | undefined> {
    const row = await this.db
      .selectFrom('customers')
      .selectAll()
      .where('customer_id', '=', customerId)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** Usernames are unique across partners and compared case-insensitively. */
  async findByUsername(username: string): Promise<CustomerRecord | undefined> {
    const row = await this.db
      .selectFrom('customers')
      .selectAll()
      .where('username_key', '=', normaliseText(username))
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** Every customer of the partner (of every partner when undefined: officers) matching all criteria, newest first. */
  async search(
    partnerClientId: string | undefined,
    criteria: CustomerCriteria,
    limit: number,
  ): Promise<CustomerRecord[]> {
    let query = this.db.selectFrom('customers').selectAll();
    if (partnerClientId !== undefined) query = query.where('partner_client_id', '=', partnerClientId);
    if (criteria.anyName !== undefined) {
      const name = normaliseText(criteria.anyName);
      query = query.where((eb) => eb.or([eb('first_name_key', '=', name), eb('last_name_key', '=', name)]));
    }
    if (criteria.customerId !== undefined) query = query.where('customer_id', '=', criteria.customerId);
    if (criteria.customerUuid !== undefined)
      query = query.where('customer_uuid', '=', criteria.customerUuid.toLowerCase());
    if (criteria.username !== undefined)
      query = query.where('username_key', '=', normaliseText(criteria.username));
    if (criteria.email !== undefined) query = query.where('email_key', '=', normaliseText(criteria.email));
    if (criteria.phone !== undefined) query = query.where('phone_key', '=', normalisePhone(criteria.phone));
    if (criteria.lastName !== undefined)
      query = query.where('last_name_key', '=', normaliseText(criteria.lastName));
    if (criteria.firstName !== undefined)
      query = query.where('first_name_key', '=', normaliseText(criteria.firstName));
    if (criteria.zip !== undefined) query = query.where('zip', '=', criteria.zip.trim());
    const rows = await query.orderBy('created_at', 'desc').orderBy('customer_id').limit(limit).execute();
    return rows.map(toRecord);
  }

  /** Admin listing: newest first, optionally one partner's, keyset-free offset paging. */
  async list(options: {
    partnerClientId?: string;
    limit: number;
    offset: number;
  }): Promise<CustomerRecord[]> {
    let query = this.db.selectFrom('customers').selectAll();
    if (options.partnerClientId !== undefined)
      query = query.where('partner_client_id', '=', options.partnerClientId);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('customer_id')
      .limit(options.limit)
      .offset(options.offset)
      .execute();
    return rows.map(toRecord);
  }

  async insert(customer: CustomerRecord): Promise<void> {
    await this.db.insertInto('customers').values(toRow(customer)).execute();
  }

  /** Bulk load (imports, benchmarks): multi-row inserts in chunks. */
  async insertMany(customers: readonly CustomerRecord[]): Promise<void> {
    for (let i = 0; i < customers.length; i += INSERT_CHUNK) {
      await this.db
        .insertInto('customers')
        .values(customers.slice(i, i + INSERT_CHUNK).map(toRow))
        .execute();
    }
  }
  /** A wrong password: one more failure on the wallet (see storage/login-attempts.ts). */
  countFailedLogin(customerId: string, now: number): Promise<void> {
    return countWalletFailure(this.db, customerId, now);
  }

  /** Locks the wallet when enough sources are locked for it; its failed-login count when it did. */
  lockAcrossSources(
    customerId: string,
    policy: { sources: number },
    now: number,
  ): Promise<number | undefined> {
    return lockWalletAcrossSources(this.db, customerId, policy.sources, now);
  }

  /** After the right password: clears the count and records the login, unless a lock wins (false). */
  clearLoginAttempts(customerId: string, now: number): Promise<boolean> {
    return clearWalletAttempts(this.db, customerId, now);
  }

  /**
   * Applies `changes` only while `expectedPending` is still the pending e-mail address (compare-and-set),
   * so a verification racing with an update that replaced the pending address never confirms either one
   * by mistake. False when the pending address changed meanwhile.
   */
  async updateIfEmailPending(
    customerId: string,
    expectedPending: string,
    changes: CustomerChanges,
    at: number,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('customers')
      .set({ ...changedColumns(changes), updated_at: at })
      .where('customer_id', '=', customerId)
      .where('email_pending', '=', expectedPending)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  async update(customerId: string, changes: CustomerChanges, at: number): Promise<void> {
    await this.db
      .updateTable('customers')
      .set({ ...changedColumns(changes), updated_at: at })
      .where('customer_id', '=', customerId)
      .execute();
    // Unlocking a wallet (its count back to zero) unlocks every source too.
    if (changes.failedLogins === 0) await forgetSources(this.db, { type: 'customer', id: customerId });
  }
}
