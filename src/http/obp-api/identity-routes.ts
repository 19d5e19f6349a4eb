// OBP identity endpoints: DirectLogin, the current user, the current consumer.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { consentUser } from '../../services/obp/consent-user.js';
import { getObpUser } from '../../services/obp/current-user.js';
import { directLogin } from '../../services/obp/direct-login.js';
import { directLoginParameters } from './direct-login-header.js';
import { consumerJson, userJson } from './mappers.js';
import { authenticate } from '../kit/authenticate.js';
import { principalOf } from '../kit/principal.js';
import { directLoginScheme, consumerKeyScheme } from './obp-auth.js';
import { consentHolderScheme } from './consent-auth.js';
import { obpRoute } from './versions.js';

export async function obpIdentityRoutes(instance: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['Open Bank Project'];

  obpRoute(app, '3.1.0', {
    method: 'POST',
    url: '/my/logins/direct',
    schema: {
      tags,
      summary: 'DirectLogin: header DirectLogin: username="..", password="..", consumer_key=".." -> a token',
      security: [],
    },
    handler: async (request, reply) => {
      const parameters = directLoginParameters(request) ?? {};
      const { token } = await directLogin(ctx, {
        username: parameters.username,
        password: parameters.password,
        consumerKey: parameters.consumer_key,
        source: request.ip,
        interactionId: request.id,
      });
      return reply.status(201).header('cache-control', 'no-store').send({ token });
    },
  });

  obpRoute(app, '3.1.0', {
    method: 'GET',
    url: '/users/current',
    onRequest: authenticate(consentHolderScheme(ctx), directLoginScheme(ctx)),
    schema: {
      tags,
      summary:
        'Get User (Current): the DirectLogin user, or the user of the consent (Consent-JWT / Consent-Id)',
    },
    handler: async (request) => {
      const caller = principalOf(request, 'consent-holder', 'customer');
      return userJson(
        caller.kind === 'consent-holder'
          ? await consentUser(ctx, caller.call)
          : await getObpUser(ctx, caller.customerId),
      );
    },
  });

  obpRoute(app, '5.1.0', {
    method: 'GET',
    url: '/consumers/current',
    schema: { tags, summary: 'Get the consumer of the Consumer-Key header' },
    onRequest: authenticate(consumerKeyScheme(ctx)),
    handler: async (request) => consumerJson(principalOf(request, 'consumer').client),
  });
}
