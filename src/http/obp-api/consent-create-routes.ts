// Creating OBP consents and answering their SCA challenge (seed 003): createConsentEmail / Sms / Implicit
// under /banks/BANK_ID/my/consents/SCA_METHOD (any other method OBP-35009), the bank-less v5.1.0
// /my/consents/IMPLICIT, and answerConsentChallenge.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { answerConsentChallenge } from '../../services/obp/answer-consent-challenge.js';
import { createObpConsent } from '../../services/obp/create-obp-consent.js';
import { consentJson } from './consent-mappers.js';
import {
  answerBodySchema,
  parseValidFrom,
  postConsentBodySchema,
  type PostConsentBody,
} from './consent-schemas.js';
import { authenticate } from '../kit/authenticate.js';
import { principalOf } from '../kit/principal.js';
import { directLoginScheme } from './obp-auth.js';
import { obpRoute } from './versions.js';

/** The version prefix of this call ("v5.1.0"). */
export function apiVersionOf(request: FastifyRequest): string {
  return /^\/obp\/(v\d+\.\d+\.\d+)\//.exec(request.url)?.[1] ?? 'v5.1.0';
}

export async function obpConsentCreateRoutes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const tags = ['Open Bank Project'];

  const create = (scaMethod: (request: FastifyRequest) => string) => async (request: FastifyRequest) => {
    const user = principalOf(request, 'customer');
    const body = request.body as PostConsentBody;
    return createObpConsent(ctx, {
      customerId: user.customerId,
      callerConsumerId: user.consumerId,
      scaMethod: scaMethod(request),
      apiVersion: apiVersionOf(request),
      everything: body.everything,
      ...(body.bank_id !== undefined ? { bankId: body.bank_id } : {}),
      views: body.views ?? [],
      entitlements: body.entitlements ?? [],
      ...(body.consumer_id !== undefined ? { consumerId: body.consumer_id } : {}),
      ...(body.email !== undefined ? { email: body.email } : {}),
      ...(body.phone_number !== undefined ? { phoneNumber: body.phone_number } : {}),
      ...(body.valid_from !== undefined ? { validFrom: parseValidFrom(body.valid_from)! } : {}),
      ...(body.time_to_live !== undefined ? { timeToLive: body.time_to_live } : {}),
      receipt: body as unknown as Record<string, unknown>,
    });
  };

  obpRoute(app, '3.1.0', {
    method: 'POST',
    url: '/banks/:BANK_ID/my/consents/:SCA_METHOD',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary: 'Create Consent (EMAIL, SMS or IMPLICIT): INITIATED, a one-time code sent by SCA_METHOD',
      body: postConsentBodySchema,
    },
    handler: async (request, reply) => {
      const view = await create((r) => (r.params as { SCA_METHOD: string }).SCA_METHOD)(request);
      return reply.status(201).send(consentJson(view));
    },
  });

  obpRoute(app, '5.1.0', {
    method: 'POST',
    url: '/my/consents/IMPLICIT',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary: 'Create Consent (IMPLICIT), bank-less form: the code goes to the user e-mail',
      body: postConsentBodySchema,
    },
    handler: async (request, reply) => {
      const view = await create(() => 'IMPLICIT')(request);
      return reply.status(201).send(consentJson(view));
    },
  });

  obpRoute(app, '3.1.0', {
    method: 'POST',
    url: '/banks/:BANK_ID/consents/:CONSENT_ID/challenge',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary: 'Answer Consent Challenge: the first answer decides (ACCEPTED or REJECTED)',
      body: answerBodySchema,
    },
    handler: async (request, reply) => {
      const { CONSENT_ID } = request.params as { CONSENT_ID: string };
      const view = await answerConsentChallenge(ctx, {
        consentId: CONSENT_ID,
        customerId: principalOf(request, 'customer').customerId,
        answer: (request.body as { answer: string }).answer,
      });
      return reply.status(201).send(consentJson(view));
    },
  });
}
