// OBP serves an endpoint under the version that introduced it and under every later one
// (ref/README.md §8): /obp/v3.1.0/..., /obp/v4.0.0/..., /obp/v5.0.0/..., /obp/v5.1.0/...
import type { FastifyInstance, RouteOptions } from 'fastify';

export const OBP_VERSIONS = ['3.1.0', '4.0.0', '5.0.0', '5.1.0'] as const;
export type ObpVersion = (typeof OBP_VERSIONS)[number];

/** The version prefixes an endpoint introduced in `since` is served under, oldest first. */
export function versionsFrom(since: ObpVersion): string[] {
  return OBP_VERSIONS.slice(OBP_VERSIONS.indexOf(since)).map((version) => `/v${version}`);
}

/**
 * Registers one route under every version prefix from `since` on, in a plugin mounted at /obp. `url` is
 * the OBP path without prefix, with OBP's own parameter names (`/banks/:BANK_ID/...`). Only the newest
 * version shows in the OpenAPI document, so it lists each endpoint once.
 */
export function obpRoute(app: FastifyInstance, since: ObpVersion, route: RouteOptions): void {
  const prefixes = versionsFrom(since);
  for (const prefix of prefixes) {
    const newest = prefix === prefixes[prefixes.length - 1];
    app.route({
      ...route,
      url: `${prefix}${route.url}`,
      schema: { ...route.schema, ...(newest ? {} : { hide: true }) },
    });
  }
}
