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
