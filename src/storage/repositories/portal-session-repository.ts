import type { Kysely } from 'kysely';
import type { Operator, OperatorRole } from '../../domain/operator.js';
import { fromDbBool, fromList } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';

export interface PortalSession {
  sessionHash: string;
  operatorId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
}

export class PortalSessionRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(session: PortalSession): Promise<void> {
    await this.db
      .insertInto('portal_sessions')
      .values({
        session_hash: session.sessionHash,
        operator_id: session.operatorId,
        csrf_token: session.csrfToken,
        created_at: session.createdAt,
        last_seen_at: session.lastSeenAt,
        expires_at: session.expiresAt,
      })
      .execute();
  }

  /** The session with its operator as stored now (roles and active flag are read fresh on every call). */
  async findWithOperator(
    sessionHash: string,
  ): Promise<
    | { session: PortalSession; operator: Pick<Operator, 'operatorId' | 'username' | 'roles' | 'active'> }
    | undefined
  > {
    const row = await this.db
      .selectFrom('portal_sessions as s')
      .innerJoin('operators as o', 'o.operator_id', 's.operator_id')
      .select([
        's.session_hash',
        's.operator_id',
        's.csrf_token',
        's.created_at',
        's.last_seen_at',
        's.expires_at',
        'o.username',
        'o.roles',
        'o.active',
      ])
      .where('s.session_hash', '=', sessionHash)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      session: {
        sessionHash: row.session_hash,
        operatorId: row.operator_id,
        csrfToken: row.csrf_token,
        createdAt: Number(row.created_at),
        lastSeenAt: Number(row.last_seen_at),
        expiresAt: Number(row.expires_at),
      },
      operator: {
        operatorId: row.operator_id,
        username: row.username,
        roles: fromList(row.roles) as OperatorRole[],
        active: fromDbBool(row.active),
      },
    };
  }

  async touch(sessionHash: string, at: number): Promise<void> {
    await this.db
      .updateTable('portal_sessions')
      .set({ last_seen_at: at })
      .where('session_hash', '=', sessionHash)
      .execute();
  }

  async delete(sessionHash: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('portal_sessions')
      .where('session_hash', '=', sessionHash)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Removes sessions past their absolute end or idle since before `idleBefore`. */
  async deleteEnded(now: number, idleBefore: number): Promise<number> {
    const result = await this.db
      .deleteFrom('portal_sessions')
      .where((eb) => eb.or([eb('expires_at', '<=', now), eb('last_seen_at', '<=', idleBefore)]))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
