// Calls authorised by an OBP consent (Consent-JWT or Consent-Id header) or, without one, by DirectLogin.
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  carriesConsent,
  resolveCallConsent,
  type CallConsent,
  type CallConsentHeaders,
} from '../../services/obp/resolve-call-consent.js';
import { clientCertificateText } from './mtls-routes.js';
import { directLoginUser } from './obp-auth.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Set when the call runs under a consent. */
    obpConsent?: CallConsent;
  }
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The consent headers of a call, with what identifies its consumer. */
export function callConsentHeaders(ctx: AppContext, request: FastifyRequest): CallConsentHeaders {
  const headers: CallConsentHeaders = {};
  const jwt = header(request, 'consent-jwt');
  const id = header(request, 'consent-id');
  const key = header(request, 'consumer-key');
  const certificate = clientCertificateText(ctx, request);
  if (jwt !== undefined) headers.consentJwt = jwt;
  if (id !== undefined) headers.consentId = id;
  if (key !== undefined) headers.consumerKey = key.trim();
  if (certificate !== undefined) headers.certificate = certificate;
  return headers;
}

/** The consent used on this call (DELETE /my/consent/current, calls run under a consent). */
export async function consentOfCall(ctx: AppContext, request: FastifyRequest): Promise<CallConsent> {
  return resolveCallConsent(ctx, callConsentHeaders(ctx, request));
}

/**
 * A preHandler: with a consent header the call runs under that consent (request.obpConsent); without one
 * it needs a DirectLogin user (request.obpUser).
 */
export function requireConsentOrUser(ctx: AppContext) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    const headers = callConsentHeaders(ctx, request);
    if (carriesConsent(headers)) request.obpConsent = await resolveCallConsent(ctx, headers);
    else request.obpUser = await directLoginUser(ctx, request);
  };
}
