import type { ExpressionBuilder, Kysely, Selectable } from 'kysely';
import { redactSecrets, type AuditEvent } from '../../domain/audit-event.js';
import type { Actor } from '../../domain/consent.js';
import type { Ids } from '../../ids.js';
import { fromJson, toJson } from '../codecs.js';
import type { DatabaseSchema } from '../tables/database-schema.js';
import type { AuditEventsTable } from '../tables/foundation-tables.js';

/** What a use case records; the repository assigns the event id so events sort in the order written. */
export type NewAuditEvent = Omit<AuditEvent, 'eventId'>;

/** Filters of the audit log (combined with AND); `at` range inclusive, epoch ms. */
export interface AuditQuery {
  actorId?: string;
  action?: string;
  targetType?: string;
  targetId?: string;
  from?: number;
  to?: number;
  limit: number;
  offset: number;
}

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

  /** One page of events matching every given filter, newest first, and the total number of matches. */
  async search(query: AuditQuery): Promise<{ total: number; events: AuditEvent[] }> {
    const filter = (eb: ExpressionBuilder<DatabaseSchema, 'audit_events'>) => {
      const conditions = [];
      if (query.actorId !== undefined) conditions.push(eb('actor_id', '=', query.actorId));
      if (query.action !== undefined) conditions.push(eb('action', '=', query.action));
      if (query.targetType !== undefined) conditions.push(eb('target_type', '=', query.targetType));
      if (query.targetId !== undefined) conditions.push(eb('target_id', '=', query.targetId));
      if (query.from !== undefined) conditions.push(eb('at', '>=', query.from));
      if (query.to !== undefined) conditions.push(eb('at', '<=', query.to));
      return eb.and(conditions);
    };
    const [total, rows] = await Promise.all([
      this.db
        .selectFrom('audit_events')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where(filter)
        .executeTakeFirstOrThrow(),
      this.db
        .selectFrom('audit_events')
        .selectAll()
        .where(filter)
        .orderBy('at', 'desc')
        .orderBy('event_id', 'desc')
        .limit(query.limit)
        .offset(query.offset)
        .execute(),
    ]);
    return { total: Number(total.n), events: rows.map(toAuditEvent) };
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
    return rows.map(toAuditEvent);
  }
}

function toAuditEvent(r: Selectable<AuditEventsTable>): AuditEvent {
  return {
    eventId: r.event_id,
    actor: { type: r.actor_type as Actor['type'], id: r.actor_id },
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    details: fromJson<Record<string, unknown>>(r.details, {}),
    interactionId: r.interaction_id,
    at: r.at,
  };
}
