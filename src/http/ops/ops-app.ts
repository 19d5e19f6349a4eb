// OPS_PORT: health and metrics on a port of their own, e.g. reachable only from the monitoring network.
// The public app still counts its requests; this server only serves its registry.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { AppContext } from '../../context.js';
import { SIMPLE_ERRORS, installSimpleErrorHandling } from '../kit/simple-errors.js';
import { opsRoutes } from './routes.js';

export async function buildOpsApp(ctx: AppContext, registry: Registry): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.logger.child({ server: 'ops' }) as FastifyBaseLogger,
    disableRequestLogging: true,
  });
  installSimpleErrorHandling(app, SIMPLE_ERRORS);
  await app.register(opsRoutes, { ctx, registry });
  return app;
}
