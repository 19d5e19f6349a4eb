// Admin API bodies for customers, devices and issuing-partner settings.
import { Type } from 'typebox';
import { CustomerLookUpInfo, DeviceView } from '../customer-views/customer-view-schemas.js';
import {
  CONTACT_FIELD_CHANGE_SCHEMAS,
  CONTACT_FIELD_SCHEMAS,
  NonBlank,
} from '../customer-views/customer-field-schemas.js';

export const CreateCustomerBody = Type.Object(
  {
    issuingPartner: NonBlank(128),
    username: NonBlank(254),
    password: Type.String({ minLength: 8, maxLength: 200 }),
    ...CONTACT_FIELD_SCHEMAS,
  },
  { additionalProperties: false },
);

export const UpdateCustomerBody = Type.Object(
  {
    username: Type.Optional(NonBlank(254)),
    password: Type.Optional(Type.String({ minLength: 8, maxLength: 200 })),
    ...CONTACT_FIELD_CHANGE_SCHEMAS,
    emailVerified: Type.Optional(Type.Boolean()),
    active: Type.Optional(Type.Boolean()),
    locked: Type.Optional(Type.Boolean({ description: 'false also clears the failed-login count' })),
  },
  { additionalProperties: false, minProperties: 1 },
);

export const VerifyEmailBody = Type.Object(
  {
    email: Type.String({
      minLength: 1,
      maxLength: 254,
      description: 'The address that was verified: it must be the pending one (emailPending)',
    }),
  },
  { additionalProperties: false },
);

export const ListCustomersQuery = Type.Object(
  {
    issuingPartner: Type.Optional(NonBlank(128)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
  },
  { additionalProperties: false },
);

export const CustomerIdParams = Type.Object({ customerId: NonBlank(64) });

export const CreateDeviceBody = Type.Object(
  {
    deviceName: NonBlank(100),
    deviceType: NonBlank(50),
    active: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateIssuingPartnerBody = Type.Object(
  {
    maxFailedLogins: Type.Union([Type.Integer({ minimum: 1, maximum: 100 }), Type.Null()], {
      description: 'Wrong customer passwords before a wallet locks; null = MAX_FAILED_LOGINS',
    }),
  },
  { additionalProperties: false },
);

export const IssuingPartnerView = Type.Object({
  clientId: Type.String(),
  shortName: Type.String(),
  issuingPartnerUri: Type.String(),
  partnerUri: Type.String(),
  maxFailedLogins: Type.Integer(),
  maxFailedLoginsOverride: Type.Union([Type.Integer(), Type.Null()]),
});

export const CustomerView = CustomerLookUpInfo;
export const CustomerDeviceView = DeviceView;
