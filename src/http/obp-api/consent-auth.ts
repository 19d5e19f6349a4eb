// The consent-holder scheme: calls authorised by an OBP consent (Consent-JWT or Consent-Id header).
import type { FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import {
  carriesConsent,
  resolveCallConsent,
  type CallConsentHeaders,
} from '../../services/obp/resolve-call-consent.js';
import { clientCertificateText } from './mtls-routes.js';
import type { AuthScheme } from '../kit/authenticate.js';
import type { PrincipalOf } from '../kit/principal.js';

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The consent headers of a call, with what identifies its consumer. */
function callConsentHeaders(ctx: AppContext, request: FastifyRequest): CallConsentHeaders {
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

/**
 * A call made under an OBP consent (Consent-JWT, or Consent-Id with the consumer's key or certificate),
 * checked in ref §8's order; the principal is the consent's user.
 */
export function consentHolderScheme(ctx: AppContext): AuthScheme<PrincipalOf<'consent-holder'>> {
  return {
    offered: (request) => carriesConsent(callConsentHeaders(ctx, request)),
    verify: async (request) => ({
      kind: 'consent-holder',
      call: await resolveCallConsent(ctx, callConsentHeaders(ctx, request)),
    }),
  };
}
