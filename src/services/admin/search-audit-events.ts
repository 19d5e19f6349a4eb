// The audit log as officers read it: filters and paging in SQL, newest first.
import type { AppContext } from '../../context.js';
import type { AuditEvent } from '../../domain/audit-event.js';
import type { AuditQuery } from '../../storage/repositories/audit-repository.js';

export function searchAuditEvents(
  ctx: AppContext,
  query: AuditQuery,
): Promise<{ total: number; events: AuditEvent[] }> {
  return ctx.storage.repos.audit.search(query);
}
