// Login attempts reserved before a password is checked (operators, issuing partners, customers).
//
// Checking first and counting afterwards lets any number of parallel guesses be evaluated before the
// count reaches the limit. Instead, each attempt first takes a numbered slot with one conditional UPDATE
// (atomic on every instance, both dialects); no slot, no password check. The slot that reaches the limit
// sets the lock at once (provisionally: if its password turns out right, that attempt lifts its own lock).
// So at most `limit` passwords are ever evaluated between two successes, however many arrive at once.
import { sql, type Kysely } from 'kysely';
import type { DatabaseSchema } from './tables/database-schema.js';

/** A reserved attempt: its number in the current run of failures, and the lock it set (if it reached the limit). */
export interface ReservedAttempt {
  attempt: number;
  /** For a timed lock: the locked_until this attempt set; for a wallet: true when it locked the wallet. */
  lockedBy: number | boolean | null;
}

type TimedTable = 'operators' | 'issuing_partners';
const ID_COLUMN: Record<TimedTable, string> = { operators: 'operator_id', issuing_partners: 'client_id' };

// Login bookkeeping is not an edit of the account: updated_at is left alone for timed locks.

/**
 * Timed locks (locked_until): reserves an attempt unless a lock is in force at `now`. A lock that has
 * ended restarts the count, so one guess per lockout period cannot keep an account locked.
 */
export async function reserveTimedAttempt(
  db: Kysely<DatabaseSchema>,
  table: TimedTable,
  id: string,
  policy: { limit: number; lockUntil: number },
  now: number,
): Promise<ReservedAttempt | undefined> {
  const next = sql`((case when locked_until is null then failed_logins else 0 end) + 1)`;
  const result = await sql<{ failed_logins: number; locked_until: number | null }>`
    update ${sql.table(table)}
    set failed_logins = ${next},
        locked_until = case when ${next} >= ${policy.limit} then cast(${policy.lockUntil} as bigint) else null end
    where ${sql.ref(ID_COLUMN[table])} = ${id}
      and (locked_until is null or locked_until <= cast(${now} as bigint))
    returning failed_logins, locked_until`.execute(db);
  const row = result.rows[0];
  return (
    row && {
      attempt: Number(row.failed_logins),
      lockedBy: row.locked_until === null ? null : Number(row.locked_until),
    }
  );
}

/**
 * After the right password: clears the run of failures. An attempt below the limit succeeds only while
 * no lock is in force (a lock set meanwhile by a parallel wrong guess wins); the attempt that set the lock
 * lifts exactly that lock. False when the success must be refused.
 */
export async function clearTimedAttempts(
  db: Kysely<DatabaseSchema>,
  table: TimedTable,
  id: string,
  reserved: ReservedAttempt,
  now: number,
): Promise<boolean> {
  const lockCondition =
    typeof reserved.lockedBy === 'number'
      ? sql`locked_until = cast(${reserved.lockedBy} as bigint)`
      : sql`(locked_until is null or locked_until <= cast(${now} as bigint))`;
  const result = await sql`
    update ${sql.table(table)}
    set failed_logins = 0, locked_until = null
    where ${sql.ref(ID_COLUMN[table])} = ${id} and ${lockCondition}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}

/** Wallets (locked flag, no expiry): reserves an attempt while the wallet is active and unlocked. */
export async function reserveWalletAttempt(
  db: Kysely<DatabaseSchema>,
  customerId: string,
  limit: number,
  now: number,
): Promise<ReservedAttempt | undefined> {
  const result = await sql<{ failed_logins: number; locked: number }>`
    update customers
    set failed_logins = failed_logins + 1,
        locked = case when failed_logins + 1 >= ${limit} then 1 else 0 end,
        updated_at = cast(${now} as bigint)
    where customer_id = ${customerId} and locked = 0 and active = 1
    returning failed_logins, locked`.execute(db);
  const row = result.rows[0];
  return row && { attempt: Number(row.failed_logins), lockedBy: Number(row.locked) === 1 };
}

/**
 * After the right password: clears the count and records the login. Below the limit only while the
 * wallet is unlocked; the attempt that locked the wallet unlocks it only if nothing counted since.
 */
export async function clearWalletAttempts(
  db: Kysely<DatabaseSchema>,
  customerId: string,
  reserved: ReservedAttempt,
  now: number,
): Promise<boolean> {
  const lockCondition =
    reserved.lockedBy === true ? sql`locked = 1 and failed_logins = ${reserved.attempt}` : sql`locked = 0`;
  const result = await sql`
    update customers
    set failed_logins = 0, locked = 0, last_login_at = cast(${now} as bigint), updated_at = cast(${now} as bigint)
    where customer_id = ${customerId} and active = 1 and ${lockCondition}`.execute(db);
  return Number(result.numAffectedRows ?? 0) > 0;
}
