// Row shapes of the customers migration (0002). Timestamps are epoch ms, booleans 0/1, JSON text.

export interface IssuingPartnersTable {
  client_id: string;
  issuing_partner_uuid: string;
  partner_uuid: string;
  max_failed_logins: number | null;
  failed_logins: number;
  locked_until: number | null;
  created_at: number;
  updated_at: number;
}

export interface CustomersTable {
  customer_id: string;
  customer_uuid: string;
  partner_client_id: string;
  username: string;
  username_key: string;
  email: string;
  email_key: string;
  email_pending: string | null;
  email_verified: number;
  email_verified_at: number | null;
  first_name: string;
  first_name_key: string;
  last_name: string;
  last_name_key: string;
  address1: string;
  address2: string;
  city: string;
  state: string;
  zip: string;
  country: string;
  phone: string;
  phone_key: string;
  active: number;
  locked: number;
  failed_logins: number;
  password_hash: string;
  /** JSON list of {key, value}: the seed's additionalCustomerInformation, never searched. */
  additional_info: string;
  created_at: number;
  updated_at: number;
  password_changed_at: number | null;
  passcode_changed_at: number | null;
  security_questions_changed_at: number | null;
  last_login_at: number | null;
}

export interface CustomerDevicesTable {
  device_id: string;
  customer_id: string;
  device_name: string;
  device_type: string;
  active: number;
  created_at: number;
  updated_at: number;
  last_seen_at: number | null;
}
