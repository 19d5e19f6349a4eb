// Updating OBP consents (seed 003, ref/README.md §8): updateConsentStatus (v4.0.0, PUT
// /banks/BANK_ID/consents/ID: SCA is always on in ConsentHub, so as OBP with consents.sca.enabled it answers
// 202 and changes nothing) and the management updateConsentStatusByConsent (PUT
// /management/banks/BANK_ID/consents/ID, CanUpdateConsentStatusAtOneBank / AtAnyBank).
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { requireAnyRole } from '../../services/obp/entitlements.js';
import { getObpConsentAs } from '../../services/obp/get-obp-consent-as.js';
import { obpStatusOf, updateObpConsentStatus } from '../../services/obp/update-obp-consent-status.js';
import { consentJson } from './consent-mappers.js';
import { requireObpUser } from './obp-auth.js';
import { obpRoute } from './versions.js';

const statusBody = {
  type: 'object',
  required: ['status'],
  properties: { status: { type: 'string', minLength: 1, maxLength: 64 } },
} as const;

const UPDATE_STATUS_ROLES = ['CanUpdateConsentStatusAtOneBank', 'CanUpdateConsentStatusAtAnyBank'] as const;

export async function obpConsentUpdateRoutes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const tags = ['Open Bank Project'];

  obpRoute(app, '4.0.0', {
    method: 'PUT',
    url: '/banks/:BANK_ID/consents/:CONSENT_ID',
    preHandler: requireObpUser(ctx),
    schema: {
      tags,
      summary: 'Update Consent Status: SCA is on, so 202 and no change (as OBP)',
      body: statusBody,
    },
    handler: async (request, reply) => {
      obpStatusOf((request.body as { status: string }).status);
      const view = await getObpConsentAs(ctx, (request.params as { CONSENT_ID: string }).CONSENT_ID, {
        customerId: request.obpUser!.customerId,
      });
      return reply.status(202).send(consentJson(view));
    },
  });

  obpRoute(app, '5.1.0', {
    method: 'PUT',
    url: '/management/banks/:BANK_ID/consents/:CONSENT_ID',
    preHandler: requireObpUser(ctx),
    schema: {
      tags,
      summary: 'Update Consent Status by CONSENT_ID (CanUpdateConsentStatusAtOneBank / AtAnyBank)',
      body: statusBody,
    },
    handler: async (request) => {
      const customerId = request.obpUser!.customerId;
      await requireAnyRole(ctx, customerId, ctx.config.obpBankId, UPDATE_STATUS_ROLES);
      const view = await updateObpConsentStatus(ctx, {
        consentId: (request.params as { CONSENT_ID: string }).CONSENT_ID,
        status: (request.body as { status: string }).status,
        actor: { type: 'bank', id: customerId },
        reason: 'Status updated by the bank (updateConsentStatusByConsent)',
      });
      return consentJson(view);
    },
  });
}
