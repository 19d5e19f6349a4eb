// OBP serves an endpoint under the version that introduced it and under every later one
// (ref/README.md §8): /obp/v3.1.0/..., /obp/v4.0.0/..., /obp/v5.0.0/..., /obp/v5.1.0/...
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type {
  ContextConfigDefault,
  FastifyBaseLogger,
  FastifyInstance,
  FastifySchema,
  RawReplyDefaultExpression,
  RawRequestDefaultExpression,
  RawServerDefault,
  RouteGenericInterface,
  RouteOptions,
} from 'fastify';

export const OBP_VERSIONS = ['3.1.0', '4.0.0', '5.0.0', '5.1.0'] as const;
export type ObpVersion = (typeof OBP_VERSIONS)[number];

/** The OBP plugin's instance: request parts are typed by each route's TypeBox schemas. */
export type ObpApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/**
 * One OBP route; `S` is its schema (TypeBox params, querystring, body, headers), which types its handler,
 * and every OBP route has one (its OpenAPI tags at least).
 */
export type ObpRouteOptions<S extends FastifySchema> = RouteOptions<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  RouteGenericInterface,
  ContextConfigDefault,
  S,
  TypeBoxTypeProvider
> & { schema: S };

/** The version prefixes an endpoint introduced in `since` is served under, oldest first. */
export function versionsFrom(since: ObpVersion): string[] {
  return OBP_VERSIONS.slice(OBP_VERSIONS.indexOf(since)).map((version) => `/v${version}`);
}

/**
 * Registers one route under every version prefix from `since` on, in a plugin mounted at /obp. `url` is
 * the OBP path without prefix, with OBP's own parameter names (`/banks/:BANK_ID/...`). Only the newest
 * version shows in the OpenAPI document, so it lists each endpoint once.
 */
export function obpRoute<const S extends FastifySchema>(
  app: ObpApp,
  since: ObpVersion,
  route: ObpRouteOptions<S>,
): void {
  const prefixes = versionsFrom(since);
  for (const prefix of prefixes) {
    const newest = prefix === prefixes[prefixes.length - 1];
    app.route<RouteGenericInterface, ContextConfigDefault, S>({
      ...route,
      url: `${prefix}${route.url}`,
      schema: newest ? route.schema : { ...route.schema, hide: true },
    });
  }
}
