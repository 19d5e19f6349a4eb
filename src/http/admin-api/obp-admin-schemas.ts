import { Type } from 'typebox';
import { OBP_ROLES } from '../../domain/entitlement.js';

export const GrantEntitlementBody = Type.Object(
  {
    bankId: Type.String({
      maxLength: 255,
      description: 'The bank (OBP_BANK_ID), or "" for an AtAnyBank role',
    }),
    roleName: Type.String({ minLength: 1, maxLength: 255, description: `One of ${OBP_ROLES.join(', ')}` }),
  },
  { additionalProperties: false },
);

export const EntitlementView = Type.Object({
  entitlementId: Type.String(),
  bankId: Type.String(),
  roleName: Type.String(),
  createdAt: Type.String(),
});

export const EntitlementList = Type.Object({ entitlements: Type.Array(EntitlementView) });

export const DevOutboxQuery = Type.Object(
  {
    to: Type.Optional(
      Type.String({ minLength: 1, maxLength: 320, description: 'Only messages to this address or number' }),
    ),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
  },
  { additionalProperties: false },
);

export const DevOutboxView = Type.Object({
  messages: Type.Array(
    Type.Object({
      messageId: Type.String(),
      channel: Type.String(),
      to: Type.String(),
      subject: Type.String(),
      text: Type.String(),
      code: Type.Union([Type.String(), Type.Null()]),
      consentId: Type.Union([Type.String(), Type.Null()]),
      createdAt: Type.String(),
    }),
  ),
});
