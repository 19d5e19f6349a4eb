// The Confirmation of Funds consent management API (seed 004) under /api/consent-mgt/cof/v3.0, for CBPIIs
// holding a `fundsconfirmations` client-credentials token.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { isObieStatus, OBIE_STATUSES, type Actor } from '../../domain/consent.js';
import { parseIsoDateTime } from '../../domain/date-time.js';
import { DomainError } from '../../domain/errors.js';
import { bindFundsConsentUser } from '../../services/funds/bind-funds-consent-user.js';
import { confirmFunds } from '../../services/funds/confirm-funds.js';
import { createConsent } from '../../services/consents/create-consent.js';
import { getConsent } from '../../services/consents/get-consent.js';
import { revokeConsent } from '../../services/consents/revoke-consent.js';
import { searchFundsConsents } from '../../services/funds/search-funds-consents.js';
import { validateFundsConsent } from '../../services/funds/validate-funds-consent.js';
import { OB_ERRORS } from '../ob/ob-error-map.js';
import { OB_REQUEST_SCHEMAS } from '../ob/ob-request-schemas.js';
import { authenticate } from '../kit/authenticate.js';
import { clientScheme } from '../kit/bearer-auth.js';
import { principalOf } from '../kit/principal.js';
import { ensureAcceptsJson, methodNotAllowed, requireJson } from '../kit/content-negotiation.js';
import { installObErrorHandling, sendObError } from '../ob/ob-errors.js';
import { installRateLimit } from '../kit/rate-limit.js';
import { validateObBody } from '../ob/ob-body-validation.js';
import { baseUrlOf, headerValue } from '../kit/request-context.js';
import { COF_API_ERRORS } from './errors.js';
import {
  toConfirmFundsInput,
  toFundsConfirmationResponse,
  toFundsConsentResponse,
  toSearchItem,
  toUserConsentResponse,
} from './mappers.js';
import {
  ConsentHeaders,
  ConsentIdParams,
  OptionalHeaders,
  SearchQuery,
  UserConsentBody,
  ValidationBody,
} from './schemas.js';
import { JSON_BODY_LIMITS, limitJsonBodies } from '../kit/body-limits.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** x-fapi-financial-id must be sent (seed 004 lists it as mandatory on the consent resource). */
    financialIdRequired?: boolean;
  }
}

const RESOURCE = 'funds-confirmation-consents';
const KIND = 'funds-confirmation';

/** The CBPII calling (every route is behind the client scheme). */
function clientOf(request: FastifyRequest): string {
  return principalOf(request, 'client').clientId;
}

function tppActor(request: FastifyRequest): Actor {
  return { type: 'tpp', id: clientOf(request) };
}

/** x-fapi-financial-id names the ASPSP: missing where mandatory is a 400, another bank's id a 403. */
function checkFinancialId(ctx: AppContext, request: FastifyRequest): void {
  const sent = headerValue(request, 'x-fapi-financial-id');
  if (sent === undefined || sent === '') {
    if (request.routeOptions.config?.financialIdRequired)
      throw new DomainError('request.header_missing', 'x-fapi-financial-id is required', [
        { path: 'x-fapi-financial-id', message: 'x-fapi-financial-id is required' },
      ]);
    return;
  }
  if (sent !== ctx.config.financialId)
    throw new DomainError('auth.forbidden', 'x-fapi-financial-id does not identify this ASPSP', [
      { path: 'x-fapi-financial-id', message: 'x-fapi-financial-id does not identify this ASPSP' },
    ]);
}

function list(value: string | undefined): string[] | undefined {
  if (value === undefined) return undefined;
  const items = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);
  return items.length > 0 ? items : undefined;
}

function timestamp(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const at = parseIsoDateTime(value);
  if (at === undefined)
    throw new DomainError('request.date_invalid', `${name} must be an ISO 8601 date-time with offset`, [
      { path: name },
    ]);
  return at;
}

/** Endpoints naming the consent in the body answer an unknown consent with 400, as the manage API does. */
const bodyReferenceErrors = (error: unknown, request: FastifyRequest, reply: FastifyReply) =>
  sendObError(request, reply, error, OB_ERRORS);

export async function fundsConfirmationApiRoutes(
  instance: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  installObErrorHandling(app, COF_API_ERRORS);
  limitJsonBodies(app, JSON_BODY_LIMITS.funds);
  // Clients often send Content-Type: application/json on GET and DELETE too: an empty body is no body.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) =>
    body === '' ? done(null, undefined) : parseJson(request, body as string, done),
  );
  // Authentication first (onRequest): an unauthenticated caller learns nothing about bodies or ids. Then
  // the rate limit, per client, so one CBPII over its budget never slows another.
  app.addHook('onRequest', authenticate(clientScheme(ctx, 'fundsconfirmations')));
  app.addHook('onRequest', async (request) => checkFinancialId(ctx, request));
  await installRateLimit(
    app,
    ctx,
    (request) => `cof:${request.principal?.kind === 'client' ? request.principal.clientId : request.ip}`,
  );
  const tags = ['Funds confirmation'];

  app.post(
    `/${RESOURCE}`,
    {
      config: { financialIdRequired: true },
      preValidation: requireJson,
      schema: { tags, summary: 'Create a funds-confirmation consent', headers: ConsentHeaders },
    },
    async (request, reply) => {
      const body = validateObBody(OB_REQUEST_SCHEMAS[RESOURCE], request.body);
      const { consent } = await createConsent(ctx, {
        kind: KIND,
        clientId: clientOf(request),
        body,
        actor: tppActor(request),
      });
      return reply.status(201).send(toFundsConsentResponse(consent, baseUrlOf(ctx, request)));
    },
  );

  app.get(
    `/${RESOURCE}`,
    {
      schema: {
        tags,
        summary: "Search the client's funds-confirmation consents",
        headers: OptionalHeaders,
        querystring: SearchQuery,
      },
    },
    async (request) => {
      ensureAcceptsJson(request);
      const query = request.query;
      const requested = list(query.status);
      const statuses = requested?.filter(isObieStatus);
      if (requested !== undefined && statuses?.length !== requested.length)
        throw new DomainError('request.field_invalid', `status must be one of ${OBIE_STATUSES.join(', ')}`, [
          { path: 'status' },
        ]);
      const from = timestamp(query.fromTimestamp, 'fromTimestamp');
      const to = timestamp(query.toTimestamp, 'toTimestamp');
      if (from !== undefined && to !== undefined && from > to)
        throw new DomainError('request.date_invalid', 'fromTimestamp must not be after toTimestamp', [
          { path: 'fromTimestamp' },
        ]);
      const clientIds = list(query.clientId);
      const userIds = list(query.userId);
      const { count, hits } = await searchFundsConsents(ctx, {
        callerClientId: clientOf(request),
        ...(clientIds ? { clientIds } : {}),
        ...(userIds ? { userIds } : {}),
        ...(statuses ? { statuses } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(to !== undefined ? { to } : {}),
        limit: query.limit,
        offset: query.offset,
      });
      const baseUrl = baseUrlOf(ctx, request);
      return { count, list: hits.map((hit) => toSearchItem(hit, baseUrl)) };
    },
  );

  app.get(
    `/${RESOURCE}/:ConsentId`,
    {
      config: { financialIdRequired: true },
      schema: {
        tags,
        summary: 'Get a funds-confirmation consent',
        headers: ConsentHeaders,
        params: ConsentIdParams,
      },
    },
    async (request) => {
      ensureAcceptsJson(request);
      const { ConsentId } = request.params;
      const consent = await getConsent(ctx, KIND, ConsentId, clientOf(request));
      return toFundsConsentResponse(consent, baseUrlOf(ctx, request));
    },
  );

  app.delete(
    `/${RESOURCE}/:ConsentId`,
    {
      config: { financialIdRequired: true },
      schema: {
        tags,
        summary: 'Revoke a funds-confirmation consent',
        headers: ConsentHeaders,
        params: ConsentIdParams,
      },
    },
    async (request, reply) => {
      const { ConsentId } = request.params;
      await revokeConsent(ctx, {
        kind: KIND,
        consentId: ConsentId,
        clientId: clientOf(request),
        actor: tppActor(request),
        reason: 'Revoked by the CBPII',
      });
      return reply.status(204).send();
    },
  );

  for (const mode of ['bind', 'update'] as const) {
    const route = mode === 'bind' ? app.post.bind(app) : app.put.bind(app);
    route(
      '/funds-confirmation-user-consent',
      {
        errorHandler: bodyReferenceErrors,
        preValidation: requireJson,
        schema: {
          tags,
          summary:
            mode === 'bind'
              ? 'Bind the PSU, the accounts and their decision to a consent'
              : "Change the PSU's binding (accounts, status)",
          headers: OptionalHeaders,
          body: UserConsentBody,
        },
      },
      async (request, reply) => {
        const body = request.body;
        const result = await bindFundsConsentUser(ctx, {
          mode,
          clientId: clientOf(request),
          consentId: body.ConsentId,
          userId: body.userId,
          accountIds: body.accountIds,
          status: body.status,
          ...(body.collectionMethod !== undefined ? { collectionMethod: body.collectionMethod } : {}),
          ...(body.givenTimeStamp !== undefined ? { givenTimestamp: body.givenTimeStamp } : {}),
        });
        return reply.status(mode === 'bind' ? 201 : 200).send(toUserConsentResponse(result));
      },
    );
  }

  app.post(
    '/funds-confirmation-validation',
    {
      errorHandler: bodyReferenceErrors,
      preValidation: requireJson,
      schema: {
        tags,
        summary: 'Is the consent Authorised, unexpired and bound to this client and user?',
        headers: OptionalHeaders,
        body: ValidationBody,
      },
    },
    async (request, reply) => {
      const body = request.body;
      await validateFundsConsent(ctx, {
        callerClientId: clientOf(request),
        clientId: body.clientId,
        userId: body.userId,
        consentId: body.ConsentId,
      });
      return reply.status(200).send();
    },
  );

  app.post(
    '/funds-confirmations',
    {
      errorHandler: bodyReferenceErrors,
      preValidation: requireJson,
      schema: { tags, summary: 'Confirm funds on the debtor account of a consent', headers: OptionalHeaders },
    },
    async (request, reply) => {
      const body = validateObBody(OB_REQUEST_SCHEMAS['funds-confirmations'], request.body);
      const confirmation = await confirmFunds(ctx, {
        clientId: clientOf(request),
        ...toConfirmFundsInput(body),
      });
      return reply.status(201).send(toFundsConfirmationResponse(confirmation, 'Z', baseUrlOf(ctx, request)));
    },
  );

  methodNotAllowed(app, `/${RESOURCE}`, ['GET', 'POST']);
  methodNotAllowed(app, `/${RESOURCE}/:ConsentId`, ['GET', 'DELETE']);
  methodNotAllowed(app, '/funds-confirmation-user-consent', ['POST', 'PUT']);
  methodNotAllowed(app, '/funds-confirmation-validation', ['POST']);
  methodNotAllowed(app, '/funds-confirmations', ['POST']);
}
