// Customer contact and address fields as request schemas, shared by the admin and B2B APIs so both accept
// exactly the same values.
import { Type } from 'typebox';

export const Text = (maxLength: number) => Type.String({ maxLength });
export const NonBlank = (maxLength: number) => Type.String({ minLength: 1, maxLength });

export const AdditionalInformation = Type.Array(
  Type.Object({ key: NonBlank(100), value: Text(1000) }, { additionalProperties: false }),
  { maxItems: 50 },
);

/** The fields a new customer must give (address2 and the additional information are optional). */
export const CONTACT_FIELD_SCHEMAS = {
  email: NonBlank(254),
  phone: NonBlank(25),
  firstName: NonBlank(100),
  lastName: NonBlank(100),
  address1: NonBlank(200),
  address2: Type.Optional(Text(200)),
  city: NonBlank(100),
  state: NonBlank(100),
  zip: NonBlank(20),
  country: NonBlank(100),
  additionalCustomerInformation: Type.Optional(AdditionalInformation),
};

/** The same fields for a change: each one optional. */
const F = CONTACT_FIELD_SCHEMAS;
export const CONTACT_FIELD_CHANGE_SCHEMAS = {
  email: Type.Optional(F.email),
  phone: Type.Optional(F.phone),
  firstName: Type.Optional(F.firstName),
  lastName: Type.Optional(F.lastName),
  address1: Type.Optional(F.address1),
  address2: Type.Optional(F.address2),
  city: Type.Optional(F.city),
  state: Type.Optional(F.state),
  zip: Type.Optional(F.zip),
  country: Type.Optional(F.country),
  additionalCustomerInformation: Type.Optional(F.additionalCustomerInformation),
};
