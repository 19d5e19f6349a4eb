import { Type } from 'typebox';
import { CLIENT_ROLES } from '../domain/client.js';
import { OPERATOR_ROLES } from '../domain/operator.js';

/** Path parameters the admin API and the portal's administration share. */
export const ClientIdParams = Type.Object({ clientId: Type.String() });
export const UsernameParams = Type.Object({ username: Type.String() });

const ClientRole = Type.Union(CLIENT_ROLES.map((r) => Type.Literal(r)));
const OperatorRole = Type.Union(OPERATOR_ROLES.map((r) => Type.Literal(r)));

export const CreateClientBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(ClientRole, { minItems: 1 }),
    clientId: Type.Optional(Type.String({ minLength: 3, maxLength: 128, pattern: '^[A-Za-z0-9._~-]+$' })),
    shortName: Type.Optional(Type.String({ minLength: 2, maxLength: 64, pattern: '^[a-z0-9][a-z0-9-]*$' })),
  },
  { additionalProperties: false },
);

/** How an account may log in (issue 13 item 2; docs/security.md). */
const LoginRestrictionFields = {
  serviceAccount: Type.Optional(
    Type.Boolean({ description: 'A service account is never locked account-wide by failed logins' }),
  ),
  allowedSources: Type.Optional(
    Type.Array(Type.String({ minLength: 1, maxLength: 64 }), {
      maxItems: 100,
      description: 'CIDR networks the account may log in from; [] for anywhere',
    }),
  ),
};

export const UpdateClientBody = Type.Object(
  {
    ...LoginRestrictionFields,
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    roles: Type.Optional(Type.Array(ClientRole, { minItems: 1 })),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const ClientView = Type.Object({
  clientId: Type.String(),
  name: Type.String(),
  shortName: Type.Union([Type.String(), Type.Null()]),
  roles: Type.Array(Type.String()),
  consumerKey: Type.String({ description: 'The OBP Consumer-Key of this client' }),
  certificate: Type.Union([
    Type.Object({
      thumbprint: Type.String({ description: 'SHA-256 of the DER certificate, base64url (x5t#S256)' }),
      subject: Type.String(),
    }),
    Type.Null(),
  ]),
  active: Type.Boolean(),
  serviceAccount: Type.Boolean(),
  allowedSources: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});

export const ClientWithSecretView = Type.Object({ ...ClientView.properties, clientSecret: Type.String() });

export const CreateOperatorBody = Type.Object(
  {
    username: Type.String({ minLength: 3, maxLength: 200 }),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    roles: Type.Array(OperatorRole, { minItems: 1 }),
  },
  { additionalProperties: false },
);

export const UpdateOperatorBody = Type.Object(
  {
    roles: Type.Optional(Type.Array(OperatorRole, { minItems: 1 })),
    active: Type.Optional(Type.Boolean()),
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 200 })),
    unlock: Type.Optional(Type.Boolean({ description: 'Clear failed logins and any lockout' })),
    ...LoginRestrictionFields,
  },
  { additionalProperties: false, minProperties: 1 },
);

export const OperatorView = Type.Object({
  username: Type.String(),
  roles: Type.Array(Type.String()),
  active: Type.Boolean(),
  locked: Type.Boolean(),
  failedLogins: Type.Integer(),
  serviceAccount: Type.Boolean(),
  allowedSources: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
});
