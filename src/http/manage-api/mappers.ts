// Domain <-> wire for the Consent Manage API (seed 002 shapes).
import type { Static } from 'typebox';
import type { Consent, ConsentDetail } from '../../domain/consent.js';
import type { ConsentUpdate } from '../../services/consents/update-consent.js';
import { epochSeconds, formatDateTime } from '../../domain/date-time.js';
import { resourceOfKind } from '../ob/consent-resources.js';
import { MANAGE_API_PREFIX } from '../ob/route-prefixes.js';
import { parseReceipt } from '../ob/receipt.js';
import type { UpdateConsentBody } from './schemas.js';
import { withStoredExpiry } from './stored-expiry.js';

/** The OB consent response: the request's Data plus server fields, Risk, Links.Self and Meta. */
export function toConsentResponse(
  consent: Pick<
    Consent,
    'consentId' | 'status' | 'receipt' | 'createdAt' | 'statusUpdatedAt' | 'kind' | 'expiresAt'
  >,
  baseUrl: string,
) {
  const { data, risk, offset } = parseReceipt(consent.receipt);
  return {
    Data: {
      ...withStoredExpiry(data, consent.kind, consent.expiresAt, offset),
      ConsentId: consent.consentId,
      Status: consent.status,
      CreationDateTime: formatDateTime(consent.createdAt, offset),
      StatusUpdateDateTime: formatDateTime(consent.statusUpdatedAt, offset),
    },
    ...(risk !== undefined ? { Risk: risk } : {}),
    Links: { Self: `${baseUrl}${MANAGE_API_PREFIX}/${resourceOfKind(consent.kind)}/${consent.consentId}` },
    Meta: {},
  };
}

/** The internal detail view (x-wso2-internal-request: true), exactly the seed's fields. */
export function toInternalDetail(detail: ConsentDetail) {
  const { consent } = detail;
  return {
    consentID: consent.consentId,
    clientID: consent.clientId,
    consentType: consent.consentType,
    status: consent.status,
    validityPeriod: consent.expiresAt === null ? 0 : epochSeconds(consent.expiresAt),
    createdTime: epochSeconds(consent.createdAt),
    updatedTime: epochSeconds(consent.updatedAt),
    recurringIndicator: consent.recurringIndicator,
    consentFrequency: consent.frequency,
    receipt: consent.receipt,
    consentAttributes: detail.attributes,
    authorizationResources: detail.authorisations.map((a) => ({
      authorizationID: a.authorisationId,
      authorizationType: a.type,
      authorizationStatus: a.status,
      ...(a.userId !== null ? { userID: a.userId } : {}),
      resources: a.mappings.map((m) => ({
        mappingID: m.mappingId,
        accountID: m.accountId,
        permission: m.permission,
        mappingStatus: m.mappingStatus,
      })),
    })),
  };
}

/** The internal PUT body (seed 002 names) as the update use case reads it; absent and null stay apart. */
export function toConsentUpdate(body: Static<typeof UpdateConsentBody>): ConsentUpdate {
  const authorisations = body.authorizationResources;
  return {
    consentId: body.consentID,
    status: body.status,
    validityPeriod: body.validityPeriod,
    recurringIndicator: body.recurringIndicator,
    consentFrequency: body.consentFrequency,
    receipt: body.receipt,
    consentAttributes: body.consentAttributes,
    authorizationResources:
      authorisations == null
        ? authorisations
        : authorisations.map((a) => ({
            authorisationId: a.authorizationID,
            userId: a.userID ?? null,
            type: a.authorizationType,
            status: a.authorizationStatus,
            resources: (a.resources ?? []).map((r) => ({
              mappingId: r.mappingID,
              accountId: r.accountID,
              permission: r.permission,
              mappingStatus: r.mappingStatus,
            })),
          })),
  };
}
