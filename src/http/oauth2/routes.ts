// OAuth2 for TPPs under /oauth2: the client credentials token endpoint (RFC 6749 §4.4) and token
// introspection for the bank's gateways (RFC 7662).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { epochSeconds } from '../../domain/date-time.js';
import { introspectToken } from '../../services/credentials/introspect-token.js';
import { issueAccessToken } from '../../services/credentials/issue-access-token.js';
import { parseBasicAuth } from '../kit/basic-auth.js';
import { ensureAcceptsJson, methodNotAllowed } from '../kit/content-negotiation.js';
import { resolveError } from '../kit/error-translation.js';
import { authenticate } from '../kit/authenticate.js';
import { operatorScheme } from '../kit/operator-auth.js';
import { createLimiter } from '../kit/rate-limit.js';
import { OAUTH2_ERRORS } from './errors.js';
import { CLIENT_BASIC_OR_FORM, OPERATOR_BASIC } from '../kit/openapi-security.js';
import { IntrospectionResponse, TokenResponse } from './schemas.js';

const FORM = 'application/x-www-form-urlencoded';

function sendOauthError(request: FastifyRequest, reply: FastifyReply, thrown: unknown) {
  const { error, mapping } = resolveError(request, thrown, OAUTH2_ERRORS);
  // RFC 6749 §5.2: a failed client authentication names the scheme to use.
  if (mapping.status === 401) reply.header('www-authenticate', 'Basic realm="ConsentHub"');
  return reply
    .status(mapping.status)
    .header('cache-control', 'no-store')
    .type('application/json')
    .send({
      error: mapping.error,
      error_description: mapping.status >= 500 ? 'An unexpected error occurred' : error.message,
    });
}

/** Form parameters; RFC 6749 §3.2: a parameter sent twice is an invalid request. */
function parseForm(body: string): Record<string, string> {
  const params = new URLSearchParams(body);
  const result: Record<string, string> = {};
  for (const [key, value] of params) {
    if (key in result)
      throw new DomainError('request.field_invalid', `${key} must not be repeated`, [{ path: key }]);
    result[key] = value;
  }
  return result;
}

/** client_secret_basic or client_secret_post, never both (RFC 6749 §2.3.1). */
function clientCredentials(request: FastifyRequest, form: Record<string, string>) {
  const header = request.headers.authorization;
  if (header !== undefined && /^basic\s/i.test(header)) {
    const basic = parseBasicAuth(header);
    if (!basic) throw new DomainError('token.invalid_client', 'The Basic credentials are malformed');
    if (form.client_secret !== undefined)
      throw new DomainError('request.invalid', 'Use one client authentication method, not both');
    // Client id and secret are form-urlencoded before the Basic encoding.
    const clientId = formDecode(basic.username);
    if (form.client_id !== undefined && form.client_id !== clientId)
      throw new DomainError('request.invalid', 'client_id does not match the Basic credentials');
    return { clientId, clientSecret: formDecode(basic.password) };
  }
  if (form.client_id && form.client_secret)
    return { clientId: form.client_id, clientSecret: form.client_secret };
  throw new DomainError('token.invalid_client', 'Client authentication is required');
}

function formDecode(value: string): string {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return value;
  }
}

/** The form parameters of a POST; another body format is a 415, no body at all an empty form. */
function formOf(request: FastifyRequest): Record<string, string> {
  if (request.headers['content-type'] === undefined) return {};
  const type = request.headers['content-type'].split(';')[0]!.trim().toLowerCase();
  if (type !== FORM)
    throw new DomainError('request.unsupported_media_type', `Send the parameters as ${FORM}`);
  // The form parser's fields, all text; anything else (no body) is an empty form.
  const body: unknown = request.body;
  if (typeof body !== 'object' || body === null) return {};
  return Object.fromEntries(
    Object.entries(body).filter((field): field is [string, string] => typeof field[1] === 'string'),
  );
}

export async function oauth2Routes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  app.setErrorHandler((error, request, reply) => sendOauthError(request, reply, error));
  app.setNotFoundHandler((request, reply) =>
    sendOauthError(request, reply, new DomainError('request.not_found')),
  );
  app.addContentTypeParser(FORM, { parseAs: 'string', bodyLimit: 16 * 1024 }, (_request, body, done) => {
    try {
      done(null, parseForm(body as string));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  const tags = ['OAuth2'];

  // Token requests are limited per authenticated client (RATE_LIMIT_PER_SECOND / _BURST), so one client
  // never throttles another on the same address, and failed client authentications per source address
  // (FAILED_CLIENT_AUTH_PER_MINUTE / _BURST). Introspection is the gateway's, on every call: not limited.
  await app.register(async (tokenScope) => {
    const perClient = createLimiter(
      ctx,
      'oauth2',
      { perSecond: ctx.config.rateLimitPerSecond, burst: ctx.config.rateLimitBurst },
      tokenScope,
    );
    const failures = createLimiter(
      ctx,
      'oauth2-failed',
      { perSecond: ctx.config.failedClientAuthPerMinute / 60, burst: ctx.config.failedClientAuthBurst },
      tokenScope,
    );
    tokenScope.post(
      '/token',
      {
        schema: {
          tags,
          summary: 'Client credentials grant: an access token for a TPP',
          security: CLIENT_BASIC_OR_FORM,
          consumes: [FORM],
          response: { 200: TokenResponse },
        },
      },
      async (request, reply) => {
        ensureAcceptsJson(request);
        const form = formOf(request);
        const credentials = clientCredentials(request, form);
        const token = await issueAccessToken(
          ctx,
          { ...credentials, grantType: form.grant_type, scope: form.scope },
          {
            before: () => failures.check(request.ip, reply),
            failed: () => failures.count(request.ip),
            authenticated: (clientId) => perClient.take(clientId, reply),
          },
        );
        return reply.header('cache-control', 'no-store').header('pragma', 'no-cache').send({
          access_token: token.accessToken,
          token_type: token.tokenType,
          expires_in: token.expiresIn,
          scope: token.scope,
        });
      },
    );
    methodNotAllowed(tokenScope, '/token', ['POST']);
  });

  app.post(
    '/introspect',
    {
      onRequest: authenticate(operatorScheme(ctx, ['admin', 'consent-manager'])),
      schema: {
        tags,
        summary: 'Token introspection (RFC 7662) for the bank gateway; HTTP Basic operator',
        security: OPERATOR_BASIC,
        consumes: [FORM],
        response: { 200: IntrospectionResponse },
      },
    },
    async (request, reply) => {
      ensureAcceptsJson(request);
      const { token } = formOf(request);
      if (token === undefined)
        throw new DomainError('request.field_missing', 'token is required', [{ path: 'token' }]);
      const result = await introspectToken(ctx, token);
      reply.header('cache-control', 'no-store');
      if (!result.active) return { active: false };
      return {
        active: true,
        client_id: result.clientId,
        scope: result.scopes.join(' '),
        token_type: 'Bearer',
        iat: epochSeconds(result.issuedAt),
        exp: epochSeconds(result.expiresAt),
      };
    },
  );
  methodNotAllowed(app, '/introspect', ['POST']);
}
