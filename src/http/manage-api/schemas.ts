import { Type } from 'typebox';

export const ManageHeaders = Type.Object({
  'x-wso2-client-id': Type.Optional(Type.String({ description: 'The TPP client the call is made for' })),
  'x-fapi-interaction-id': Type.Optional(Type.String({ description: 'Correlation id, echoed back' })),
  'x-wso2-internal-request': Type.Optional(
    Type.String({ description: '"true" for the bank-internal detail view' }),
  ),
  'x-idempotency-key': Type.Optional(
    Type.String({ description: 'Required on payment, file and VRP creation and file upload' }),
  ),
});

export const ConsentIdParams = Type.Object({ consentId: Type.String() });

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Optional(Type.Union([schema, Type.Null()]));

export const UpdateConsentBody = Type.Object(
  {
    consentID: Nullable(Type.String()),
    status: Nullable(Type.String({ minLength: 1 })),
    // Epoch seconds; at most 9999-12-31T23:59:59Z, the last time every date-time format can show.
    validityPeriod: Nullable(Type.Integer({ minimum: 0, maximum: 253_402_300_799 })),
    recurringIndicator: Nullable(Type.Boolean()),
    consentFrequency: Nullable(Type.Integer({ minimum: 0 })),
    receipt: Nullable(Type.String({ minLength: 2 })),
    consentAttributes: Nullable(Type.Record(Type.String(), Type.String())),
    authorizationResources: Nullable(
      Type.Array(
        Type.Object(
          {
            authorizationID: Type.Optional(Type.String({ minLength: 1 })),
            userID: Nullable(Type.String({ minLength: 1 })),
            authorizationType: Type.String({ minLength: 1 }),
            authorizationStatus: Type.String({ minLength: 1 }),
            resources: Type.Optional(
              Type.Array(
                Type.Object(
                  {
                    mappingID: Type.Optional(Type.String({ minLength: 1 })),
                    accountID: Type.String({ minLength: 1 }),
                    permission: Type.String({ minLength: 1 }),
                    mappingStatus: Type.String({ minLength: 1 }),
                  },
                  { additionalProperties: false },
                ),
              ),
            ),
          },
          { additionalProperties: false },
        ),
      ),
    ),
  },
  { additionalProperties: false },
);
