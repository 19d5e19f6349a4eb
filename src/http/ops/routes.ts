// Health, readiness and metrics for whoever runs the process: on the public port, or on OPS_PORT alone.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { AppContext } from '../../context.js';
import { checkDatabase } from '../../services/ops/check-database.js';
import { NO_AUTH } from '../kit/openapi-security.js';
import { requireMetricsToken } from './require-metrics-token.js';

export async function opsRoutes(
  app: FastifyInstance,
  opts: { ctx: AppContext; registry: Registry },
): Promise<void> {
  const { ctx, registry } = opts;
  const tags = ['Operations'];
  // Load balancers and orchestrators probe health without credentials.
  const open = { tags, security: NO_AUTH };
  app.get('/health/live', { schema: { ...open, summary: 'The process is up' } }, async () => ({
    status: 'ok',
  }));
  app.get(
    '/health/ready',
    { schema: { ...open, summary: 'The database answers' } },
    async (request, reply) => {
      try {
        await checkDatabase(ctx);
        return { status: 'ok', database: 'ok' };
      } catch (error) {
        request.log.warn({ err: error }, 'readiness check failed');
        return reply.status(503).send({ status: 'unavailable', database: 'unreachable' });
      }
    },
  );
  const token = ctx.config.metricsToken;
  app.get(
    '/metrics',
    {
      ...(token ? { onRequest: requireMetricsToken(token) } : {}),
      schema: {
        tags,
        summary: token ? 'Prometheus metrics (Bearer METRICS_TOKEN)' : 'Prometheus metrics',
        security: token ? [{ metricsToken: [] }] : NO_AUTH,
      },
    },
    async (_request, reply) => {
      const body = await registry.metrics();
      return reply.type(registry.contentType).send(body);
    },
  );
}
