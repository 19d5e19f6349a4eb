// The back office's consent search under /admin (HTTP Basic, role admin), WSO2 style:
// GET /admin/consents -> {data, metadata: {count, offset, limit, total}}, and any consent's status history.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { OBIE_STATUSES, type ConsentDetail } from '../../domain/consent.js';
import { epochSeconds } from '../../domain/date-time.js';
import { DomainError } from '../../domain/errors.js';
import { PORTAL_CONSENT_TYPES } from '../../domain/portal-status.js';
import { getConsentHistory } from '../../services/admin/get-consent-history.js';
import { searchConsentsForBackOffice } from '../../services/admin/search-consents-for-back-office.js';
import { authenticate } from '../kit/authenticate.js';
import { operatorScheme } from '../kit/operator-auth.js';
import { sendSimpleError } from '../kit/simple-errors.js';
import { ConsentIdParams, ConsentSearchQuery } from './consent-schemas.js';
import { ADMIN_API_ERRORS } from './errors.js';

const CONSENT_TYPES = Object.values(PORTAL_CONSENT_TYPES).flatMap((t) => [...t.consentTypes]);
const OBP_STATUSES = ['INITIATED', 'ACCEPTED', 'REJECTED', 'REVOKED', 'EXPIRED'];
const STATUSES = [...OBIE_STATUSES, ...OBP_STATUSES];

/** A comma-separated list parameter; values outside `allowed` (when given) are a 400 naming it. */
function list(value: string | undefined, path: string, allowed?: readonly string[]): string[] | undefined {
  if (value === undefined) return undefined;
  const values = value
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v !== '');
  if (values.length === 0)
    throw new DomainError('request.field_invalid', `${path} must list at least one value`, [{ path }]);
  const bad = allowed === undefined ? undefined : values.find((v) => !allowed.includes(v));
  if (allowed !== undefined && bad !== undefined)
    throw new DomainError(
      'request.field_invalid',
      `${path} must be among ${allowed.join(', ')}; got ${bad}`,
      [{ path, message: `${path} must be among ${allowed.join(', ')}` }],
    );
  return values;
}

function consentResource({ consent, attributes, authorisations }: ConsentDetail) {
  return {
    consentID: consent.consentId,
    consentType: consent.consentType,
    currentStatus: consent.status,
    clientID: consent.clientId,
    createdTimestamp: epochSeconds(consent.createdAt),
    updatedTimestamp: epochSeconds(consent.updatedAt),
    validityPeriod: consent.expiresAt === null ? 0 : epochSeconds(consent.expiresAt),
    consentFrequency: consent.frequency,
    recurringIndicator: consent.recurringIndicator,
    receipt: JSON.parse(consent.receipt) as unknown,
    consentAttributes: attributes,
    authorizationResources: authorisations.map((a) => ({
      authorizationID: a.authorisationId,
      consentID: consent.consentId,
      userID: a.userId,
      authorizationStatus: a.status,
      authorizationType: a.type,
      updatedTime: epochSeconds(a.updatedAt),
    })),
    consentMappingResources: authorisations.flatMap((a) =>
      a.mappings.map((m) => ({
        mappingID: m.mappingId,
        authorizationID: a.authorisationId,
        accountID: m.accountId,
        permission: m.permission,
        mappingStatus: m.mappingStatus,
      })),
    ),
  };
}

export async function adminConsentRoutes(
  instance: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  // Only the error handler: /admin's not-found handler belongs to adminApiRoutes (one per prefix).
  app.setErrorHandler((error, request, reply) => sendSimpleError(request, reply, error, ADMIN_API_ERRORS));
  app.addHook('onRequest', authenticate(operatorScheme(ctx, ['admin'])));
  const tags = ['Admin: consents'];

  app.get('/consents', { schema: { tags, querystring: ConsentSearchQuery } }, async (request) => {
    const query = request.query;
    if (query.fromTime !== undefined && query.toTime !== undefined && query.fromTime > query.toTime)
      throw new DomainError('request.date_invalid', 'fromTime must not be after toTime', [
        { path: 'fromTime' },
      ]);
    const consentIds = list(query.consentIDs, 'consentIDs');
    const clientIds = list(query.clientIDs, 'clientIDs');
    const consentTypes = list(query.consentTypes, 'consentTypes', CONSENT_TYPES);
    const consentStatuses = list(query.consentStatuses, 'consentStatuses', STATUSES);
    const userIds = list(query.userIDs, 'userIDs');
    const { total, items } = await searchConsentsForBackOffice(ctx, {
      ...(consentIds ? { consentIds } : {}),
      ...(clientIds ? { clientIds } : {}),
      ...(consentTypes ? { consentTypes } : {}),
      ...(consentStatuses ? { consentStatuses } : {}),
      ...(userIds ? { userIds } : {}),
      ...(query.fromTime !== undefined ? { from: query.fromTime * 1000 } : {}),
      ...(query.toTime !== undefined ? { to: query.toTime * 1000 + 999 } : {}),
      limit: query.limit,
      offset: query.offset,
    });
    return {
      data: items.map(consentResource),
      metadata: { count: items.length, offset: query.offset, limit: query.limit, total },
    };
  });

  app.get('/consents/:consentId/history', { schema: { tags, params: ConsentIdParams } }, async (request) => {
    const { consentId } = request.params;
    const history = await getConsentHistory(ctx, consentId);
    return {
      data: history.map((h) => ({
        consentID: h.consentId,
        previousStatus: h.fromStatus,
        currentStatus: h.toStatus,
        reason: h.reason,
        actorType: h.actor.type,
        actionBy: h.actor.id,
        timestamp: epochSeconds(h.at),
      })),
    };
  });
}
