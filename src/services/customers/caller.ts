import type { Actor } from '../../domain/consent.js';

export interface Caller {
  partnerClientId: string;
  actor: Actor;
  interactionId: string | null;
}
