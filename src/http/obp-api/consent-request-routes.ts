// OBP consent requests (seed 003): a consumer asks (createConsentRequest, createVRPConsentRequest), reads
// its request (getConsentRequest) and the consent made from it (getConsentByConsentRequestId); a user makes
// the consent by the request id with EMAIL, SMS or IMPLICIT SCA.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { createConsentByRequest } from '../../services/obp/create-consent-by-request.js';
import { createConsentRequest } from '../../services/obp/create-consent-request.js';
import { getConsentByRequest } from '../../services/obp/get-consent-by-request.js';
import { getConsentRequest } from '../../services/obp/get-consent-request.js';
import { vrpTermsOf } from '../../services/obp/vrp-terms.js';
import { apiVersionOf } from './consent-create-routes.js';
import { consentJsonV500, consentRequestJson, vrpRequestPayloadOf } from './consent-mappers.js';
import { ConsentRequestBody, parseValidFrom, VrpConsentRequestBody } from './consent-schemas.js';
import { authenticate } from '../kit/authenticate.js';
import { principalOf } from '../kit/principal.js';
import { directLoginScheme, consumerScheme } from './obp-auth.js';
import { ConsentRequestParams, ConsentRequestScaParams } from './path-params.js';
import { obpRoute } from './versions.js';

export async function obpConsentRequestRoutes(
  instance: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Open Bank Project'];

  obpRoute(app, '5.0.0', {
    method: 'POST',
    url: '/consumer/consent-requests',
    schema: {
      tags,
      summary: 'Create Consent Request (consumer: bearer token from /oauth2/token, or Consumer-Key)',
      body: ConsentRequestBody,
    },
    onRequest: authenticate(consumerScheme(ctx)),
    handler: async (request, reply) => {
      const consumer = principalOf(request, 'consumer').client;
      const body = request.body;
      parseValidFrom(body.valid_from);
      const created = await createConsentRequest(ctx, {
        consumerId: consumer.clientId,
        type: 'standard',
        payload: body,
        ...(body.time_to_live !== undefined ? { timeToLive: body.time_to_live } : {}),
      });
      return reply.status(201).send(consentRequestJson(created));
    },
  });

  obpRoute(app, '5.1.0', {
    method: 'POST',
    url: '/consumer/vrp-consent-requests',
    schema: {
      tags,
      summary: 'Create Consent Request VRP (a PISP consumer): accounts, counterparty and limits',
      body: VrpConsentRequestBody,
    },
    onRequest: authenticate(consumerScheme(ctx, true)),
    handler: async (request, reply) => {
      const consumer = principalOf(request, 'consumer').client;
      const body = request.body;
      parseValidFrom(body.valid_from);
      const vrp = vrpTermsOf(ctx, body);
      const created = await createConsentRequest(ctx, {
        consumerId: consumer.clientId,
        type: 'vrp',
        payload: vrpRequestPayloadOf(body, vrp),
        ...(body.time_to_live !== undefined ? { timeToLive: body.time_to_live } : {}),
        vrp,
      });
      return reply.status(201).send(consentRequestJson(created));
    },
  });

  obpRoute(app, '5.0.0', {
    method: 'GET',
    url: '/consumer/consent-requests/:CONSENT_REQUEST_ID',
    schema: { tags, summary: 'Get Consent Request (its consumer only)', params: ConsentRequestParams },
    onRequest: authenticate(consumerScheme(ctx)),
    handler: async (request) => {
      const consumer = principalOf(request, 'consumer').client;
      const { CONSENT_REQUEST_ID } = request.params;
      return consentRequestJson(await getConsentRequest(ctx, consumer.clientId, CONSENT_REQUEST_ID));
    },
  });

  obpRoute(app, '5.0.0', {
    method: 'POST',
    url: '/consumer/consent-requests/:CONSENT_REQUEST_ID/:SCA_METHOD/consents',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary: 'Create Consent By CONSENT_REQUEST_ID (EMAIL, SMS or IMPLICIT): used once',
      params: ConsentRequestScaParams,
    },
    handler: async (request, reply) => {
      const { CONSENT_REQUEST_ID, SCA_METHOD } = request.params;
      const view = await createConsentByRequest(ctx, {
        consentRequestId: CONSENT_REQUEST_ID,
        scaMethod: SCA_METHOD,
        customerId: principalOf(request, 'customer').customerId,
        callerConsumerId: principalOf(request, 'customer').consumerId,
        apiVersion: apiVersionOf(request),
      });
      return reply.status(201).send(consentJsonV500(view));
    },
  });

  obpRoute(app, '5.0.0', {
    method: 'GET',
    url: '/consumer/consent-requests/:CONSENT_REQUEST_ID/consents',
    schema: {
      tags,
      summary: 'Get Consent By Consent Request Id (the consent consumer only)',
      params: ConsentRequestParams,
    },
    onRequest: authenticate(consumerScheme(ctx)),
    handler: async (request) => {
      const consumer = principalOf(request, 'consumer').client;
      const { CONSENT_REQUEST_ID } = request.params;
      return consentJsonV500(await getConsentByRequest(ctx, consumer.clientId, CONSENT_REQUEST_ID));
    },
  });
}
