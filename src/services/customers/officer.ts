import type { Actor } from '../../domain/consent.js';

/** A bank officer acting in the portal: who, and the request to trace the audit rows to. */
export interface Officer {
  actor: Actor;
  interactionId: string | null;
}
