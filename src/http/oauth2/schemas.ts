import { Type } from 'typebox';

export const TokenResponse = Type.Object({
  access_token: Type.String(),
  token_type: Type.Literal('Bearer'),
  expires_in: Type.Integer(),
  scope: Type.String(),
});

export const IntrospectionResponse = Type.Object({
  active: Type.Boolean(),
  client_id: Type.Optional(Type.String()),
  scope: Type.Optional(Type.String()),
  token_type: Type.Optional(Type.String()),
  iat: Type.Optional(Type.Integer()),
  exp: Type.Optional(Type.Integer()),
});
