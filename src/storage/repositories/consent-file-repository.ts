import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../tables/database-schema.js';

export interface ConsentFile {
  consentId: string;
  contentType: string;
  content: Buffer;
  sha256: string;
  size: number;
  uploadedAt: number;
}

export class ConsentFileRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(file: ConsentFile): Promise<void> {
    await this.db
      .insertInto('consent_files')
      .values({
        consent_id: file.consentId,
        content_type: file.contentType,
        content: file.content,
        sha256: file.sha256,
        size: file.size,
        uploaded_at: file.uploadedAt,
      })
      .execute();
  }

  async find(consentId: string): Promise<ConsentFile | undefined> {
    const row = await this.db
      .selectFrom('consent_files')
      .selectAll()
      .where('consent_id', '=', consentId)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      consentId: row.consent_id,
      contentType: row.content_type,
      content: Buffer.from(row.content),
      sha256: row.sha256,
      size: row.size,
      uploadedAt: row.uploaded_at,
    };
  }
}
