// Admin API for OBP identity (HTTP Basic, role admin): client certificates of certificate-bound consumers,
// customers' entitlements (OBP roles), the dev outbox of one-time-code messages.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { Entitlement } from '../../domain/entitlement.js';
import { grantEntitlement, listEntitlements, revokeEntitlement } from '../../services/obp/entitlements.js';
import { registerClientCertificate } from '../../services/obp/register-client-certificate.js';
import { listDevOutbox } from '../../services/obp/send-otp.js';
import { authenticate } from '../kit/authenticate.js';
import { operatorScheme } from '../kit/operator-auth.js';
import { sendSimpleError } from '../kit/simple-errors.js';
import { ADMIN_API_ERRORS } from './errors.js';
import { clientView } from '../admin-views.js';
import { ClientView, ClientIdParams } from '../admin-schemas.js';
import { adminActor } from './routes.js';
import {
  DevOutboxQuery,
  DevOutboxView,
  EntitlementList,
  EntitlementView,
  GrantEntitlementBody,
} from './obp-admin-schemas.js';
import { CustomerIdParams, EntitlementParams } from './path-params.js';

function entitlementView(entitlement: Entitlement) {
  return {
    entitlementId: entitlement.entitlementId,
    bankId: entitlement.bankId,
    roleName: entitlement.roleName,
    createdAt: new Date(entitlement.createdAt).toISOString(),
  };
}

const PEM_TYPES = ['application/x-pem-file', 'application/pkix-cert', 'text/plain'];

/** The PEM of a certificate body: the text itself, or the `certificate` text of a JSON body. */
function pemOf(body: unknown): string | undefined {
  if (typeof body === 'string') return body;
  if (
    typeof body === 'object' &&
    body !== null &&
    'certificate' in body &&
    typeof body.certificate === 'string'
  )
    return body.certificate;
  return undefined;
}

export async function obpAdminRoutes(instance: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  app.setErrorHandler((error, request, reply) => sendSimpleError(request, reply, error, ADMIN_API_ERRORS));
  app.addHook('onRequest', authenticate(operatorScheme(ctx, ['admin'])));
  app.addContentTypeParser(PEM_TYPES, { parseAs: 'string', bodyLimit: 64 * 1024 }, (_request, body, done) =>
    done(null, body),
  );
  const tags = ['Admin'];

  app.put(
    '/clients/:clientId/certificate',
    {
      schema: {
        tags,
        params: ClientIdParams,
        summary: "Register a client's certificate (PEM) for certificate-bound OBP consumers",
        description: `Body: the PEM itself (${PEM_TYPES.join(', ')}) or JSON {"certificate": "<PEM>"}.`,
        response: { 200: ClientView },
      },
    },
    async (request) => {
      const { clientId } = request.params;
      const pem = pemOf(request.body);
      if (pem === undefined || pem.trim() === '')
        throw new DomainError('request.field_missing', 'The PEM certificate is required', [
          { path: 'certificate' },
        ]);
      return clientView(await registerClientCertificate(ctx, clientId, pem, adminActor(request), request.id));
    },
  );

  app.post(
    '/customers/:customerId/entitlements',
    {
      schema: {
        tags,
        params: CustomerIdParams,
        summary: 'Grant a customer an OBP role at a bank (bankId "" for an AtAnyBank role)',
        body: GrantEntitlementBody,
        response: { 201: EntitlementView },
      },
    },
    async (request, reply) => {
      const { customerId } = request.params;
      const entitlement = await grantEntitlement(
        ctx,
        customerId,
        request.body,
        adminActor(request),
        request.id,
      );
      return reply.status(201).send(entitlementView(entitlement));
    },
  );
  app.get(
    '/customers/:customerId/entitlements',
    {
      schema: {
        tags,
        params: CustomerIdParams,
        summary: "A customer's OBP roles",
        response: { 200: EntitlementList },
      },
    },
    async (request) => {
      const { customerId } = request.params;
      return { entitlements: (await listEntitlements(ctx, customerId)).map(entitlementView) };
    },
  );
  app.delete(
    '/customers/:customerId/entitlements/:entitlementId',
    { schema: { tags, params: EntitlementParams, summary: 'Remove an OBP role from a customer' } },
    async (request, reply) => {
      const { customerId, entitlementId } = request.params;
      await revokeEntitlement(ctx, customerId, entitlementId, adminActor(request), request.id);
      return reply.status(204).send();
    },
  );

  app.get(
    '/dev/outbox',
    {
      schema: {
        tags,
        summary: 'The dev outbox (OTP_TRANSPORT=outbox): one-time-code messages, newest first',
        querystring: DevOutboxQuery,
        response: { 200: DevOutboxView },
      },
    },
    async (request, reply) => {
      const { to, limit } = request.query;
      const messages = await listDevOutbox(ctx, { ...(to !== undefined ? { to } : {}), limit: limit ?? 50 });
      reply.header('cache-control', 'no-store');
      return {
        messages: messages.map((m) => ({
          messageId: m.messageId,
          channel: m.channel,
          to: m.to,
          subject: m.subject,
          text: m.text,
          code: m.code,
          consentId: m.consentId,
          createdAt: new Date(m.createdAt).toISOString(),
        })),
      };
    },
  );
}
