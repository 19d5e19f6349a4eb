import type { Kysely } from 'kysely';
import {
  clearSourceAttempts,
  lockedSourceCount,
  purgeStaleSources,
  reserveSourceAttempt,
  type LoginAccountType,
  type ReservedAttempt,
  type SourcePolicy,
} from '../login-attempts.js';
import type { DatabaseSchema } from '../tables/database-schema.js';

export interface LoginSourceKey {
  type: LoginAccountType;
  id: string;
  source: string;
}

/** Failed logins per account and source address (see storage/login-attempts.ts). */
export class LoginSourceRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** Takes a numbered attempt before the password is checked; undefined while the source is locked. */
  reserveLoginAttempt(
    key: LoginSourceKey,
    policy: SourcePolicy,
    now: number,
  ): Promise<ReservedAttempt | undefined> {
    return reserveSourceAttempt(this.db, key, policy, now);
  }

  /** After the right password: forgets the source's failures unless a lock set meanwhile wins (false). */
  clearLoginAttempts(key: LoginSourceKey, reserved: ReservedAttempt, now: number): Promise<boolean> {
    return clearSourceAttempts(this.db, key, reserved, now);
  }

  lockedCount(account: { type: LoginAccountType; id: string }, now: number): Promise<number> {
    return lockedSourceCount(this.db, account, now);
  }

  async find(key: LoginSourceKey): Promise<{ failures: number; lockedUntil: number | null } | undefined> {
    const row = await this.db
      .selectFrom('login_sources')
      .select(['failures', 'locked_until'])
      .where('account_type', '=', key.type)
      .where('account_id', '=', key.id)
      .where('source', '=', key.source)
      .executeTakeFirst();
    return (
      row && {
        failures: row.failures,
        lockedUntil: row.locked_until === null ? null : Number(row.locked_until),
      }
    );
  }

  purgeStale(before: number): Promise<number> {
    return purgeStaleSources(this.db, before);
  }
}
