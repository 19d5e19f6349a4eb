import type { Kysely } from 'kysely';
import { fromDbBool } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';

export interface DirectLoginSession {
  customerId: string;
  consumerId: string;
  createdAt: number;
  expiresAt: number;
  /** Re-checked on every call: a locked or disabled wallet, or a disabled consumer, ends the session. */
  customerUsable: boolean;
  consumerActive: boolean;
}

export class DirectLoginTokenRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(
    tokenHash: string,
    token: { customerId: string; consumerId: string; createdAt: number; expiresAt: number },
  ): Promise<void> {
    await this.db
      .insertInto('direct_login_tokens')
      .values({
        token_hash: tokenHash,
        customer_id: token.customerId,
        consumer_id: token.consumerId,
        created_at: token.createdAt,
        expires_at: token.expiresAt,
      })
      .execute();
  }

  async findUnexpired(tokenHash: string, now: number): Promise<DirectLoginSession | undefined> {
    const row = await this.db
      .selectFrom('direct_login_tokens as t')
      .innerJoin('customers as u', 'u.customer_id', 't.customer_id')
      .innerJoin('clients as c', 'c.client_id', 't.consumer_id')
      .select([
        't.customer_id',
        't.consumer_id',
        't.created_at',
        't.expires_at',
        'u.active as customer_active',
        'u.locked as customer_locked',
        'c.active as consumer_active',
      ])
      .where('t.token_hash', '=', tokenHash)
      .where('t.expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      customerId: row.customer_id,
      consumerId: row.consumer_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
      customerUsable: fromDbBool(row.customer_active) && !fromDbBool(row.customer_locked),
      consumerActive: fromDbBool(row.consumer_active),
    };
  }

  async deleteExpired(now: number): Promise<number> {
    const result = await this.db
      .deleteFrom('direct_login_tokens')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
