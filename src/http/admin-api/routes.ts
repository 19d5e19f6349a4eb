// Admin REST API under /admin (HTTP Basic, role admin): TPP clients and bank operators.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { Actor } from '../../domain/consent.js';
import { createClient } from '../../services/admin/create-client.js';
import { getClient } from '../../services/admin/get-client.js';
import { listClients } from '../../services/admin/list-clients.js';
import { rotateClientSecret } from '../../services/admin/rotate-client-secret.js';
import { updateClient } from '../../services/admin/update-client.js';
import { createOperator } from '../../services/admin/create-operator.js';
import { listOperators } from '../../services/admin/list-operators.js';
import { updateOperator } from '../../services/admin/update-operator.js';
import { clientView, operatorView } from '../admin-views.js';
import { authenticate } from '../kit/authenticate.js';
import { operatorScheme } from '../kit/operator-auth.js';
import { principalOf } from '../kit/principal.js';
import { installSimpleErrorHandling } from '../kit/simple-errors.js';
import { ADMIN_API_ERRORS } from './errors.js';
import {
  ClientView,
  ClientWithSecretView,
  CreateClientBody,
  CreateOperatorBody,
  OperatorView,
  UpdateClientBody,
  UpdateOperatorBody,
  ClientIdParams,
  UsernameParams,
} from '../admin-schemas.js';
import { JSON_BODY_LIMITS, limitJsonBodies } from '../kit/body-limits.js';

export function adminActor(request: FastifyRequest): Actor {
  return { type: 'admin', id: principalOf(request, 'operator').username };
}

export async function adminApiRoutes(instance: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  installSimpleErrorHandling(app, ADMIN_API_ERRORS);
  limitJsonBodies(app, JSON_BODY_LIMITS.admin);
  app.addHook('onRequest', authenticate(operatorScheme(ctx, ['admin'])));
  const tags = ['Admin'];

  app.post(
    '/clients',
    { schema: { tags, body: CreateClientBody, response: { 201: ClientWithSecretView } } },
    async (request, reply) => {
      const body = request.body;
      const { client, clientSecret } = await createClient(ctx, body, adminActor(request), request.id);
      return reply.status(201).send({ ...clientView(client), clientSecret });
    },
  );
  app.get('/clients', { schema: { tags } }, async () => (await listClients(ctx)).map(clientView));
  app.get(
    '/clients/:clientId',
    { schema: { tags, params: ClientIdParams, response: { 200: ClientView } } },
    async (request) => clientView(await getClient(ctx, request.params.clientId)),
  );
  app.patch(
    '/clients/:clientId',
    { schema: { tags, params: ClientIdParams, body: UpdateClientBody, response: { 200: ClientView } } },
    async (request) => {
      const { clientId } = request.params;
      return clientView(await updateClient(ctx, clientId, request.body, adminActor(request), request.id));
    },
  );
  app.post(
    '/clients/:clientId/secret',
    { schema: { tags, params: ClientIdParams, response: { 200: ClientWithSecretView } } },
    async (request) => {
      const { clientId } = request.params;
      const { client, clientSecret } = await rotateClientSecret(
        ctx,
        clientId,
        adminActor(request),
        request.id,
      );
      return { ...clientView(client), clientSecret };
    },
  );

  app.post(
    '/operators',
    { schema: { tags, body: CreateOperatorBody, response: { 201: OperatorView } } },
    async (request, reply) => {
      const body = request.body;
      const operator = await createOperator(ctx, body, adminActor(request), request.id);
      return reply.status(201).send(operatorView(operator, ctx.clock.now()));
    },
  );
  app.get('/operators', { schema: { tags } }, async () =>
    (await listOperators(ctx)).map((o) => operatorView(o, ctx.clock.now())),
  );
  app.patch(
    '/operators/:username',
    { schema: { tags, params: UsernameParams, body: UpdateOperatorBody, response: { 200: OperatorView } } },
    async (request) => {
      const { username } = request.params;
      const operator = await updateOperator(ctx, username, request.body, adminActor(request), request.id);
      return operatorView(operator, ctx.clock.now());
    },
  );
}
