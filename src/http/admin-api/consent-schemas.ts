import { Type } from 'typebox';

/** Comma-separated lists, as WSO2's consent search takes them. */
const List = Type.String({ minLength: 1, maxLength: 4000 });
const EpochSeconds = Type.Integer({ minimum: 0, maximum: 32_503_680_000 });

export const ConsentSearchQuery = Type.Object(
  {
    consentIDs: Type.Optional(List),
    clientIDs: Type.Optional(List),
    consentTypes: Type.Optional(List),
    consentStatuses: Type.Optional(List),
    userIDs: Type.Optional(List),
    fromTime: Type.Optional(EpochSeconds),
    toTime: Type.Optional(EpochSeconds),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 25 }),
    offset: Type.Integer({ minimum: 0, maximum: 1_000_000, default: 0 }),
  },
  { additionalProperties: false },
);

export const ConsentIdParams = Type.Object({ consentId: Type.String({ minLength: 1, maxLength: 128 }) });
