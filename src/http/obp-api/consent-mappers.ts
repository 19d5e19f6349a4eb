// OBP consents on the wire, as seed 003's examples: ConsentJsonV310 {consent_id, jwt, status} and
// ConsentJsonV500 (+ consent_request_id, account_access), consent requests {consent_request_id, payload,
// consumer_id}. VRP amounts are exact decimal text inside, JSON numbers on the wire as the seed shows.
import {
  amountOnWire,
  VRP_AMOUNT_LIMITS,
  type ObpConsentRequest,
  type ObpVrpLimits,
  type ObpVrpTerms,
} from '../../domain/obp-consent.js';
import type { ObpConsentView } from '../../services/obp/load-obp-consent.js';

export function consentJson(view: ObpConsentView) {
  return { consent_id: view.consent.consentId, jwt: view.obp.jwt, status: view.consent.status };
}

function limitJson(limit: ObpVrpLimits) {
  const json: Record<string, string | number> = { currency: limit.currency };
  for (const [name, value] of Object.entries(limit)) {
    if (name === 'currency' || value === null) continue;
    json[name] = (VRP_AMOUNT_LIMITS as readonly string[]).includes(name)
      ? amountOnWire(value as string)!
      : (value as number);
  }
  return json;
}

/** The VRP terms as the seed's createVRPConsentRequest payload shows them. */
export function vrpJson(terms: ObpVrpTerms) {
  const { counterparty_name, limit, ...to } = terms.to_account;
  return {
    from_account: terms.from_account,
    to_account: {
      ...to,
      ...(counterparty_name !== null ? { counterparty_name } : {}),
      limit: limitJson(limit),
    },
  };
}

/** ConsentJsonV500: made from a consent request; a VRP one also says its account and counterparty. */
export function consentJsonV500(view: ObpConsentView) {
  const { obp, request } = view;
  const vrpView = obp.counterpartyId !== null ? obp.views[0] : undefined;
  return {
    ...consentJson(view),
    ...(obp.consentRequestId !== null ? { consent_request_id: obp.consentRequestId } : {}),
    ...(vrpView
      ? {
          account_access: {
            bank_id: vrpView.bank_id,
            account_id: vrpView.account_id,
            view_id: vrpView.view_id,
            helper_info: { counterparty_id: [obp.counterpartyId!] },
          },
        }
      : {}),
    // Beyond the seed: the VRP terms the consent carries (limits as the consent request stored them).
    ...(request?.vrp ? { vrp: vrpJson(request.vrp) } : {}),
  };
}

export function consentRequestJson(request: ObpConsentRequest) {
  return {
    consent_request_id: request.consentRequestId,
    payload: request.vrp ? { ...request.payload, ...vrpJson(request.vrp) } : request.payload,
    consumer_id: request.consumerId,
  };
}
