// POST /api/fs/consent/validate: the gateway's hot path.
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { AppContext } from '../../context.js';
import { validateConsent } from '../../services/validate-consent.js';
import { ensureAcceptsJson, ensureJsonBody, methodNotAllowed } from '../plugins/content-negotiation.js';
import { installObErrorHandling } from '../plugins/ob-errors.js';
import { requireOperator } from '../plugins/operator-auth.js';
import { MANAGE_API_ERRORS } from '../manage-api/errors.js';

const ValidateBody = Type.Object(
  {
    consentId: Type.String({ minLength: 1, maxLength: 128 }),
    clientId: Type.String({ minLength: 1, maxLength: 256 }),
    userId: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
    permission: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
  },
  { additionalProperties: false },
);

const ValidateResponse = Type.Object({
  isValid: Type.Boolean(),
  errorCode: Type.Optional(Type.String()),
  errorMessage: Type.Optional(Type.String()),
  consentInformation: Type.Optional(
    Type.Object({
      consentId: Type.String(),
      consentType: Type.String(),
      consentResource: Type.String(),
      clientId: Type.String(),
      status: Type.String(),
      userId: Type.Union([Type.String(), Type.Null()]),
      expirationDateTime: Type.Union([Type.String(), Type.Null()]),
    }),
  ),
});

export async function validateApiRoutes(app: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  installObErrorHandling(app, MANAGE_API_ERRORS);
  const authenticate = requireOperator(ctx, ['admin', 'consent-manager']);
  app.post(
    '/validate',
    {
      preHandler: authenticate,
      schema: {
        tags: ['Consent validation'],
        summary: 'Is this consent valid now for this client (and user, account, permission)?',
        body: ValidateBody,
        response: { 200: ValidateResponse },
      },
    },
    async (request) => {
      ensureJsonBody(request);
      ensureAcceptsJson(request);
      const result = await validateConsent(ctx, request.body as Static<typeof ValidateBody>);
      const info = result.consentInformation;
      return {
        isValid: result.isValid,
        ...(result.errorCode
          ? { errorCode: MANAGE_API_ERRORS[result.errorCode].errorCode, errorMessage: result.errorMessage }
          : {}),
        ...(info
          ? {
              consentInformation: {
                consentId: info.consentId,
                consentType: info.consentType,
                consentResource: info.resource,
                clientId: info.clientId,
                status: info.status,
                userId: info.userId,
                expirationDateTime: info.expiresAt === null ? null : new Date(info.expiresAt).toISOString(),
              },
            }
          : {}),
      };
    },
  );
  methodNotAllowed(app, '/validate', ['POST']);
}
