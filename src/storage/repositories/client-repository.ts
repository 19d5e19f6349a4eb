import type { Kysely, Selectable } from 'kysely';
import type { Client, ClientRole } from '../../domain/client.js';
import { fromDbBool, fromList, fromNetworks, toDbBool, toList, toNetworks } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { ClientsTable } from '../tables/foundation-tables.js';

export interface ClientRecord extends Client {
  secretHash: string;
}

function toRecord(row: Selectable<ClientsTable>): ClientRecord {
  return {
    clientId: row.client_id,
    name: row.name,
    shortName: row.short_name,
    secretHash: row.secret_hash,
    roles: fromList(row.roles) as ClientRole[],
    consumerKey: row.consumer_key,
    certThumbprint: row.cert_thumbprint,
    certSubjectDn: row.cert_subject_dn,
    active: fromDbBool(row.active),
    serviceAccount: fromDbBool(row.service_account),
    allowedSources: fromNetworks(row.allowed_sources),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class ClientRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async findById(clientId: string): Promise<ClientRecord | undefined> {
    const row = await this.db
      .selectFrom('clients')
      .selectAll()
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async findByShortName(shortName: string): Promise<ClientRecord | undefined> {
    const row = await this.db
      .selectFrom('clients')
      .selectAll()
      .where('short_name', '=', shortName)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async findByConsumerKey(consumerKey: string): Promise<ClientRecord | undefined> {
    const row = await this.db
      .selectFrom('clients')
      .selectAll()
      .where('consumer_key', '=', consumerKey)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  async findByCertThumbprint(thumbprint: string): Promise<ClientRecord | undefined> {
    const row = await this.db
      .selectFrom('clients')
      .selectAll()
      .where('cert_thumbprint', '=', thumbprint)
      .executeTakeFirst();
    return row && toRecord(row);
  }

  /** Binds a certificate to the client (or unbinds it with nulls). */
  async setCertificate(
    clientId: string,
    certificate: { thumbprint: string | null; subjectDn: string | null },
    at: number,
  ): Promise<void> {
    await this.db
      .updateTable('clients')
      .set({
        cert_thumbprint: certificate.thumbprint,
        cert_subject_dn: certificate.subjectDn,
        updated_at: at,
      })
      .where('client_id', '=', clientId)
      .execute();
  }

  async list(): Promise<ClientRecord[]> {
    const rows = await this.db
      .selectFrom('clients')
      .selectAll()
      .orderBy('created_at')
      .orderBy('client_id')
      .execute();
    return rows.map(toRecord);
  }

  async insert(client: ClientRecord): Promise<void> {
    await this.db
      .insertInto('clients')
      .values({
        client_id: client.clientId,
        name: client.name,
        short_name: client.shortName,
        secret_hash: client.secretHash,
        roles: toList(client.roles),
        consumer_key: client.consumerKey,
        cert_thumbprint: client.certThumbprint,
        cert_subject_dn: client.certSubjectDn,
        active: toDbBool(client.active),
        service_account: toDbBool(client.serviceAccount),
        allowed_sources: toNetworks(client.allowedSources),
        created_at: client.createdAt,
        updated_at: client.updatedAt,
      })
      .execute();
  }

  async update(
    clientId: string,
    changes: {
      serviceAccount?: boolean;
      allowedSources?: string[];
      name?: string;
      roles?: ClientRole[];
      active?: boolean;
      secretHash?: string;
      shortName?: string | null;
    },
    at: number,
  ): Promise<void> {
    await this.db
      .updateTable('clients')
      .set({
        ...(changes.name !== undefined ? { name: changes.name } : {}),
        ...(changes.roles !== undefined ? { roles: toList(changes.roles) } : {}),
        ...(changes.active !== undefined ? { active: toDbBool(changes.active) } : {}),
        ...(changes.secretHash !== undefined ? { secret_hash: changes.secretHash } : {}),
        ...(changes.shortName !== undefined ? { short_name: changes.shortName } : {}),
        ...(changes.serviceAccount !== undefined
          ? { service_account: toDbBool(changes.serviceAccount) }
          : {}),
        ...(changes.allowedSources !== undefined
          ? { allowed_sources: toNetworks(changes.allowedSources) }
          : {}),
        updated_at: at,
      })
      .where('client_id', '=', clientId)
      .execute();
  }
}
