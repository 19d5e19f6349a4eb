// Domain <-> wire for the B2B Customer Care API: the seed 001 envelopes and customerLookUpInfo.
import {
  customerUriOf,
  issuingPartnerUriOf,
  partnerUriOf,
  type CustomerDevice,
  type CustomerProfile,
} from '../../domain/customer.js';
import type { B2bOperation } from './schemas.js';

export interface MessageHeader {
  partnerId: string;
  messageId: string;
  versionId: string;
  environmentId: string;
}

interface WireError {
  code: string;
  message: string;
}

const HEADER_FIELDS = ['partnerId', 'messageId', 'versionId', 'environmentId'] as const;

/**
 * The request's messageHeader, to echo. Read defensively: on a failure the body may be anything, and the
 * echo must still be four strings.
 */
export function messageHeaderOf(body: unknown, operation: B2bOperation | undefined): MessageHeader {
  const request =
    operation !== undefined && body !== null && typeof body === 'object'
      ? (body as Record<string, unknown>)[`${operation}Request`]
      : undefined;
  const sent =
    request !== null && typeof request === 'object'
      ? (request as Record<string, unknown>).messageHeader
      : undefined;
  const fields = sent !== null && typeof sent === 'object' ? (sent as Record<string, unknown>) : {};
  return Object.fromEntries(
    HEADER_FIELDS.map((name) => [name, typeof fields[name] === 'string' ? fields[name] : '']),
  ) as unknown as MessageHeader;
}

/** `updateCustomerActivation` -> `updateCustomerActivationResponse`; no route (unknown path) -> errorResponse. */
function responseKey(operation: B2bOperation | undefined): string {
  return operation === undefined ? 'errorResponse' : `${operation}Response`;
}

export function successEnvelope(
  operation: B2bOperation,
  messageHeader: MessageHeader,
  payload: Record<string, unknown> = {},
) {
  return {
    [responseKey(operation)]: {
      messageHeader,
      status: { statusCode: 'SUCCESS', statusDescription: 'Done', errors: [] },
      ...payload,
    },
  };
}

export function failureEnvelope(
  operation: B2bOperation | undefined,
  messageHeader: MessageHeader,
  statusDescription: string,
  errors: WireError[],
) {
  return {
    [responseKey(operation)]: {
      messageHeader,
      status: { statusCode: 'FAILURE', statusDescription, errors },
    },
  };
}

export function toDevice(device: CustomerDevice) {
  return {
    deviceId: device.deviceId,
    deviceName: device.deviceName,
    deviceType: device.deviceType,
    active: device.active,
    createDate: device.createdAt,
    lastSeenDate: device.lastSeenAt,
  };
}

/** One element of the seed's `customerLookUpInfo` array, in the seed's field order. */
export function toCustomerLookUpInfo({ customer, partner, devices }: CustomerProfile) {
  return {
    devices: devices.map(toDevice),
    additionalCustomerInformation: customer.additionalInfo.map(({ key, value }) => ({ key, value })),
    customerUri: customerUriOf(partner, customer),
    issuingPartnerUri: issuingPartnerUriOf(partner),
    partnerUri: partnerUriOf(partner),
    createDate: customer.createdAt,
    issuingPartnerShortName: partner.shortName,
    active: customer.active,
    locked: customer.locked,
    email: customer.email,
    emailPending: customer.emailPending,
    customerId: customer.customerId,
    username: customer.username,
    firstName: customer.firstName,
    lastName: customer.lastName,
    address1: customer.address1,
    address2: customer.address2,
    city: customer.city,
    country: customer.country,
    state: customer.state,
    zip: customer.zip,
    phone: customer.phone,
    passwordChangedDate: customer.passwordChangedAt,
    passcodeChangedDate: customer.passcodeChangedAt,
    securityQuestionsChangedDate: customer.securityQuestionsChangedAt,
    lastLoginDate: customer.lastLoginAt,
    emailVerified: customer.emailVerified,
    emailVerifiedDate: customer.emailVerifiedAt,
  };
}
