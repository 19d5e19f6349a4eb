// buildApp(ctx): every API plugin on one Fastify instance. It never listens; tests use app.inject.
import { randomUUID } from 'node:crypto';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Registry } from 'prom-client';
import type { AppContext } from './context.js';
import { customerAdminRoutes } from './http/admin-api/customer-routes.js';
import { adminAccountRoutes } from './http/admin-api/account-routes.js';
import { adminApiRoutes } from './http/admin-api/routes.js';
import { adminConsentRoutes } from './http/admin-api/consent-routes.js';
import { obpAdminRoutes } from './http/admin-api/obp-admin-routes.js';
import { b2bApiRoutes } from './http/b2b-api/routes.js';
import { fundsConfirmationApiRoutes } from './http/funds-confirmation-api/routes.js';
import { manageApiRoutes } from './http/manage-api/routes.js';
import { lazyChildLoggerFactory } from './http/kit/lazy-child-logger.js';
import { installMetrics } from './http/ops/metrics.js';
import { COF_API_PREFIX, MANAGE_API_PREFIX, VALIDATE_API_PREFIX } from './http/ob/route-prefixes.js';
import { obpApiRoutes } from './http/obp-api/routes.js';
import { wellKnownRoutes } from './http/oauth2/jwks-routes.js';
import { oauth2Routes } from './http/oauth2/routes.js';
import { portalBundleExists, portalWebRoutes } from './http/portal-web/routes.js';
import { landingPage, rootRoutes } from './http/ops/root-routes.js';
import { opsRoutes } from './http/ops/routes.js';
import { portalApiRoutes } from './http/portal-api/routes.js';
import {
  CLIENT_BEARER,
  NO_AUTH,
  PORTAL_SESSION,
  OBP_AUTH,
  OPERATOR_BASIC,
  PARTNER_BASIC,
  SECURITY_SCHEMES,
  secured,
} from './http/kit/openapi-security.js';
import { validatorCompiler } from './http/kit/strict-ajv.js';
import { installInputGuard } from './http/kit/input-guard.js';
import { validateApiRoutes } from './http/validate-api/routes.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The app's Prometheus registry, for the OPS_PORT server (http/ops/ops-app.ts) to serve. */
    metricsRegistry: Registry;
  }
}

const INTERACTION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export async function buildApp(ctx: AppContext): Promise<FastifyInstance> {
  const app: FastifyInstance = Fastify({
    loggerInstance: ctx.logger as FastifyBaseLogger,
    // The x-fapi-interaction-id is the request id: echoed when the caller sent a sane one, else new.
    genReqId: (request) => {
      const sent = request.headers['x-fapi-interaction-id'];
      return typeof sent === 'string' && INTERACTION_ID.test(sent) ? sent : randomUUID();
    },
    logController: new LogController({
      requestIdLogLabel: 'interactionId',
      disableRequestLogging: ctx.config.logLevel !== 'debug' && ctx.config.logLevel !== 'trace',
    }),
    childLoggerFactory: lazyChildLoggerFactory,
    routerOptions: { ignoreTrailingSlash: true },
    // Slow headers or bodies (slowloris) are cut off; Node checks open connections every second.
    requestTimeout: ctx.config.requestTimeoutSeconds * 1000,
    // request.ip (per-source lockout, rate limits) is X-Forwarded-For's client only behind these proxies.
    ...(ctx.config.trustProxy.length > 0 ? { trustProxy: [...ctx.config.trustProxy] } : {}),
    http: { headersTimeout: ctx.config.headersTimeoutSeconds * 1000, connectionsCheckingInterval: 1000 },
  });
  app.setValidatorCompiler(validatorCompiler);
  installInputGuard(app);
  // Routes outside every API (operations) get rootRoutes' error handler below: a refusal keeps its status.
  // Callback style (no promise per request): this runs on every call of the hot paths.
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-fapi-interaction-id', request.id);
    done();
  });

  await rootRoutes(app, { landing: landingPage() });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'ConsentHub',
        version: '0.1.0',
        description:
          'Open-banking consent management: the Consent Manage API and consent validation (bank gateway), ' +
          'OAuth2 client credentials and the Funds Confirmation consent API (TPPs), the B2B Customer Care ' +
          'API (issuing partners), the admin API, and operations endpoints.',
      },
      // No global security: each family declares its own (http/kit/openapi-security.ts).
      components: { securitySchemes: SECURITY_SCHEMES },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  const registry = installMetrics(app, ctx);
  app.decorate('metricsRegistry', registry);
  // With OPS_PORT, health and metrics are served by buildOpsApp on that port only.
  if (ctx.config.opsPort === undefined) await app.register(opsRoutes, { ctx, registry });
  await app.register(secured(OPERATOR_BASIC, adminApiRoutes), { ctx, prefix: '/admin' });
  await app.register(secured(OPERATOR_BASIC, adminAccountRoutes), { ctx, prefix: '/admin' });
  await app.register(secured(OPERATOR_BASIC, customerAdminRoutes), { ctx, prefix: '/admin' });
  await app.register(secured(OPERATOR_BASIC, obpAdminRoutes), { ctx, prefix: '/admin' });
  await app.register(secured(OPERATOR_BASIC, adminConsentRoutes), { ctx, prefix: '/admin' });
  await app.register(secured(PARTNER_BASIC, b2bApiRoutes), { ctx, prefix: '/b2b-gateway' });
  await app.register(secured(OPERATOR_BASIC, manageApiRoutes), { ctx, prefix: MANAGE_API_PREFIX });
  await app.register(secured(OPERATOR_BASIC, validateApiRoutes), { ctx, prefix: VALIDATE_API_PREFIX });
  await app.register(oauth2Routes, { ctx, prefix: '/oauth2' });
  await app.register(secured(CLIENT_BEARER, fundsConfirmationApiRoutes), { ctx, prefix: COF_API_PREFIX });
  await app.register(secured(OBP_AUTH, obpApiRoutes), { ctx, prefix: '/obp' });
  await app.register(secured(NO_AUTH, wellKnownRoutes), { ctx });
  await app.register(secured(PORTAL_SESSION, portalApiRoutes), { ctx, prefix: '/portal/api' });
  // The portal web app, when it has been built (npm run build:portal).
  if (portalBundleExists()) await app.register(portalWebRoutes, {});
  return app;
}
