// Domain -> OBP wire shapes (snake_case, as OBP's JSONFactory classes).
import type { Client } from '../../domain/client.js';
import type { ObpUserRecord } from '../../services/obp/current-user.js';

/** OBP's `provider`: the issuer that knows the user, here this server. */
export const OBP_PROVIDER = 'ConsentHub';

export function userJson(user: ObpUserRecord) {
  const { customer } = user;
  return {
    user_id: customer.customerId,
    email: customer.email,
    provider_id: customer.username,
    provider: OBP_PROVIDER,
    username: customer.username,
    entitlements: {
      list: user.entitlements.map((e) => ({
        entitlement_id: e.entitlementId,
        role_name: e.roleName,
        bank_id: e.bankId,
      })),
    },
    views: {
      list: user.views.map((v) => ({ bank_id: v.bankId, account_id: v.accountId, view_id: v.viewId })),
    },
    is_deleted: !customer.active,
    is_locked: customer.locked,
    last_marketing_agreement_signed_date: null,
  };
}

export function consumerJson(consumer: Client) {
  return {
    consumer_id: consumer.clientId,
    app_name: consumer.name,
    app_type: 'Confidential',
    enabled: consumer.active,
    created: new Date(consumer.createdAt).toISOString(),
    certificate_subject: consumer.certSubjectDn,
  };
}
