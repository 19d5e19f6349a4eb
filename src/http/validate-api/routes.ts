// POST /api/fs/consent/validate: the gateway's hot path.
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import type { AppContext } from '../../context.js';
import type { ErrorCode } from '../../domain/errors.js';
import { validateConsent, type ValidateConsentResult } from '../../services/consents/validate-consent.js';
import { methodNotAllowed, requireJson } from '../kit/content-negotiation.js';
import { installObErrorHandling } from '../ob/ob-errors.js';
import { authenticate } from '../kit/authenticate.js';
import { operatorScheme } from '../kit/operator-auth.js';
import { callerIdOf } from '../kit/principal.js';
import { limitPerCaller } from '../kit/rate-limit.js';
import { resourceOfKind } from '../ob/consent-resources.js';
import { OB_ERRORS } from '../ob/ob-error-map.js';
import { mappingOf } from '../kit/error-map.js';
import { JSON_BODY_LIMITS, limitJsonBodies } from '../kit/body-limits.js';

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

/** A verdict's reason as the UK OB code the gateway passes on: a consent that does not cover the user,
 * account or permission asked about is a consent mismatch, not a bad header. */
const VERDICT_CODES: Partial<Record<ErrorCode, string>> = {
  'auth.forbidden': 'UK.OBIE.Resource.ConsentMismatch',
};

type WireVerdict = Static<typeof ValidateResponse>;

/** The verdict as the gateway reads it (built field by field: this runs on every gateway call). */
function wireVerdict(result: ValidateConsentResult): WireVerdict {
  const verdict: WireVerdict = { isValid: result.isValid };
  if (result.errorCode) {
    verdict.errorCode = VERDICT_CODES[result.errorCode] ?? mappingOf(OB_ERRORS, result.errorCode).errorCode;
    verdict.errorMessage = result.errorMessage;
  }
  const info = result.consentInformation;
  if (info)
    verdict.consentInformation = {
      consentId: info.consentId,
      consentType: info.consentType,
      // An OBP consent has no manage-API resource: its kind stands in.
      consentResource: resourceOfKind(info.kind) ?? info.kind,
      clientId: info.clientId,
      status: info.status,
      userId: info.userId,
      expirationDateTime: info.expiresAt === null ? null : new Date(info.expiresAt).toISOString(),
    };
  return verdict;
}

export async function validateApiRoutes(instance: FastifyInstance, opts: { ctx: AppContext }): Promise<void> {
  const { ctx } = opts;
  const app = instance.withTypeProvider<TypeBoxTypeProvider>();
  installObErrorHandling(app, OB_ERRORS);
  limitJsonBodies(app, JSON_BODY_LIMITS.validate);
  const operator = authenticate(operatorScheme(ctx, ['admin', 'consent-manager']));
  limitPerCaller(app, ctx, 'validate', callerIdOf);
  app.post(
    '/validate',
    {
      // Authentication before the body is read, content negotiation before it is validated.
      onRequest: operator,
      preValidation: requireJson,
      schema: {
        tags: ['Consent validation'],
        summary: 'Is this consent valid now for this client (and user, account, permission)?',
        body: ValidateBody,
        response: { 200: ValidateResponse },
      },
    },
    async (request) => wireVerdict(await validateConsent(ctx, request.body)),
  );
  methodNotAllowed(app, '/validate', ['POST']);
}
