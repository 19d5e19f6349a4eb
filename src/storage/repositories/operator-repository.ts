import type { Kysely, Selectable } from 'kysely';
import type { Operator, OperatorRole } from '../../domain/operator.js';
import { fromDbBool, fromList, fromNetworks, toDbBool, toList, toNetworks } from '../codecs.js';
import {
  clearTimedAttempts,
  countTimedFailure,
  forgetSources,
  lockTimedAcrossSources,
} from '../login-attempts.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { OperatorsTable } from '../tables/foundation-tables.js';

export interface OperatorRecord extends Operator {
  passwordHash: string;
}

function toRecord(row: Selectable<OperatorsTable>): OperatorRecord {
  return {
    operatorId: row.operator_id,
    username: row.username,
    passwordHash: row.password_hash,
    roles: fromList(row.roles) as OperatorRole[],
    active: fromDbBool(row.active),
    failedLogins: row.failed_logins,
    lockedUntil: row.locked_until,
    serviceAccount: fromDbBool(row.service_account),
    allowedSources: fromNetworks(row.allowed_sources),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class OperatorRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async findByUsername(username: string): Promise<OperatorRecord | undefined> {
    const row = await this.db
      .selectFrom('operators')
      .selectAll()
      .where('username', '=', username)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async list(): Promise<OperatorRecord[]> {
    const rows = await this.db.selectFrom('operators').selectAll().orderBy('username').execute();
    return rows.map(toRecord);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('operators')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async insert(operator: OperatorRecord): Promise<void> {
    await this.db
      .insertInto('operators')
      .values({
        operator_id: operator.operatorId,
        username: operator.username,
        password_hash: operator.passwordHash,
        roles: toList(operator.roles),
        active: toDbBool(operator.active),
        failed_logins: operator.failedLogins,
        locked_until: operator.lockedUntil,
        service_account: toDbBool(operator.serviceAccount),
        allowed_sources: toNetworks(operator.allowedSources),
        created_at: operator.createdAt,
        updated_at: operator.updatedAt,
      })
      .execute();
  }

  /** A wrong password: one more failure on the account (see storage/login-attempts.ts). */
  countFailedLogin(operatorId: string, now: number): Promise<void> {
    return countTimedFailure(this.db, 'operators', operatorId, now);
  }

  /** Locks the account when enough sources are locked for it; its failed-login count when it did. */
  lockAcrossSources(
    operatorId: string,
    policy: { sources: number; lockUntil: number },
    now: number,
  ): Promise<number | undefined> {
    return lockTimedAcrossSources(this.db, 'operators', operatorId, policy, now);
  }

  /** After the right password: clears the count unless an account lock is in force (false). */
  clearLoginAttempts(operatorId: string, now: number): Promise<boolean> {
    return clearTimedAttempts(this.db, 'operators', operatorId, now);
  }

  async update(
    operatorId: string,
    changes: {
      serviceAccount?: boolean;
      allowedSources?: string[];
      roles?: OperatorRole[];
      active?: boolean;
      passwordHash?: string;
      failedLogins?: number;
      lockedUntil?: number | null;
    },
    at: number,
  ): Promise<void> {
    await this.db
      .updateTable('operators')
      .set({
        ...(changes.roles !== undefined ? { roles: toList(changes.roles) } : {}),
        ...(changes.active !== undefined ? { active: toDbBool(changes.active) } : {}),
        ...(changes.passwordHash !== undefined ? { password_hash: changes.passwordHash } : {}),
        ...(changes.failedLogins !== undefined ? { failed_logins: changes.failedLogins } : {}),
        ...(changes.lockedUntil !== undefined ? { locked_until: changes.lockedUntil } : {}),
        ...(changes.serviceAccount !== undefined
          ? { service_account: toDbBool(changes.serviceAccount) }
          : {}),
        ...(changes.allowedSources !== undefined
          ? { allowed_sources: toNetworks(changes.allowedSources) }
          : {}),
        updated_at: at,
      })
      .where('operator_id', '=', operatorId)
      .execute();
    // An unlock (the count back to zero) unlocks every source too.
    if (changes.failedLogins === 0) await forgetSources(this.db, { type: 'operator', id: operatorId });
  }
}
