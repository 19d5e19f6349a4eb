import type { Kysely } from 'kysely';
import type { ClientRole } from '../../domain/client.js';
import type { OauthToken } from '../../domain/oauth-scope.js';
import { fromDbBool, fromList, toList } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';

/** A stored token with what bearer authentication must re-check on every call: is its client still on? */
export interface ActiveToken extends OauthToken {
  clientActive: boolean;
  clientRoles: ClientRole[];
}

export class OauthTokenRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(tokenHash: string, token: OauthToken): Promise<void> {
    await this.db
      .insertInto('oauth_tokens')
      .values({
        token_hash: tokenHash,
        client_id: token.clientId,
        scopes: toList(token.scopes),
        issued_at: token.issuedAt,
        expires_at: token.expiresAt,
      })
      .execute();
  }

  /** The token with this hash, with its client's current state, unless it has expired. */
  async findUnexpired(tokenHash: string, now: number): Promise<ActiveToken | undefined> {
    const row = await this.db
      .selectFrom('oauth_tokens as t')
      .innerJoin('clients as c', 'c.client_id', 't.client_id')
      .select(['t.client_id', 't.scopes', 't.issued_at', 't.expires_at', 'c.active', 'c.roles'])
      .where('t.token_hash', '=', tokenHash)
      .where('t.expires_at', '>', now)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      clientId: row.client_id,
      scopes: fromList(row.scopes),
      issuedAt: row.issued_at,
      expiresAt: row.expires_at,
      clientActive: fromDbBool(row.active),
      clientRoles: fromList(row.roles) as ClientRole[],
    };
  }

  /** Kills every token of a client (disabled, or its secret rotated). Returns how many there were. */
  async deleteForClient(clientId: string): Promise<number> {
    const result = await this.db
      .deleteFrom('oauth_tokens')
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async deleteExpired(now: number): Promise<number> {
    const result = await this.db.deleteFrom('oauth_tokens').where('expires_at', '<=', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
