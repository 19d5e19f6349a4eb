// Creating OBP consents and answering their SCA challenge (seed 003): createConsentEmail / Sms / Implicit
// under /banks/BANK_ID/my/consents/SCA_METHOD (any other method OBP-35009), the bank-less v5.1.0
// /my/consents/IMPLICIT, and answerConsentChallenge.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { answerConsentChallenge } from '../../services/obp/answer-consent-challenge.js';
import { createObpConsent } from '../../services/obp/create-obp-consent.js';
import { consentJson, obpConsentTermsOf } from './consent-mappers.js';
import { AnswerBody, PostConsentBody } from './consent-schemas.js';
import { authenticate } from '../kit/authenticate.js';
import { principalOf } from '../kit/principal.js';
import { directLoginScheme } from './obp-auth.js';
import { BankConsentParams, BankScaMethodParams } from './path-params.js';
import { obpRoute } from './versions.js';

/** The version prefix of this call ("v5.1.0"). */
export function apiVersionOf(request: FastifyRequest): string {
  return /^\/obp\/(v\d+\.\d+\.\d+)\//.exec(request.url)?.[1] ?? 'v5.1.0';
}

export async function obpConsentCreateRoutes(
  instance: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Open Bank Project'];

  const create = (request: FastifyRequest, scaMethod: string, body: PostConsentBody) => {
    const user = principalOf(request, 'customer');
    return createObpConsent(ctx, {
      customerId: user.customerId,
      callerConsumerId: user.consumerId,
      scaMethod,
      apiVersion: apiVersionOf(request),
      ...obpConsentTermsOf(body),
    });
  };

  obpRoute(app, '3.1.0', {
    method: 'POST',
    url: '/banks/:BANK_ID/my/consents/:SCA_METHOD',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary: 'Create Consent (EMAIL, SMS or IMPLICIT): INITIATED, a one-time code sent by SCA_METHOD',
      params: BankScaMethodParams,
      body: PostConsentBody,
    },
    handler: async (request, reply) => {
      const view = await create(request, request.params.SCA_METHOD, request.body);
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
      body: PostConsentBody,
    },
    handler: async (request, reply) => {
      const view = await create(request, 'IMPLICIT', request.body);
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
      params: BankConsentParams,
      body: AnswerBody,
    },
    handler: async (request, reply) => {
      const view = await answerConsentChallenge(ctx, {
        consentId: request.params.CONSENT_ID,
        customerId: principalOf(request, 'customer').customerId,
        answer: request.body.answer,
      });
      return reply.status(201).send(consentJson(view));
    },
  });
}
