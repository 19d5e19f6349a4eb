// The WSO2-style Consent Manage API (seed 002) under /api/fs/consent/manage.
import { createHash } from 'node:crypto';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AppContext } from '../../context.js';
import { KIND_INFO, type Actor } from '../../domain/consent.js';
import { CONSENT_RESOURCES, RESOURCE_KIND } from '../ob/consent-resources.js';
import { DomainError } from '../../domain/errors.js';
import { getConsentFile } from '../../services/consents/get-consent-file.js';
import { uploadConsentFile } from '../../services/consents/upload-consent-file.js';
import { createConsent } from '../../services/consents/create-consent.js';
import { getConsent } from '../../services/consents/get-consent.js';
import { getConsentDetail } from '../../services/consents/get-consent-detail.js';
import { checkIdempotencyKey } from '../../services/consents/idempotency.js';
import { resolveClient } from '../../services/credentials/resolve-client.js';
import { revokeConsent } from '../../services/consents/revoke-consent.js';
import { updateConsent } from '../../services/consents/update-consent.js';
import { ensureAcceptsJson, methodNotAllowed, requireJson } from '../kit/content-negotiation.js';
import { installObErrorHandling } from '../ob/ob-errors.js';
import { authenticate } from '../kit/authenticate.js';
import { operatorScheme } from '../kit/operator-auth.js';
import { callerIdOf, principalOf } from '../kit/principal.js';
import { limitPerCaller } from '../kit/rate-limit.js';
import { validateObBody } from '../ob/ob-body-validation.js';
import { baseUrlOf, headerValue } from '../kit/request-context.js';
import { MANAGE_API_ERRORS } from './errors.js';
import { toConsentResponse, toConsentUpdate, toInternalDetail } from './mappers.js';
import { ConsentIdParams, ManageHeaders, UpdateConsentBody } from './schemas.js';
import { OB_REQUEST_SCHEMAS } from '../ob/ob-request-schemas.js';
import { JSON_BODY_LIMITS, limitJsonBodies } from '../kit/body-limits.js';

declare module 'fastify' {
  interface FastifyRequest {
    rawBody?: Buffer;
    tppClientId?: string;
  }
}

const FILE_CONTENT_TYPES = ['application/xml', 'text/xml', 'text/plain', 'application/octet-stream'];

function bankActor(request: FastifyRequest): Actor {
  return { type: 'bank', id: principalOf(request, 'operator').username };
}

function tppActor(request: FastifyRequest): Actor {
  return { type: 'tpp', id: request.tppClientId ?? 'unknown' };
}

function isInternal(request: FastifyRequest): boolean {
  return headerValue(request, 'x-wso2-internal-request')?.toLowerCase() === 'true';
}

/** parseAs: 'buffer' hands a Buffer; the parser's type also allows the string of parseAs: 'string'. */
function bytesOf(body: string | Buffer): Buffer {
  return typeof body === 'string' ? Buffer.from(body, 'utf8') : body;
}

function sha256(body: Buffer | undefined): string {
  return createHash('sha256')
    .update(body ?? Buffer.alloc(0))
    .digest('base64');
}

export async function manageApiRoutes(instance: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  installObErrorHandling(app, MANAGE_API_ERRORS);
  limitJsonBodies(app, JSON_BODY_LIMITS.manage, (url) => url.includes('/fileUpload/'));

  // Keep the exact bytes: they are hashed for idempotency and stored as uploaded files.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'buffer', bodyLimit: ctx.config.fileUploadMaxBytes },
    (request, body, done) => {
      const bytes = bytesOf(body);
      request.rawBody = bytes;
      if (bytes.length === 0) return done(null, undefined);
      try {
        done(null, JSON.parse(bytes.toString('utf8')));
      } catch {
        done(new DomainError('request.malformed', 'The request body is not valid JSON'), undefined);
      }
    },
  );
  app.addContentTypeParser(
    FILE_CONTENT_TYPES,
    { parseAs: 'buffer', bodyLimit: ctx.config.fileUploadMaxBytes },
    (request, body, done) => {
      request.rawBody = bytesOf(body);
      done(null, request.rawBody);
    },
  );

  // Authentication comes first (onRequest): an unauthenticated caller learns nothing about bodies or ids.
  app.addHook('onRequest', authenticate(operatorScheme(ctx, ['admin', 'consent-manager'])));
  app.addHook('onRequest', async (request) => {
    request.tppClientId = (await resolveClient(ctx, headerValue(request, 'x-wso2-client-id'))).clientId;
  });
  limitPerCaller(app, ctx, 'manage', callerIdOf);

  for (const resource of CONSENT_RESOURCES) {
    const kind = RESOURCE_KIND[resource];
    const info = KIND_INFO[kind];
    const tags = ['Consent Manage'];

    app.post(
      `/${resource}`,
      {
        preValidation: requireJson,
        schema: { tags, summary: `Create a ${resource.replace(/s$/, '')}`, headers: ManageHeaders },
      },
      async (request, reply) => {
        const body = validateObBody(OB_REQUEST_SCHEMAS[resource], request.body);
        const idempotency = info.idempotent
          ? {
              key: checkIdempotencyKey(headerValue(request, 'x-idempotency-key')),
              requestHash: sha256(request.rawBody),
            }
          : undefined;
        const { consent } = await createConsent(ctx, {
          kind,
          clientId: request.tppClientId!,
          body,
          ...(idempotency ? { idempotency } : {}),
          actor: tppActor(request),
        });
        return reply.status(201).send(toConsentResponse(consent, baseUrlOf(ctx, request)));
      },
    );

    app.get(
      `/${resource}/:consentId`,
      {
        schema: {
          tags,
          summary: `Retrieve a ${resource.replace(/s$/, '')} (internal detail with x-wso2-internal-request: true)`,
          headers: ManageHeaders,
          params: ConsentIdParams,
        },
      },
      async (request) => {
        ensureAcceptsJson(request);
        const { consentId } = request.params;
        if (isInternal(request))
          return toInternalDetail(await getConsentDetail(ctx, kind, consentId, request.tppClientId!));
        return toConsentResponse(
          await getConsent(ctx, kind, consentId, request.tppClientId!),
          baseUrlOf(ctx, request),
        );
      },
    );

    app.put(
      `/${resource}/:consentId`,
      {
        schema: {
          tags,
          summary: 'Update a consent (bank-internal)',
          headers: ManageHeaders,
          params: ConsentIdParams,
          body: UpdateConsentBody,
        },
        // Before schema validation, so a body in another format is a 415, not a list of schema errors.
        preValidation: requireJson,
      },
      async (request) => {
        if (!isInternal(request))
          throw new DomainError(
            'auth.forbidden',
            'Consent updates are internal requests: send x-wso2-internal-request: true',
          );
        const { consentId } = request.params;
        return toInternalDetail(
          await updateConsent(ctx, {
            kind,
            consentId,
            clientId: request.tppClientId!,
            update: toConsentUpdate(request.body),
            actor: bankActor(request),
            interactionId: request.id,
          }),
        );
      },
    );

    app.delete(
      `/${resource}/:consentId`,
      { schema: { tags, summary: 'Revoke a consent', headers: ManageHeaders, params: ConsentIdParams } },
      async (request, reply) => {
        const { consentId } = request.params;
        await revokeConsent(ctx, {
          kind,
          consentId,
          clientId: request.tppClientId!,
          actor: tppActor(request),
          reason: 'Revoked by the TPP',
        });
        return reply.status(204).send();
      },
    );

    methodNotAllowed(app, `/${resource}`, ['POST']);
    methodNotAllowed(app, `/${resource}/:consentId`, ['GET', 'PUT', 'DELETE']);
  }

  const fileTags = ['Consent Manage: files'];
  app.post(
    '/fileUpload/file-payment-consents/:consentId',
    {
      schema: {
        tags: fileTags,
        summary: 'Upload the payment file of a file-payment consent',
        headers: ManageHeaders,
        params: ConsentIdParams,
      },
    },
    async (request, reply) => {
      const { consentId } = request.params;
      if (!request.rawBody || request.rawBody.length === 0)
        throw new DomainError('request.field_missing', 'The file is empty');
      await uploadConsentFile(ctx, {
        consentId,
        clientId: request.tppClientId!,
        // Set: a body reaches here only through a content-type parser.
        contentType: request.headers['content-type']!,
        content: request.rawBody,
        idempotency: {
          key: checkIdempotencyKey(headerValue(request, 'x-idempotency-key')),
          requestHash: sha256(request.rawBody),
        },
        actor: tppActor(request),
      });
      return reply.status(200).send();
    },
  );
  app.get(
    '/fileUpload/file-payment-consents/:consentId',
    {
      schema: {
        tags: fileTags,
        summary: 'Retrieve the uploaded payment file',
        headers: ManageHeaders,
        params: ConsentIdParams,
      },
    },
    async (request, reply) => {
      const { consentId } = request.params;
      const file = await getConsentFile(ctx, consentId, request.tppClientId!);
      return reply.status(200).header('content-type', file.contentType).send(file.content);
    },
  );
  methodNotAllowed(app, '/fileUpload/file-payment-consents/:consentId', ['GET', 'POST']);
}
