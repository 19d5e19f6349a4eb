// How each API family authenticates, as OpenAPI security requirements: the document has no global default,
// so an operation shows exactly the scheme its family checks (Basic for staff, gateway and partners, bearer
// for CBPIIs, none for health). ops.test.ts fails on any documented operation that declares none.
import type { FastifyInstance, FastifyPluginAsync } from 'fastify';

export type SecurityRequirement = Record<string, string[]>[];

export const SECURITY_SCHEMES = {
  operatorBasic: {
    type: 'http',
    scheme: 'basic',
    description: 'Bank staff or the gateway service account: operator username and password',
  },
  partnerBasic: {
    type: 'http',
    scheme: 'basic',
    description: 'Issuing partner: client id and client secret',
  },
  clientBasic: {
    type: 'http',
    scheme: 'basic',
    description: 'TPP client id and secret (client_secret_basic; client_secret_post sends them in the form)',
  },
  bearer: {
    type: 'http',
    scheme: 'bearer',
    description: 'Access token from POST /oauth2/token (client_credentials)',
  },
  directLogin: {
    type: 'apiKey',
    in: 'header',
    name: 'DirectLogin',
    description: 'OBP DirectLogin token (also as Authorization: DirectLogin token="...")',
  },
  consumerKey: {
    type: 'apiKey',
    in: 'header',
    name: 'Consumer-Key',
    description: 'OBP consumer key of a registered client',
  },
  portalSession: {
    type: 'apiKey',
    in: 'cookie',
    name: 'consenthub_portal',
    description:
      'Portal session cookie from POST /portal/api/session; changes also need the x-csrf-token header',
  },
  metricsToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'METRICS_TOKEN, when the server is started with one',
  },
} as const;

export const OPERATOR_BASIC: SecurityRequirement = [{ operatorBasic: [] }];
export const PARTNER_BASIC: SecurityRequirement = [{ partnerBasic: [] }];
export const CLIENT_BEARER: SecurityRequirement = [{ bearer: [] }];
/** The token endpoint: Basic client authentication, or none (client_secret_post carries it in the form). */
export const CLIENT_BASIC_OR_FORM: SecurityRequirement = [{ clientBasic: [] }, {}];
export const NO_AUTH: SecurityRequirement = [];
/** The portal API: an officer session (signing in itself needs none). */
export const PORTAL_SESSION: SecurityRequirement = [{ portalSession: [] }, {}];
/** OBP: a DirectLogin user, a consumer by its key, or none (the login itself). */
export const OBP_AUTH: SecurityRequirement = [{ directLogin: [] }, { consumerKey: [] }, {}];

/** Every route registered in `app` from now on that names no security of its own gets `security`. */
export function declareSecurity(app: FastifyInstance, security: SecurityRequirement): void {
  app.addHook('onRoute', (route) => {
    if (route.schema?.hide || route.schema?.security) return;
    route.schema = { ...route.schema, security };
  });
}

/** `plugin` with `security` declared on its routes (for API plugins that authenticate all alike). */
export function secured<Options extends object>(
  security: SecurityRequirement,
  plugin: FastifyPluginAsync<Options>,
): FastifyPluginAsync<Options> {
  return async (app, opts) => {
    declareSecurity(app, security);
    await plugin(app, opts);
  };
}
