// Health, readiness and metrics for whoever runs the process.
import type { FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { AppContext } from '../../context.js';
import { checkDatabase } from '../../services/ops/check-database.js';

export async function opsRoutes(
  app: FastifyInstance,
  opts: { ctx: AppContext; registry: Registry },
): Promise<void> {
  const { ctx, registry } = opts;
  const tags = ['Operations'];
  app.get('/health/live', { schema: { tags, summary: 'The process is up' } }, async () => ({ status: 'ok' }));
  app.get('/health/ready', { schema: { tags, summary: 'The database answers' } }, async (request, reply) => {
    try {
      await checkDatabase(ctx);
      return { status: 'ok', database: 'ok' };
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check failed');
      return reply.status(503).send({ status: 'unavailable', database: 'unreachable' });
    }
  });
  app.get('/metrics', { schema: { tags, summary: 'Prometheus metrics' } }, async (_request, reply) => {
    const body = await registry.metrics();
    return reply.type(registry.contentType).send(body);
  });
}
