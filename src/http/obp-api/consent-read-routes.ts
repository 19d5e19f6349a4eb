// Reading OBP consents (seed 003, ref/README.md §8): getConsentByConsentId as its user
// (/user/current/consents/ID, older builds /consumer/consents/ID) and via its consumer
// (/consumer/current/consents/ID), getMyConsents (/my/consents, /banks/BANK_ID/my/consents),
// getConsentInfos and the management search getConsentsAtBank.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { requireAnyRole } from '../../services/obp/entitlements.js';
import { getObpConsentAs } from '../../services/obp/get-obp-consent-as.js';
import { searchObpConsents } from '../../services/obp/search-obp-consents.js';
import { consentAtBankJson, consentInfoJson, myConsentJson } from './consent-list-mappers.js';
import { consentJsonV500 } from './consent-mappers.js';
import { ManagementQuery } from './consent-schemas.js';
import { authenticate } from '../kit/authenticate.js';
import { principalOf } from '../kit/principal.js';
import { directLoginScheme, consumerKeyScheme } from './obp-auth.js';
import { BankParams, ConsentParams } from './path-params.js';
import { obpRoute } from './versions.js';

/** A user's own lists are not paged by OBP; this bounds one answer. */
const MY_CONSENTS_LIMIT = 500;

/** An OBP paging parameter: absent = `fallback`; anything but a whole number >= `min` is a 400. */
function pagingNumber(raw: string | undefined, name: 'limit' | 'offset', fallback: number, min: number) {
  if (raw === undefined) return fallback;
  const n = /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : NaN;
  if (!Number.isInteger(n) || n < min)
    throw new DomainError(name === 'limit' ? 'request.limit_invalid' : 'request.offset_invalid', undefined, [
      { path: name },
    ]);
  return n;
}

const GET_CONSENTS_ROLES = ['CanGetConsentsAtOneBank', 'CanGetConsentsAtAnyBank'] as const;

export async function obpConsentReadRoutes(
  instance: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Open Bank Project'];

  for (const url of ['/user/current/consents/:CONSENT_ID', '/consumer/consents/:CONSENT_ID'])
    obpRoute(app, '5.1.0', {
      method: 'GET',
      url,
      onRequest: authenticate(directLoginScheme(ctx)),
      schema: {
        tags,
        summary: 'Get Consent By Consent Id (the consent of the current user)',
        params: ConsentParams,
      },
      handler: async (request) =>
        consentJsonV500(
          await getObpConsentAs(ctx, request.params.CONSENT_ID, {
            customerId: principalOf(request, 'customer').customerId,
          }),
        ),
    });

  obpRoute(app, '5.1.0', {
    method: 'GET',
    url: '/consumer/current/consents/:CONSENT_ID',
    schema: {
      tags,
      summary: 'Get Consent By Consent Id via Consumer (Consumer-Key: the consent of this consumer)',
      params: ConsentParams,
    },
    onRequest: authenticate(consumerKeyScheme(ctx)),
    handler: async (request) => {
      const consumer = principalOf(request, 'consumer').client;
      return consentJsonV500(
        await getObpConsentAs(ctx, request.params.CONSENT_ID, { consumerId: consumer.clientId }),
      );
    },
  });

  const myConsents = async (request: FastifyRequest) => {
    const { views } = await searchObpConsents(ctx, {
      userId: principalOf(request, 'customer').customerId,
      limit: MY_CONSENTS_LIMIT,
      offset: 0,
    });
    return views;
  };
  obpRoute(app, '5.1.0', {
    method: 'GET',
    url: '/my/consents',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: { tags, summary: 'Get My Consents (created by the current user), newest first' },
    handler: async (request) => ({ consents: (await myConsents(request)).map(myConsentJson) }),
  });
  obpRoute(app, '3.1.0', {
    method: 'GET',
    url: '/banks/:BANK_ID/my/consents',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: { tags, summary: 'Get My Consents at the bank, newest first', params: BankParams },
    handler: async (request) => ({ consents: (await myConsents(request)).map(myConsentJson) }),
  });
  obpRoute(app, '4.0.0', {
    method: 'GET',
    url: '/banks/:BANK_ID/my/consent-infos',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: { tags, summary: 'Get My Consents Info (without the JWTs)', params: BankParams },
    handler: async (request) => ({ consents: (await myConsents(request)).map(consentInfoJson) }),
  });

  obpRoute(app, '5.1.0', {
    method: 'GET',
    url: '/management/consents/banks/:BANK_ID',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary:
        'Get Consents at Bank (CanGetConsentsAtOneBank / AtAnyBank): limit (50), offset, consumer_id, user_id, status',
      params: BankParams,
      querystring: ManagementQuery,
    },
    handler: async (request) => {
      await requireAnyRole(
        ctx,
        principalOf(request, 'customer').customerId,
        ctx.config.obpBankId,
        GET_CONSENTS_ROLES,
      );
      const query = request.query;
      const { views } = await searchObpConsents(ctx, {
        ...(query.consumer_id !== undefined ? { consumerId: query.consumer_id } : {}),
        ...(query.user_id !== undefined ? { userId: query.user_id } : {}),
        ...(query.status !== undefined ? { status: query.status.toUpperCase() } : {}),
        limit: pagingNumber(query.limit, 'limit', 50, 1),
        offset: pagingNumber(query.offset, 'offset', 0, 0),
      });
      return { consents: views.map(consentAtBankJson) };
    },
  });
}
