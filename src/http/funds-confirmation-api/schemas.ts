// Request schemas of the funds-confirmation API (seed 004). The OB bodies (OBFundsConfirmationConsent1,
// OBFundsConfirmation1) come from the UK OB v3.1.11r5 extract in ob-request-schemas.json.
import { Type } from 'typebox';
import { USER_CONSENT_STATUSES } from '../../domain/funds-confirmation.js';

const optionalHeader = (description: string) => Type.Optional(Type.String({ description }));

const FapiHeaders = {
  'x-fapi-customer-last-logged-time': optionalHeader('When the PSU last logged in with the TPP'),
  'x-fapi-customer-ip-address': optionalHeader("The PSU's IP address"),
  'x-fapi-interaction-id': optionalHeader('RFC 4122 correlation id, echoed back'),
  'x-customer-user-agent': optionalHeader('The user agent of the PSU'),
};

/** Create, get and delete: x-fapi-financial-id and UserId are required (seed 004). */
export const ConsentHeaders = Type.Object({
  'x-fapi-financial-id': Type.String({ description: 'The ASPSP id (FINANCIAL_ID); another value is a 403' }),
  userid: Type.String({
    minLength: 1,
    maxLength: 256,
    description: 'UserId: the user initiating the request',
  }),
  ...FapiHeaders,
});

/** Other endpoints: x-fapi-financial-id is checked when sent. */
export const OptionalHeaders = Type.Object({
  'x-fapi-financial-id': optionalHeader('The ASPSP id (FINANCIAL_ID); another value is a 403'),
  ...FapiHeaders,
});

export const ConsentIdParams = Type.Object({ ConsentId: Type.String({ minLength: 1, maxLength: 128 }) });

export const MAX_SEARCH_LIMIT = 1000;

export const SearchQuery = Type.Object({
  limit: Type.Integer({ minimum: 1, maximum: MAX_SEARCH_LIMIT, default: 25 }),
  offset: Type.Integer({ minimum: 0, default: 0 }),
  userId: Type.Optional(Type.String({ minLength: 1, description: 'Comma separated for several' })),
  clientId: Type.Optional(Type.String({ minLength: 1, description: 'Comma separated for several' })),
  status: Type.Optional(Type.String({ minLength: 1, description: 'Comma separated for several' })),
  fromTimestamp: Type.Optional(Type.String({ description: 'ISO 8601 date-time: created at or after' })),
  toTimestamp: Type.Optional(Type.String({ description: 'ISO 8601 date-time: created at or before' })),
});

export const UserConsentBody = Type.Object(
  {
    ConsentId: Type.String({ minLength: 1, maxLength: 128 }),
    collectionMethod: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    userId: Type.String({ minLength: 1, maxLength: 256 }),
    accountIds: Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 100 }),
    status: Type.String({ enum: [...USER_CONSENT_STATUSES] }),
    givenTimeStamp: Type.Optional(Type.String({ format: 'date-time' })),
  },
  { additionalProperties: false },
);

export const ValidationBody = Type.Object(
  {
    clientId: Type.String({ minLength: 1, maxLength: 256 }),
    userId: Type.String({ minLength: 1, maxLength: 256 }),
    ConsentId: Type.String({ minLength: 1, maxLength: 128 }),
  },
  { additionalProperties: false },
);
