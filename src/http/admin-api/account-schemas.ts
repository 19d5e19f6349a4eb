import { Type } from 'typebox';

// OB ActiveOrHistoricCurrencyAndAmount, signed (a balance may be overdrawn): exact decimal text.
const Balance = Type.Union([Type.String({ pattern: '^-?\\d{1,13}(\\.\\d{1,5})?$' }), Type.Number()]);
const Currency = Type.String({ pattern: '^[A-Z]{3}$' });

export const CreateAccountBody = Type.Object(
  {
    accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9._~-]+$' })),
    customerId: Type.String({ minLength: 1, maxLength: 128 }),
    schemeName: Type.String({ minLength: 1, maxLength: 64 }),
    identification: Type.String({ minLength: 1, maxLength: 256 }),
    name: Type.String({ minLength: 1, maxLength: 350 }),
    secondaryIdentification: Type.Optional(Type.String({ minLength: 1, maxLength: 34 })),
    currency: Currency,
    balance: Balance,
  },
  { additionalProperties: false },
);

export const UpdateAccountBody = Type.Object(
  {
    customerId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 350 })),
    secondaryIdentification: Type.Optional(
      Type.Union([Type.String({ minLength: 1, maxLength: 34 }), Type.Null()]),
    ),
    currency: Type.Optional(Currency),
    balance: Type.Optional(Balance),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const AccountListQuery = Type.Object({
  customerId: Type.Optional(Type.String({ minLength: 1 })),
});

export const AccountView = Type.Object({
  accountId: Type.String(),
  customerId: Type.String(),
  schemeName: Type.String(),
  identification: Type.String(),
  name: Type.String(),
  secondaryIdentification: Type.Optional(Type.String()),
  currency: Type.String(),
  balance: Type.String(),
});
