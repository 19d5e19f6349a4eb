// Admin REST API under /admin (HTTP Basic, role admin): TPP clients and bank operators.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import type { ClientRole } from '../../domain/client.js';
import type { Actor } from '../../domain/consent.js';
import type { OperatorRole } from '../../domain/operator.js';
import { createClient } from '../../services/admin/create-client.js';
import { getClient } from '../../services/admin/get-client.js';
import { listClients } from '../../services/admin/list-clients.js';
import { rotateClientSecret } from '../../services/admin/rotate-client-secret.js';
import { updateClient } from '../../services/admin/update-client.js';
import { createOperator } from '../../services/admin/create-operator.js';
import { listOperators } from '../../services/admin/list-operators.js';
import { updateOperator } from '../../services/admin/update-operator.js';
import { clientView, operatorView } from '../admin-views.js';
import { requireOperator } from '../kit/operator-auth.js';
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
} from '../admin-schemas.js';
import { JSON_BODY_LIMITS, limitJsonBodies } from '../kit/body-limits.js';

export function adminActor(request: FastifyRequest): Actor {
  return { type: 'admin', id: request.operator?.username ?? 'unknown' };
}

export async function adminApiRoutes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  installSimpleErrorHandling(app, ADMIN_API_ERRORS);
  limitJsonBodies(app, JSON_BODY_LIMITS.admin);
  app.addHook('onRequest', requireOperator(ctx, ['admin']));
  const tags = ['Admin'];

  app.post(
    '/clients',
    { schema: { tags, body: CreateClientBody, response: { 201: ClientWithSecretView } } },
    async (request, reply) => {
      const body = request.body as {
        name: string;
        roles: ClientRole[];
        clientId?: string;
        shortName?: string;
      };
      const { client, clientSecret } = await createClient(ctx, body, adminActor(request), request.id);
      return reply.status(201).send({ ...clientView(client), clientSecret });
    },
  );
  app.get('/clients', { schema: { tags } }, async () => (await listClients(ctx)).map(clientView));
  app.get('/clients/:clientId', { schema: { tags, response: { 200: ClientView } } }, async (request) =>
    clientView(await getClient(ctx, (request.params as { clientId: string }).clientId)),
  );
  app.patch(
    '/clients/:clientId',
    { schema: { tags, body: UpdateClientBody, response: { 200: ClientView } } },
    async (request) => {
      const { clientId } = request.params as { clientId: string };
      return clientView(
        await updateClient(
          ctx,
          clientId,
          request.body as { name?: string; roles?: ClientRole[]; active?: boolean },
          adminActor(request),
          request.id,
        ),
      );
    },
  );
  app.post(
    '/clients/:clientId/secret',
    { schema: { tags, response: { 200: ClientWithSecretView } } },
    async (request) => {
      const { clientId } = request.params as { clientId: string };
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
      const body = request.body as { username: string; password: string; roles: OperatorRole[] };
      const operator = await createOperator(ctx, body, adminActor(request), request.id);
      return reply.status(201).send(operatorView(operator, ctx.clock.now()));
    },
  );
  app.get('/operators', { schema: { tags } }, async () =>
    (await listOperators(ctx)).map((o) => operatorView(o, ctx.clock.now())),
  );
  app.patch(
    '/operators/:username',
    { schema: { tags, body: UpdateOperatorBody, response: { 200: OperatorView } } },
    async (request) => {
      const { username } = request.params as { username: string };
      const operator = await updateOperator(
        ctx,
        username,
        request.body as { roles?: OperatorRole[] },
        adminActor(request),
        request.id,
      );
      return operatorView(operator, ctx.clock.now());
    },
  );
}
