import { Type, type TSchema } from 'typebox';

const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const DeviceView = Type.Object({
  deviceId: Type.String(),
  deviceName: Type.String(),
  deviceType: Type.String(),
  active: Type.Boolean(),
  createDate: Type.Number(),
  lastSeenDate: Nullable(Type.Number()),
});

/** The seed's `customerLookUpInfo` element, field for field. */
export const CustomerLookUpInfo = Type.Object({
  devices: Type.Array(DeviceView),
  additionalCustomerInformation: Type.Array(Type.Object({ key: Type.String(), value: Type.String() })),
  customerUri: Type.String(),
  issuingPartnerUri: Type.String(),
  partnerUri: Type.String(),
  createDate: Type.Number(),
  issuingPartnerShortName: Type.String(),
  active: Type.Boolean(),
  locked: Type.Boolean(),
  email: Type.String(),
  emailPending: Nullable(Type.String()),
  customerId: Type.String(),
  username: Type.String(),
  firstName: Type.String(),
  lastName: Type.String(),
  address1: Type.String(),
  address2: Type.String(),
  city: Type.String(),
  country: Type.String(),
  state: Type.String(),
  zip: Type.String(),
  phone: Type.String(),
  passwordChangedDate: Nullable(Type.Number()),
  passcodeChangedDate: Nullable(Type.Number()),
  securityQuestionsChangedDate: Nullable(Type.Number()),
  lastLoginDate: Nullable(Type.Number()),
  emailVerified: Type.Boolean(),
  emailVerifiedDate: Nullable(Type.Number()),
});
