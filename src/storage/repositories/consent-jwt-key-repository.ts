import type { Kysely, Selectable } from 'kysely';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { ConsentJwtKeysTable } from '../tables/obp-tables.js';

export interface ConsentJwtKeyRecord {
  kid: string;
  alg: string;
  /** JWK JSON text. */
  privateJwk: string;
  publicJwk: string;
  createdAt: number;
  retiredAt: number | null;
  /** The latest `exp` of a token this key signed: a retired key is published until then. */
  lastTokenExpiresAt: number | null;
}

function toRecord(row: Selectable<ConsentJwtKeysTable>): ConsentJwtKeyRecord {
  return {
    kid: row.kid,
    alg: row.alg,
    privateJwk: row.private_jwk,
    publicJwk: row.public_jwk,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
    lastTokenExpiresAt: row.last_token_expires_at,
  };
}

export class ConsentJwtKeyRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(key: ConsentJwtKeyRecord): Promise<void> {
    await this.db
      .insertInto('consent_jwt_keys')
      .values({
        kid: key.kid,
        alg: key.alg,
        private_jwk: key.privateJwk,
        public_jwk: key.publicJwk,
        created_at: key.createdAt,
        retired_at: key.retiredAt,
        last_token_expires_at: key.lastTokenExpiresAt,
      })
      .execute();
  }

  /** The signing keys not retired, newest first (normally exactly one). */
  async listCurrent(): Promise<ConsentJwtKeyRecord[]> {
    const rows = await this.db
      .selectFrom('consent_jwt_keys')
      .selectAll()
      .where('retired_at', 'is', null)
      .orderBy('created_at', 'desc')
      .orderBy('kid')
      .execute();
    return rows.map(toRecord);
  }

  /** Keys whose public half must be published: current ones, and retired ones with a token still valid. */
  async listPublished(now: number): Promise<ConsentJwtKeyRecord[]> {
    const rows = await this.db
      .selectFrom('consent_jwt_keys')
      .selectAll()
      .where((eb) => eb.or([eb('retired_at', 'is', null), eb('last_token_expires_at', '>', now)]))
      .orderBy('created_at', 'desc')
      .orderBy('kid')
      .execute();
    return rows.map(toRecord);
  }

  async findByKid(kid: string): Promise<ConsentJwtKeyRecord | undefined> {
    const row = await this.db
      .selectFrom('consent_jwt_keys')
      .selectAll()
      .where('kid', '=', kid)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async retireAllExcept(kid: string, at: number): Promise<number> {
    const result = await this.db
      .updateTable('consent_jwt_keys')
      .set({ retired_at: at })
      .where('retired_at', 'is', null)
      .where('kid', '!=', kid)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** Raises the key's last token expiry to `expiresAt` (never lowers it), in one statement. */
  async noteTokenExpiry(kid: string, expiresAt: number): Promise<void> {
    await this.db
      .updateTable('consent_jwt_keys')
      .set({ last_token_expires_at: expiresAt })
      .where('kid', '=', kid)
      .where((eb) =>
        eb.or([eb('last_token_expires_at', 'is', null), eb('last_token_expires_at', '<', expiresAt)]),
      )
      .execute();
  }
}
