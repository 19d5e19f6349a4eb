// Login attempts reserved before a password is checked (operators, issuing partners, customers), counted
// per account AND source address (issue 13 items 1 and 2).
//
// Checking first and counting afterwards lets any number of parallel guesses be evaluated before the
// count reaches the limit. Instead, each attempt first takes a numbered slot for its (account, source)
// with one conditional upsert (atomic on every instance, both dialects); no slot, no password check. The
// slot that reaches the limit locks that source for that account at once (provisionally: if its password
// turns out right, that attempt lifts its own lock). So at most `limit` passwords per source are ever
// evaluated between two successes, however many arrive at once; other sources keep working.
//
// The account itself is locked only when `sources` distinct sources are locked at the same time, and
// never when it is a service account (the caller decides). Every lock ends by itself after the lockout
// period (a wallet's account-wide lock excepted: its partner unlocks it), and a lock that has ended
// restarts its count, so one guess per period cannot keep anything locked.
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from './tables/database-schema.js';

/** A reserved attempt: its number in the current run of failures, and the lock it set (if it reached the limit). */
export interface ReservedAttempt {
  attempt: number;
  /** The locked_until this attempt set for its source when it reached the limit; null otherwise. */
  lockedBy: number | null;
}

export type LoginAccountType = 'operator' | 'partner' | 'customer';

export interface SourcePolicy {
  limit: number;
  /** Until when an attempt that reaches the limit now locks its source. */
  lockUntil: number;
}

/** Reserves an attempt for (account, source) unless that source's lock is in force at `now`. */
export async function reserveSourceAttempt(
  db: Kysely<DatabaseSchema>,
  account: { type: LoginAccountType; id: string; source: string },
  policy: SourcePolicy,
  now: number,
): Promise<ReservedAttempt | undefined> {
  const limit = sql`cast(${policy.limit} as integer)`;
  const lockUntil = sql`cast(${policy.lockUntil} as bigint)`;
  const next = sql`((case when login_sources.locked_until is null then login_sources.failures else 0 end) + 1)`;
  const result = await sql<{ failures: number; locked_until: number | null }>`
    insert into login_sources (account_type, account_id, source, failures, locked_until, updated_at)
    values (${account.type}, ${account.id}, ${account.source}, 1,
            case when 1 >= ${limit} then ${lockUntil} else null end, cast(${now} as bigint))
    on conflict (account_type, account_id, source) do update
    set failures = ${next},
        locked_until = case when ${next} >= ${limit} then ${lockUntil} else null end,
        updated_at = cast(${now} as bigint)
    where login_sources.locked_until is null or login_sources.locked_until <= cast(${now} as bigint)
    returning failures, locked_until`.execute(db);
  const row = result.rows[0];
  return (
    row && {
      attempt: Number(row.failures),
      lockedBy: row.locked_until === null ? null : Number(row.locked_until),
    }
  );
}

/**
 * After the right password: forgets the source's run of failures. An attempt below the limit succeeds
 * only while no lock is in force for the source (a lock set meanwhile by a parallel wrong guess wins);
 * the attempt that set the lock lifts exactly that lock. False when the success must be refused.
 */
export async function clearSourceAttempts(
  db: Kysely<DatabaseSchema>,
  account: { type: LoginAccountType; id: string; source: string },
  reserved: ReservedAttempt,
  now: number,
): Promise<boolean> {
  const lockCondition =
    reserved.lockedBy !== null
      ? sql`locked_until = cast(${reserved.lockedBy} as bigint)`
      : sql`(locked_until is null or locked_until <= cast(${now} as bigint))`;
  const result = await sql`
    delete from login_sources
    where account_type = ${account.type} and account_id = ${account.id} and source = ${account.source}
      and ${lockCondition}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** How many sources are locked for the account at `now`. */
export async function lockedSourceCount(
  db: Kysely<DatabaseSchema>,
  account: { type: LoginAccountType; id: string },
  now: number,
): Promise<number> {
  const row = await db
    .selectFrom('login_sources')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('account_type', '=', account.type)
    .where('account_id', '=', account.id)
    .where('locked_until', '>', now)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function lockedSources(account: { type: LoginAccountType; id: string }, now: number) {
  return sql`(select count(*) from login_sources
    where account_type = ${account.type} and account_id = ${account.id}
      and locked_until > cast(${now} as bigint))`;
}

/** Forgets runs of failures nobody has continued since `before` (and locks that have ended by then). */
export async function purgeStaleSources(db: Kysely<DatabaseSchema>, before: number): Promise<number> {
  const result = await db
    .deleteFrom('login_sources')
    .where('updated_at', '<', before)
    .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<', before)]))
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

type TimedTable = 'operators' | 'issuing_partners';
const ID_COLUMN: Record<TimedTable, string> = { operators: 'operator_id', issuing_partners: 'client_id' };
const ACCOUNT_TYPE: Record<TimedTable, LoginAccountType> = {
  operators: 'operator',
  issuing_partners: 'partner',
};

// Login bookkeeping is not an edit of the account: updated_at is left alone for timed locks.

/** A wrong password: one more failure since the last success (or since the account's lock ended). */
export async function countTimedFailure(
  db: Kysely<DatabaseSchema>,
  table: TimedTable,
  id: string,
  now: number,
): Promise<void> {
  const ended = sql`(locked_until is not null and locked_until <= cast(${now} as bigint))`;
  await sql`
    update ${sql.table(table)}
    set failed_logins = case when ${ended} then 1 else failed_logins + 1 end,
        locked_until = case when ${ended} then null else locked_until end
    where ${sql.ref(ID_COLUMN[table])} = ${id}`.execute(db);
}

/**
 * Locks the account until `lockUntil` when `sources` distinct sources are locked for it at `now` and no
 * account lock is in force; the failed-login count when it did.
 */
export async function lockTimedAcrossSources(
  db: Kysely<DatabaseSchema>,
  table: TimedTable,
  id: string,
  policy: { sources: number; lockUntil: number },
  now: number,
): Promise<number | undefined> {
  const result = await sql<{ failed_logins: number }>`
    update ${sql.table(table)}
    set locked_until = cast(${policy.lockUntil} as bigint)
    where ${sql.ref(ID_COLUMN[table])} = ${id}
      and (locked_until is null or locked_until <= cast(${now} as bigint))
      and ${lockedSources({ type: ACCOUNT_TYPE[table], id }, now)} >= cast(${policy.sources} as integer)
    returning failed_logins`.execute(db);
  const row = result.rows[0];
  return row && Number(row.failed_logins);
}

/** After the right password: clears the count; false while an account lock is in force. */
export async function clearTimedAttempts(
  db: Kysely<DatabaseSchema>,
  table: TimedTable,
  id: string,
  now: number,
): Promise<boolean> {
  const result = await sql`
    update ${sql.table(table)}
    set failed_logins = 0, locked_until = null
    where ${sql.ref(ID_COLUMN[table])} = ${id}
      and (locked_until is null or locked_until <= cast(${now} as bigint))`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** A wrong customer password: one more failure on the wallet since its last success. */
export async function countWalletFailure(
  db: Kysely<DatabaseSchema>,
  customerId: string,
  now: number,
): Promise<void> {
  await sql`
    update customers set failed_logins = failed_logins + 1, updated_at = cast(${now} as bigint)
    where customer_id = ${customerId}`.execute(db);
}

/** Locks the wallet (no expiry) when `sources` distinct sources are locked for it; its failed-login count when it did. */
export async function lockWalletAcrossSources(
  db: Kysely<DatabaseSchema>,
  customerId: string,
  sources: number,
  now: number,
): Promise<number | undefined> {
  const result = await sql<{ failed_logins: number }>`
    update customers set locked = 1, updated_at = cast(${now} as bigint)
    where customer_id = ${customerId} and locked = 0 and active = 1
      and ${lockedSources({ type: 'customer', id: customerId }, now)} >= cast(${sources} as integer)
    returning failed_logins`.execute(db);
  const row = result.rows[0];
  return row && Number(row.failed_logins);
}

/** After the right password: clears the count and records the login; false unless active and unlocked. */
export async function clearWalletAttempts(
  db: Kysely<DatabaseSchema>,
  customerId: string,
  now: number,
): Promise<boolean> {
  const result = await sql`
    update customers
    set failed_logins = 0, last_login_at = cast(${now} as bigint), updated_at = cast(${now} as bigint)
    where customer_id = ${customerId} and active = 1 and locked = 0`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** An unlock by an administrator or partner: every source of the account starts again from zero. */
export async function forgetSources(
  db: Kysely<DatabaseSchema>,
  account: { type: LoginAccountType; id: string },
): Promise<void> {
  await db
    .deleteFrom('login_sources')
    .where('account_type', '=', account.type)
    .where('account_id', '=', account.id)
    .execute();
}
