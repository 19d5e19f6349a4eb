import type { Kysely, Selectable } from 'kysely';
import type { Operator, OperatorRole } from '../../domain/operator.js';
import { fromDbBool, fromList, toDbBool, toList } from '../codecs.js';
import { clearTimedAttempts, reserveTimedAttempt, type ReservedAttempt } from '../login-attempts.js';
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
        created_at: operator.createdAt,
        updated_at: operator.updatedAt,
      })
      .execute();
  }

  /** Takes a numbered attempt before the password is checked; undefined while a lock is in force. */
  reserveLoginAttempt(
    operatorId: string,
    policy: { limit: number; lockUntil: number },
    now: number,
  ): Promise<ReservedAttempt | undefined> {
    return reserveTimedAttempt(this.db, 'operators', operatorId, policy, now);
  }

  /** After the right password: clears the count unless a lock set meanwhile wins (false). */
  clearLoginAttempts(operatorId: string, reserved: ReservedAttempt, now: number): Promise<boolean> {
    return clearTimedAttempts(this.db, 'operators', operatorId, reserved, now);
  }

  async update(
    operatorId: string,
    changes: {
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
        updated_at: at,
      })
      .where('operator_id', '=', operatorId)
      .execute();
  }
}
