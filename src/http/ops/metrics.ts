// Prometheus metrics: request counts and latency by route and status, and consents by type and status.
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { AppContext } from '../../context.js';
import { consentCacheStats } from '../../services/consents/consent-cache-stats.js';
import { countConsentsByTypeAndStatus } from '../../services/consents/count-consents-by-type-and-status.js';

export function installMetrics(app: FastifyInstance, ctx: AppContext): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const latencyName = 'consenthub_http_request_duration_seconds';
  const latency = new Histogram({
    name: latencyName,
    help: 'HTTP request latency by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  // The request count is the histogram's own _count, copied at scrape time: one label lookup per request
  // instead of two.
  new Counter({
    name: 'consenthub_http_requests_total',
    help: 'HTTP requests by method, route and status',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
    async collect() {
      const { values } = await latency.get();
      this.reset();
      for (const { metricName, labels, value } of values)
        if (metricName === `${latencyName}_count`) this.inc(labels, value);
    },
  });
  // Read from the counters the database keeps as consents are written (migration 0010): a few dozen rows
  // at any number of consents, so every scrape reads them afresh.
  new Gauge({
    name: 'consenthub_consents',
    help: 'Stored consents by type and status',
    labelNames: ['consent_type', 'status'] as const,
    registers: [registry],
    async collect() {
      const rows = await countConsentsByTypeAndStatus(ctx);
      this.reset();
      for (const row of rows) this.set({ consent_type: row.consentType, status: row.status }, row.count);
    },
  });

  const cacheGauge = (
    name: string,
    help: string,
    pick: (s: ReturnType<typeof consentCacheStats>) => number,
  ) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        this.set(pick(consentCacheStats(ctx)));
      },
    });
  cacheGauge('consenthub_consent_cache_hits', 'Consent read cache hits since start', (s) => s.hits);
  cacheGauge('consenthub_consent_cache_misses', 'Consent read cache misses since start', (s) => s.misses);
  cacheGauge('consenthub_consent_cache_entries', 'Entries in the consent read cache', (s) => s.size);

  // Callback style (no promise per request): this runs on every call of the hot paths.
  app.addHook('onResponse', (request, reply, done) => {
    const route = request.routeOptions.url ?? 'unmatched';
    latency.observe(
      { method: request.method, route, status: String(reply.statusCode) },
      reply.elapsedTime / 1000,
    );
    done();
  });
  return registry;
}
