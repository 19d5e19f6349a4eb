// Updating OBP consents (seed 003, ref/README.md §8): updateConsentStatus (v4.0.0, PUT
// /banks/BANK_ID/consents/ID: SCA is always on in ConsentHub, so as OBP with consents.sca.enabled it answers
// 202 and changes nothing) and the management updateConsentStatusByConsent (PUT
// /management/banks/BANK_ID/consents/ID, CanUpdateConsentStatusAtOneBank / AtAnyBank); addConsentUser
// (v4.0.0) and the management updates of the created-by user and the account access (JWT re-issued).
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { DomainError } from '../../domain/errors.js';
import type { AppContext } from '../../context.js';
import { requireAnyRole } from '../../services/obp/entitlements.js';
import { addObpConsentUser } from '../../services/obp/add-obp-consent-user.js';
import { getObpConsentAs } from '../../services/obp/get-obp-consent-as.js';
import { updateObpConsentGrant } from '../../services/obp/update-obp-consent-grant.js';
import { obpStatusOf, updateObpConsentStatus } from '../../services/obp/update-obp-consent-status.js';
import { consentJson } from './consent-mappers.js';
import { AccessBody, StatusBody, UserBody } from './consent-schemas.js';
import { authenticate } from '../kit/authenticate.js';
import { principalOf } from '../kit/principal.js';
import { directLoginScheme } from './obp-auth.js';
import { BankConsentParams } from './path-params.js';
import { obpRoute } from './versions.js';

const UPDATE_USER_ROLES = ['CanUpdateConsentUserAtOneBank', 'CanUpdateConsentUserAtAnyBank'] as const;
const UPDATE_ACCESS_ROLES = [
  'CanUpdateConsentAccountAccessAtOneBank',
  'CanUpdateConsentAccountAccessAtAnyBank',
] as const;

const UPDATE_STATUS_ROLES = ['CanUpdateConsentStatusAtOneBank', 'CanUpdateConsentStatusAtAnyBank'] as const;

export async function obpConsentUpdateRoutes(
  instance: FastifyInstance,
  opts: { ctx: AppContext },
): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const params = BankConsentParams;
  const tags = ['Open Bank Project'];

  obpRoute(app, '4.0.0', {
    method: 'PUT',
    url: '/banks/:BANK_ID/consents/:CONSENT_ID',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary: 'Update Consent Status: SCA is on, so 202 and no change (as OBP)',
      params,
      body: StatusBody,
    },
    handler: async (request, reply) => {
      obpStatusOf(request.body.status);
      const view = await getObpConsentAs(ctx, request.params.CONSENT_ID, {
        customerId: principalOf(request, 'customer').customerId,
      });
      return reply.status(202).send(consentJson(view));
    },
  });

  obpRoute(app, '5.1.0', {
    method: 'PUT',
    url: '/management/banks/:BANK_ID/consents/:CONSENT_ID',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary: 'Update Consent Status by CONSENT_ID (CanUpdateConsentStatusAtOneBank / AtAnyBank)',
      params,
      body: StatusBody,
    },
    handler: async (request) => {
      const customerId = principalOf(request, 'customer').customerId;
      await requireAnyRole(ctx, customerId, ctx.config.obpBankId, UPDATE_STATUS_ROLES);
      const view = await updateObpConsentStatus(ctx, {
        consentId: request.params.CONSENT_ID,
        status: request.body.status,
        actor: { type: 'bank', id: customerId },
        reason: 'Status updated by the bank (updateConsentStatusByConsent)',
      });
      return consentJson(view);
    },
  });

  obpRoute(app, '4.0.0', {
    method: 'PUT',
    url: '/banks/:BANK_ID/consents/:CONSENT_ID/user-update-request',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary: 'Add User to a Consent (only to one without a user: OBP-35024)',
      params,
      body: UserBody,
    },
    handler: async (request) =>
      consentJson(
        await addObpConsentUser(ctx, {
          consentId: request.params.CONSENT_ID,
          userId: request.body.user_id,
          actor: { type: 'psu', id: principalOf(request, 'customer').customerId },
          interactionId: request.id,
        }),
      ),
  });

  obpRoute(app, '5.1.0', {
    method: 'PUT',
    url: '/management/banks/:BANK_ID/consents/:CONSENT_ID/created-by-user',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary:
        'Update Created by User of a Consent (CanUpdateConsentUserAtOneBank / AtAnyBank): JWT re-issued',
      params,
      body: UserBody,
    },
    handler: async (request) => {
      const customerId = principalOf(request, 'customer').customerId;
      await requireAnyRole(ctx, customerId, ctx.config.obpBankId, UPDATE_USER_ROLES);
      const view = await updateObpConsentGrant(ctx, {
        consentId: request.params.CONSENT_ID,
        change: { createdByUserId: request.body.user_id },
        actor: { type: 'bank', id: customerId },
        interactionId: request.id,
      });
      return consentJson(view);
    },
  });

  obpRoute(app, '5.1.0', {
    method: 'PUT',
    url: '/management/banks/:BANK_ID/consents/:CONSENT_ID/account-access',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags,
      summary:
        'Update Consent Account Access (CanUpdateConsentAccountAccessAtOneBank / AtAnyBank): JWT re-issued',
      params,
      body: AccessBody,
    },
    handler: async (request) => {
      const customerId = principalOf(request, 'customer').customerId;
      await requireAnyRole(ctx, customerId, ctx.config.obpBankId, UPDATE_ACCESS_ROLES);
      const { access } = request.body;
      if (![access.accounts, access.balances, access.transactions].some((list) => (list?.length ?? 0) > 0))
        throw new DomainError('request.field_invalid', 'access needs accounts, balances or transactions', [
          { path: 'access' },
        ]);
      const view = await updateObpConsentGrant(ctx, {
        consentId: request.params.CONSENT_ID,
        change: { access },
        actor: { type: 'bank', id: customerId },
        interactionId: request.id,
      });
      return consentJson(view);
    },
  });
}
