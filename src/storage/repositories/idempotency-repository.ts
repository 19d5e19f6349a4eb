import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../tables/database-schema.js';

export interface IdempotencyRecord {
  clientId: string;
  scope: string;
  key: string;
  requestHash: string;
  resourceId: string;
  createdAt: number;
  expiresAt: number;
}

export class IdempotencyRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  /** The live record for this key, if any (expired ones are ignored and later purged). */
  async find(
    clientId: string,
    scope: string,
    key: string,
    now: number,
  ): Promise<IdempotencyRecord | undefined> {
    const row = await this.db
      .selectFrom('idempotency_keys')
      .selectAll()
      .where('client_id', '=', clientId)
      .where('scope', '=', scope)
      .where('idempotency_key', '=', key)
      .executeTakeFirst();
    if (!row || row.expires_at <= now) return undefined;
    return {
      clientId: row.client_id,
      scope: row.scope,
      key: row.idempotency_key,
      requestHash: row.request_hash,
      resourceId: row.resource_id,
      createdAt: row.created_at,
      expiresAt: row.expires_at,
    };
  }

  /** Stores the key, replacing an expired record of the same key; a live one makes the insert fail. */
  async save(record: IdempotencyRecord): Promise<void> {
    await this.db
      .deleteFrom('idempotency_keys')
      .where('client_id', '=', record.clientId)
      .where('scope', '=', record.scope)
      .where('idempotency_key', '=', record.key)
      .where('expires_at', '<=', record.createdAt)
      .execute();
    await this.db
      .insertInto('idempotency_keys')
      .values({
        client_id: record.clientId,
        scope: record.scope,
        idempotency_key: record.key,
        request_hash: record.requestHash,
        resource_id: record.resourceId,
        created_at: record.createdAt,
        expires_at: record.expiresAt,
      })
      .execute();
  }

  async purgeExpired(now: number): Promise<number> {
    const result = await this.db
      .deleteFrom('idempotency_keys')
      .where('expires_at', '<=', now)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
