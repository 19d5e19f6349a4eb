// Revoking OBP consents (seed 003, ref/README.md §8): revokeConsent (GET .../revoke, v3.1.0), revokeMyConsent
// (DELETE /my/consents/ID) and revokeConsentAtBank (DELETE /banks/BANK_ID/consents/ID, CanRevokeConsentAtBank),
// and selfRevokeConsent (DELETE /my/consent/current: the consent used on this call, by Consent-Id or
// Consent-JWT, revoked by its consumer), each answering {consent_id, jwt, status}.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireAnyRole } from '../../services/obp/entitlements.js';
import { revokeObpConsent } from '../../services/obp/revoke-obp-consent.js';
import { consentJson } from './consent-mappers.js';
import { authenticate } from '../kit/authenticate.js';
import { principalOf } from '../kit/principal.js';
import { directLoginScheme } from './obp-auth.js';
import { consentHolderScheme } from './consent-auth.js';
import { BankConsentParams, ConsentParams } from './path-params.js';
import { obpRoute } from './versions.js';

export async function obpConsentRevokeRoutes(
  instance: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Open Bank Project'];
  const revoke = async (request: FastifyRequest, consentId: string, reason: string) => {
    const customerId = principalOf(request, 'customer').customerId;
    return consentJson(
      await revokeObpConsent(ctx, {
        consentId,
        customerId,
        actor: { type: 'psu', id: customerId },
        reason,
      }),
    );
  };

  obpRoute(app, '3.1.0', {
    method: 'GET',
    url: '/banks/:BANK_ID/my/consents/:CONSENT_ID/revoke',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary: 'Revoke Consent (the current user own consent; again: OBP-35012)',
      params: BankConsentParams,
    },
    handler: (request) => revoke(request, request.params.CONSENT_ID, 'Revoked by the PSU (revokeConsent)'),
  });
  obpRoute(app, '5.1.0', {
    method: 'DELETE',
    url: '/my/consents/:CONSENT_ID',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: { tags, summary: 'Revoke My Consent', params: ConsentParams },
    handler: (request) => revoke(request, request.params.CONSENT_ID, 'Revoked by the PSU (revokeMyConsent)'),
  });
  obpRoute(app, '5.1.0', {
    method: 'DELETE',
    url: '/banks/:BANK_ID/consents/:CONSENT_ID',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary: 'Revoke Consent at Bank (CanRevokeConsentAtBank; the consent of the current user)',
      params: BankConsentParams,
    },
    handler: async (request) => {
      await requireAnyRole(ctx, principalOf(request, 'customer').customerId, ctx.config.obpBankId, [
        'CanRevokeConsentAtBank',
      ]);
      return revoke(
        request,
        request.params.CONSENT_ID,
        'Revoked by the PSU at the bank (revokeConsentAtBank)',
      );
    },
  });

  obpRoute(app, '5.1.0', {
    method: 'DELETE',
    url: '/my/consent/current',
    schema: { tags, summary: 'Revoke the Consent used in the current call (Consent-Id header)' },
    onRequest: authenticate(consentHolderScheme(ctx)),
    handler: async (request) => {
      const call = principalOf(request, 'consent-holder').call;
      return consentJson(
        await revokeObpConsent(ctx, {
          consentId: call.consent.consentId,
          customerId: call.customerId,
          actor: { type: 'tpp', id: call.consent.clientId },
          reason: 'Revoked by the consumer using it (selfRevokeConsent)',
        }),
      );
    },
  });
}
