import type { Kysely, Selectable } from 'kysely';
import type { OutboxMessage } from '../../domain/otp-message.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { DevOutboxTable } from '../tables/obp-tables.js';

function toMessage(row: Selectable<DevOutboxTable>): OutboxMessage {
  return {
    messageId: row.message_id,
    channel: row.channel as OutboxMessage['channel'],
    to: row.recipient,
    subject: row.subject,
    text: row.body,
    code: row.code,
    consentId: row.consent_id,
    createdAt: row.created_at,
  };
}

export class DevOutboxRepository {
  constructor(private readonly db: Kysely<DatabaseSchema>) {}

  async insert(message: OutboxMessage): Promise<void> {
    await this.db
      .insertInto('dev_outbox')
      .values({
        message_id: message.messageId,
        channel: message.channel,
        recipient: message.to,
        subject: message.subject,
        body: message.text,
        code: message.code,
        consent_id: message.consentId,
        created_at: message.createdAt,
      })
      .execute();
  }

  /** Newest first; to one recipient when `to` is given. */
  async list(options: { to?: string; limit: number }): Promise<OutboxMessage[]> {
    let query = this.db.selectFrom('dev_outbox').selectAll();
    if (options.to !== undefined) query = query.where('recipient', '=', options.to);
    const rows = await query
      .orderBy('created_at', 'desc')
      .orderBy('message_id', 'desc')
      .limit(options.limit)
      .execute();
    return rows.map(toMessage);
  }
}
