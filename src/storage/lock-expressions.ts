// Lockout conditions shared by the tables that lock after failed logins (operators, issuing partners).
import type { ExpressionBuilder, ExpressionWrapper, SqlBool } from 'kysely';
import type { DatabaseSchema } from './tables/database-schema.js';

type LockableTable = 'operators' | 'issuing_partners';

/** No lock is in force at `now`: locked_until is unset or already past. */
export function notLockedAt(
  eb: ExpressionBuilder<DatabaseSchema, LockableTable>,
  now: number,
): ExpressionWrapper<DatabaseSchema, LockableTable, SqlBool> {
  return eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', now)]);
}
