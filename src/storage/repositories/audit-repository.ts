import type { Kysely } from 'kysely';
import { redactSecrets, type AuditEvent } from '../../domain/audit-event.js';
import type { Actor } from '../../domain/consent.js';
import type { Ids } from '../../ids.js';
import { fromJson, toJson } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';

/** What a use case records; the repository assigns the event id so events sort in the order written. */
export type NewAuditEvent = Omit<AuditEvent, 'eventId'>;

export class AuditRepository {
  constructor(
    private readonly db: Kysely<DatabaseSchema>,
    private readonly ids: Ids,
  ) {}

  async append(event: NewAuditEvent): Promise<void> {
    await this.db
      .insertInto('audit_events')
      .values({
        event_id: this.ids.sortable(),
        actor_type: event.actor.type,
        actor_id: event.actor.id,
        action: event.action,
        target_type: event.targetType,
        target_id: event.targetId,
        details: toJson(redactSecrets(event.details)),
        interaction_id: event.interactionId,
        at: event.at,
      })
      .execute();
  }

  async listForTarget(targetType: string, targetId: string): Promise<AuditEvent[]> {
    const rows = await this.db
      .selectFrom('audit_events')
      .selectAll()
      .where('target_type', '=', targetType)
      .where('target_id', '=', targetId)
      .orderBy('at')
      .orderBy('event_id')
      .execute();
    return rows.map((r) => ({
      eventId: r.event_id,
      actor: { type: r.actor_type as Actor['type'], id: r.actor_id },
      action: r.action,
      targetType: r.target_type,
      targetId: r.target_id,
      details: fromJson<Record<string, unknown>>(r.details, {}),
      interactionId: r.interaction_id,
      at: r.at,
    }));
  }
}
