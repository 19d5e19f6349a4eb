import {
  customerUriOf,
  issuingPartnerUriOf,
  partnerUriOf,
  type CustomerDevice,
  type CustomerProfile,
} from '../../domain/customer.js';

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
