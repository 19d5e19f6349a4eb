// OBP consents on the wire, as seed 003's examples: ConsentJsonV310 {consent_id, jwt, status} and
// ConsentJsonV500 (+ consent_request_id, account_access), consent requests {consent_request_id, payload,
// consumer_id}. VRP amounts are exact decimal text inside, JSON numbers on the wire as the seed shows.
import {
  amountOnWire,
  type ObpConsentRequest,
  type ObpVrpLimits,
  type ObpVrpTerms,
} from '../../domain/obp-consent.js';
import type { CreateObpConsentInput } from '../../services/obp/create-obp-consent.js';
import type { ObpConsentView } from '../../services/obp/load-obp-consent.js';
import { parseValidFrom, type PostConsentBody, type VrpConsentRequestBody } from './consent-schemas.js';

/**
 * A createVRPConsentRequest body as the stored request payload: as sent, but the paying account as its
 * terms read it (branch routing filled in); the receiving account stays as sent.
 */
export function vrpRequestPayloadOf(
  body: VrpConsentRequestBody,
  terms: ObpVrpTerms,
): Record<string, unknown> {
  const { from_account: _from, to_account: _to, ...rest } = body;
  return { ...rest, from_account: terms.from_account, to_account: body.to_account };
}

/** What a createConsent* caller does not send: who asks, by which SCA method, under which version. */
type ObpConsentCaller = 'customerId' | 'callerConsumerId' | 'scaMethod' | 'apiVersion';

/** A PostConsentJsonV310 body as the terms of a new consent; the body itself is kept as its receipt. */
export function obpConsentTermsOf(body: PostConsentBody): Omit<CreateObpConsentInput, ObpConsentCaller> {
  return {
    everything: body.everything,
    ...(body.bank_id !== undefined ? { bankId: body.bank_id } : {}),
    views: body.views ?? [],
    entitlements: body.entitlements ?? [],
    ...(body.consumer_id !== undefined ? { consumerId: body.consumer_id } : {}),
    ...(body.email !== undefined ? { email: body.email } : {}),
    ...(body.phone_number !== undefined ? { phoneNumber: body.phone_number } : {}),
    ...(body.valid_from !== undefined ? { validFrom: parseValidFrom(body.valid_from)! } : {}),
    ...(body.time_to_live !== undefined ? { timeToLive: body.time_to_live } : {}),
    receipt: body,
  };
}

export function consentJson(view: ObpConsentView) {
  return { consent_id: view.consent.consentId, jwt: view.obp.jwt, status: view.consent.status };
}

function limitJson(limit: ObpVrpLimits) {
  const json: Record<string, string | number> = { currency: limit.currency };
  // In the stored order; amounts are the decimal texts (sent as JSON numbers), counts the numbers.
  for (const [name, value] of Object.entries<string | number | null>({ ...limit })) {
    if (name === 'currency' || value === null) continue;
    json[name] = typeof value === 'string' ? amountOnWire(value)! : value;
  }
  return json;
}

/** The VRP terms as the seed's createVRPConsentRequest payload shows them. */
function vrpJson(terms: ObpVrpTerms) {
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
