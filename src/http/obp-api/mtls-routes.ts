// GET /my/mtls/certificate/current: what the client certificate of this call says (OBP v5.1.0
// mtlsClientCertificateInfo). The certificate comes from the TLS connection, or from the PSD2-CERT header
// only when TRUST_PROXY_CERT_HEADER=true (a proxy in front terminated TLS and forwards it).
import type { TLSSocket } from 'node:tls';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { parseClientCertificate } from '../../services/credentials/client-certificate.js';
import { DomainError } from '../../domain/errors.js';
import { authenticate } from '../kit/authenticate.js';
import { directLoginScheme } from './obp-auth.js';
import { obpRoute } from './versions.js';

const NO_ROLES = 'PEM Encoded Certificate does not contain PSD2 roles.';

/** The client certificate of the call as PEM/DER text, or undefined when there is none. */
export function clientCertificateText(ctx: AppContext, request: FastifyRequest): string | undefined {
  const socket = request.raw.socket as Partial<TLSSocket>;
  if (typeof socket.getPeerCertificate === 'function') {
    const peer = socket.getPeerCertificate();
    if (peer && peer.raw) return peer.raw.toString('base64');
  }
  if (!ctx.config.trustProxyCertHeader) return undefined;
  const header = request.headers['psd2-cert'];
  return typeof header === 'string' && header.trim() !== '' ? header : undefined;
}

export async function obpMtlsRoutes(instance: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  obpRoute(app, '5.1.0', {
    method: 'GET',
    url: '/my/mtls/certificate/current',
    onRequest: authenticate(directLoginScheme(ctx)),
    schema: {
      tags: ['Open Bank Project'],
      summary:
        "Provide client's certificate info of a current call (TLS, or PSD2-CERT behind a trusted proxy)",
    },
    handler: async (request) => {
      const text = clientCertificateText(ctx, request);
      if (text === undefined) throw new DomainError('certificate.missing');
      const certificate = parseClientCertificate(text);
      return {
        subject_domain_name: certificate.subject,
        issuer_domain_name: certificate.issuer,
        not_before: certificate.notBefore.toISOString(),
        not_after: certificate.notAfter.toISOString(),
        ...(certificate.psd2Roles.length > 0 ? { roles: certificate.psd2Roles } : { roles_info: NO_ROLES }),
      };
    },
  });
}
