// The Open Bank Project API under /obp (seed 003, ref/README.md §8): one bank per server, OBP error
// bodies, every endpoint under each version prefix from the one that introduced it.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { obpAccountRoutes } from './account-routes.js';
import { obpConsentCreateRoutes } from './consent-create-routes.js';
import { obpConsentRequestRoutes } from './consent-request-routes.js';
import { obpConsentReadRoutes } from './consent-read-routes.js';
import { obpConsentRevokeRoutes } from './consent-revoke-routes.js';
import { obpConsentUpdateRoutes } from './consent-update-routes.js';
import { installObpErrorHandling } from './errors.js';
import { obpIdentityRoutes } from './identity-routes.js';
import { obpMtlsRoutes } from './mtls-routes.js';
import { BankParams } from './path-params.js';
import { obpRoute } from './versions.js';

/**
 * A BANK_ID in the path must be this server's bank (OBP_BANK_ID); another is 404 OBP-30001. Runs for every
 * route, before its schema is checked, so it reads the router's parameters untyped.
 */
function ensureBank(ctx: AppContext, request: FastifyRequest): void {
  const params: unknown = request.params;
  const bankId =
    typeof params === 'object' && params !== null && 'BANK_ID' in params ? params.BANK_ID : undefined;
  if (bankId !== undefined && bankId !== ctx.config.obpBankId) throw new DomainError('bank.not_found');
}

export async function obpApiRoutes(instance: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  installObpErrorHandling(app);
  // onRequest: before authentication, so an unknown bank says so whoever calls.
  app.addHook('onRequest', (request, _reply, done) => {
    try {
      ensureBank(ctx, request);
      done();
    } catch (error) {
      done(error as Error);
    }
  });
  // OBP clients send `Content-Type: application/json` on body-less POSTs (DirectLogin): an empty body is
  // no body, anything else must be valid JSON (OBP-10001).
  const json = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (body === '') done(null, undefined);
    else json(request, body as string, done);
  });
  const tags = ['Open Bank Project'];

  obpRoute(app, '3.1.0', {
    method: 'GET',
    url: '/banks/:BANK_ID',
    schema: { tags, summary: 'Get Bank: the one bank this server serves', params: BankParams },
    handler: async () => {
      const id = ctx.config.obpBankId;
      return {
        id,
        short_name: id,
        full_name: id,
        logo: '',
        website: '',
        bank_routings: [{ scheme: 'OBP', address: id }],
      };
    },
  });

  await app.register(obpIdentityRoutes, { ctx });
  await app.register(obpMtlsRoutes, { ctx });
  await app.register(obpConsentCreateRoutes, { ctx });
  await app.register(obpAccountRoutes, { ctx });
  await app.register(obpConsentRequestRoutes, { ctx });
  await app.register(obpConsentReadRoutes, { ctx });
  await app.register(obpConsentRevokeRoutes, { ctx });
  await app.register(obpConsentUpdateRoutes, { ctx });
}
