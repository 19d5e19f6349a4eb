import type { Actor } from './consent.js';

/** Who did what to which thing: every officer, partner and admin action leaves one. */
export interface AuditEvent {
  eventId: string;
  actor: Actor;
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown>;
  interactionId: string | null;
  at: number;
}

/** Secrets never reach the audit log. */
const SECRET_KEYS = /pass(word|code)?|secret|token|otp|code_hash/i;

export function redactSecrets(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(details).map(([key, value]) => [
      key,
      SECRET_KEYS.test(key)
        ? '[redacted]'
        : value !== null && typeof value === 'object' && !Array.isArray(value)
          ? redactSecrets(value as Record<string, unknown>)
          : value,
    ]),
  );
}
