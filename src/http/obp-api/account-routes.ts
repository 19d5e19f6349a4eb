// GET /banks/BANK_ID/accounts/ACCOUNT_ID/VIEW_ID/account (OBP getAccountById): the core bank's account, for
// a DirectLogin user through a view they hold, or under a consent through one of the consent's views only.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { getObpAccount } from '../../services/obp/get-obp-account.js';
import { accountJson } from './account-mappers.js';
import { authenticate } from '../kit/authenticate.js';
import { principalOf } from '../kit/principal.js';
import { directLoginScheme } from './obp-auth.js';
import { consentHolderScheme } from './consent-auth.js';
import { AccountViewParams } from './path-params.js';
import { obpRoute } from './versions.js';

export async function obpAccountRoutes(instance: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  obpRoute(app, '3.1.0', {
    method: 'GET',
    url: '/banks/:BANK_ID/accounts/:ACCOUNT_ID/:VIEW_ID/account',
    onRequest: authenticate(consentHolderScheme(ctx), directLoginScheme(ctx)),
    schema: {
      tags: ['Open Bank Project'],
      summary:
        'Get Account by Id (Full), through a view of the user or of the consent (Consent-JWT / Consent-Id)',
      params: AccountViewParams,
    },
    handler: async (request) => {
      const { BANK_ID, ACCOUNT_ID, VIEW_ID } = request.params;
      const view = { bankId: BANK_ID, accountId: ACCOUNT_ID, viewId: VIEW_ID };
      const caller = principalOf(request, 'consent-holder', 'customer');
      const account = await getObpAccount(
        ctx,
        caller.kind === 'consent-holder'
          ? { consent: caller.call, view }
          : { customerId: caller.customerId, view },
      );
      return accountJson(ctx.config.obpBankId, account, VIEW_ID);
    },
  });
}
