// Request envelopes of the B2B Customer Care API (seed 001): `{<operation>Request: {messageHeader, ...}}`.
// Unknown fields are refused, so a partner can never set server-owned fields such as `locked`.
import { Type, type TSchema } from 'typebox';
import { CONTACT_FIELD_CHANGE_SCHEMAS, NonBlank, Text } from '../customer-views/customer-field-schemas.js';
import { CustomerLookUpInfo } from '../customer-views/customer-view-schemas.js';

export const B2B_OPERATIONS = [
  'retrieveCustomerLookUpInfo',
  'updateCustomerActivation',
  'updateCustomerInformation',
  'updateDeviceActivation',
  'updateCustomerEmailVerification',
] as const;

export type B2bOperation = (typeof B2B_OPERATIONS)[number];

export const MessageHeader = Type.Object(
  {
    partnerId: Type.Optional(Text(200)),
    messageId: Type.Optional(Text(200)),
    versionId: Type.Optional(Text(50)),
    environmentId: Type.Optional(Text(50)),
  },
  { additionalProperties: false },
);

const EntityUri = Type.String({ minLength: 1, maxLength: 200 });

// The seed sends "true"/"false" as strings.
const Flag = Type.Enum(['true', 'false']);

const CLOSED = { additionalProperties: false } as const;

/** The inside of a request envelope: the seed's messageHeader and the operation's fields, nothing else. */
function payload<P extends Record<string, TSchema>>(properties: P) {
  return Type.Object({ messageHeader: MessageHeader, ...properties }, CLOSED);
}

export const LookupBody = Type.Object(
  {
    retrieveCustomerLookUpInfoRequest: payload({
      phone: Type.Optional(Text(40)),
      email: Type.Optional(Text(254)),
      username: Type.Optional(Text(254)),
      customerId: Type.Optional(Text(64)),
      customerUri: Type.Optional(Text(200)),
      firstName: Type.Optional(Text(100)),
      lastName: Type.Optional(Text(100)),
      zip: Type.Optional(Text(20)),
    }),
  },
  CLOSED,
);

export const CustomerActivationBody = Type.Object(
  {
    updateCustomerActivationRequest: payload({
      customerUri: EntityUri,
      issuingPartnerUri: EntityUri,
      partnerUri: EntityUri,
      activate: Flag,
    }),
  },
  CLOSED,
);

export const CustomerInformationBody = Type.Object(
  {
    updateCustomerInformationRequest: payload({
      customerUri: EntityUri,
      issuingPartnerUri: Type.Optional(EntityUri),
      partnerUri: Type.Optional(EntityUri),
      ...CONTACT_FIELD_CHANGE_SCHEMAS,
    }),
  },
  CLOSED,
);

export const DeviceActivationBody = Type.Object(
  {
    updateDeviceActivationRequest: payload({
      customerUri: EntityUri,
      issuingPartnerUri: Type.Optional(EntityUri),
      partnerUri: Type.Optional(EntityUri),
      deviceId: NonBlank(100),
      activate: Flag,
    }),
  },
  CLOSED,
);

/** The bank verified the pending address (`email` names it); it becomes the customer's e-mail. */
export const CustomerEmailVerificationBody = Type.Object(
  {
    updateCustomerEmailVerificationRequest: payload({
      customerUri: EntityUri,
      issuingPartnerUri: Type.Optional(EntityUri),
      partnerUri: Type.Optional(EntityUri),
      email: NonBlank(254),
    }),
  },
  CLOSED,
);

const ResponseHeader = Type.Object({
  partnerId: Type.String(),
  messageId: Type.String(),
  versionId: Type.String(),
  environmentId: Type.String(),
});

const Status = Type.Object({
  statusCode: Type.String(),
  statusDescription: Type.String(),
  errors: Type.Array(Type.Object({ code: Type.String(), message: Type.String() })),
});

function responseEnvelope<P extends Record<string, TSchema>>(operation: B2bOperation, properties: P) {
  return Type.Object({
    [`${operation}Response`]: Type.Object({ messageHeader: ResponseHeader, status: Status, ...properties }),
  });
}

export const LookupResponse = responseEnvelope('retrieveCustomerLookUpInfo', {
  configurationDetails: Type.Array(Type.Unknown()),
  customerLookUpInfo: Type.Array(CustomerLookUpInfo),
});

export const CustomerActivationResponse = responseEnvelope('updateCustomerActivation', {});

export const CustomerInformationResponse = responseEnvelope('updateCustomerInformation', {});

export const DeviceActivationResponse = responseEnvelope('updateDeviceActivation', {});

export const CustomerEmailVerificationResponse = responseEnvelope('updateCustomerEmailVerification', {});
