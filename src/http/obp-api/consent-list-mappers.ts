// OBP consent lists on the wire, as seed 003's examples: getMyConsents {consents: [{consent_id, jwt, status,
// api_standard, api_version}]}, getConsentInfos (+ consumer_id, created_by_user_id, last_action_date,
// last_usage_date, without the JWT) and getConsentsAtBank (+ consent_reference_id, jwt_payload).
import { decodeJwt } from 'jose';
import type { ObpConsentView } from '../../services/obp/load-obp-consent.js';

/** OBP consents are OBP-standard ones (Berlin Group consents would say "Berlin Group"). */
const API_STANDARD = 'OBP';

/** OBP writes instants without milliseconds: 2021-04-08T09:12:27Z. */
function instant(epochMs: number): string {
  return new Date(epochMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** OBP's last_action_date is a date: 2020-01-27. */
function day(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

export function myConsentJson({ consent, obp }: ObpConsentView) {
  return {
    consent_id: consent.consentId,
    jwt: obp.jwt,
    status: consent.status,
    api_standard: API_STANDARD,
    api_version: obp.apiVersion,
  };
}

export function consentInfoJson({ consent, obp }: ObpConsentView) {
  return {
    consent_id: consent.consentId,
    consumer_id: consent.clientId,
    created_by_user_id: obp.createdByUserId,
    last_action_date: day(consent.statusUpdatedAt),
    last_usage_date: consent.lastUsageAt === null ? null : instant(consent.lastUsageAt),
    status: consent.status,
    api_standard: API_STANDARD,
    api_version: obp.apiVersion,
  };
}

export function consentAtBankJson(view: ObpConsentView) {
  const { consent_id, ...info } = consentInfoJson(view);
  return {
    consent_reference_id: consent_id,
    consumer_id: info.consumer_id,
    created_by_user_id: info.created_by_user_id,
    status: info.status,
    last_action_date: info.last_action_date,
    last_usage_date: info.last_usage_date,
    jwt: view.obp.jwt,
    jwt_payload: decodeJwt(view.obp.jwt),
    api_standard: info.api_standard,
    api_version: info.api_version,
  };
}
