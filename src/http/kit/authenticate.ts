// The one authentication kit: each scheme finds its credential on a request and verifies it into a typed
// principal; a scope or a route installs `authenticate(...schemes)` as an onRequest hook, so a caller is
// known (or refused) before any body is read.
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { Principal } from './principal.js';

export interface AuthScheme<P extends Principal = Principal> {
  /** Whether the request carries this scheme's credential: decides between the schemes of a route. */
  offered(request: FastifyRequest): boolean;
  /**
   * The principal the credential proves; throws the domain's auth errors (missing, invalid, locked,
   * forbidden). May answer without a promise (the operator scheme's per-connection memo does).
   */
  verify(request: FastifyRequest, reply: FastifyReply): P | Promise<P>;
}

export type AuthHook = (request: FastifyRequest, reply: FastifyReply, done: HookHandlerDoneFunction) => void;

/**
 * An onRequest hook: the first scheme whose credential the request carries verifies it and its principal
 * becomes request.principal. When the request offers none, the last scheme is asked, so the error names
 * the credential the route expects first of all.
 */
export function authenticate(...schemes: readonly [AuthScheme, ...AuthScheme[]]): AuthHook {
  const fallback = schemes[schemes.length - 1]!;
  return (request, reply, done) => {
    const scheme = schemes.length === 1 ? fallback : (schemes.find((s) => s.offered(request)) ?? fallback);
    let result: Principal | Promise<Principal>;
    try {
      result = scheme.verify(request, reply);
    } catch (error) {
      done(error instanceof Error ? error : new Error(String(error)));
      return;
    }
    if (result instanceof Promise) {
      result.then((principal) => {
        request.principal = principal;
        done();
      }, done);
    } else {
      request.principal = result;
      done();
    }
  };
}
