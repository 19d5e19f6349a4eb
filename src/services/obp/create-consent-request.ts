// createConsentRequest (OBP v5.0.0): a consumer asks for a consent that a user then creates by its id
// (createConsentByConsentRequestId*). The payload is kept as sent; its time to live is checked now
// (OBP-35020) and again when the consent is made.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { ObpConsentRequest, ObpConsentRequestType, ObpVrpTerms } from '../../domain/obp-consent.js';

export interface NewConsentRequest {
  consumerId: string;
  type: ObpConsentRequestType;
  payload: Record<string, unknown>;
  timeToLive?: number;
  vrp?: ObpVrpTerms;
}

export async function createConsentRequest(
  ctx: AppContext,
  input: NewConsentRequest,
): Promise<ObpConsentRequest> {
  if (input.timeToLive !== undefined && input.timeToLive > ctx.config.consentsMaxTimeToLive)
    throw new DomainError('consent.ttl_too_long');
  const request: ObpConsentRequest = {
    consentRequestId: ctx.ids.uuid(),
    consumerId: input.consumerId,
    type: input.type,
    payload: input.payload,
    createdAt: ctx.clock.now(),
    usedAt: null,
    consentId: null,
    vrp: input.vrp ?? null,
  };
  await ctx.storage.transaction((repos) => repos.obpConsentRequests.insert(request));
  return (await ctx.storage.repos.obpConsentRequests.findById(request.consentRequestId))!;
}
