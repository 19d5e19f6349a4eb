// Binds a TPP's client certificate to its client, for certificate-bound OBP consumers (PSD2-CERT / mTLS).
import type { AppContext } from '../../context.js';
import type { Client } from '../../domain/client.js';
import { parseClientCertificate } from '../credentials/client-certificate.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { isUniqueViolation } from '../../storage/storage.js';
import { getClient } from '../admin/get-client.js';

export async function registerClientCertificate(
  ctx: AppContext,
  clientId: string,
  pem: string,
  actor: Actor,
  interactionId: string | null,
): Promise<Client> {
  const certificate = parseClientCertificate(pem);
  const now = ctx.clock.now();
  await ctx.storage
    .transaction(async (repos) => {
      const client = await repos.clients.findById(clientId);
      if (!client) throw new DomainError('client.unknown', 'No such client');
      const holder = await repos.clients.findByCertThumbprint(certificate.thumbprint);
      if (holder && holder.clientId !== clientId)
        throw new DomainError('client.exists', 'That certificate is already registered for another client');
      await repos.clients.setCertificate(
        clientId,
        { thumbprint: certificate.thumbprint, subjectDn: certificate.subject },
        now,
      );
      await repos.audit.append({
        actor,
        action: 'client.certificate_registered',
        targetType: 'client',
        targetId: clientId,
        details: {
          thumbprint: certificate.thumbprint,
          subject: certificate.subject,
          issuer: certificate.issuer,
          notAfter: certificate.notAfter.toISOString(),
          previousThumbprint: client.certThumbprint,
        },
        interactionId,
        at: now,
      });
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error))
        throw new DomainError('client.exists', 'That certificate is already registered for another client');
      throw error;
    });
  ctx.caches.clients.clear();
  return getClient(ctx, clientId);
}
