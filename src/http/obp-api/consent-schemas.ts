// JSON Schemas of the OBP consent bodies (seed 003): PostConsentEmailJsonV310 and its SMS / IMPLICIT twins,
// the challenge answer, consent requests and VRP consent requests. Unknown fields are allowed (OBP ignores
// them); a wrong type or a missing field is OBP-10001.
import { DomainError } from '../../domain/errors.js';

const view = {
  type: 'object',
  required: ['bank_id', 'account_id', 'view_id'],
  properties: {
    bank_id: { type: 'string' },
    account_id: { type: 'string', minLength: 1 },
    view_id: { type: 'string', minLength: 1 },
  },
} as const;

const entitlement = {
  type: 'object',
  required: ['bank_id', 'role_name'],
  properties: { bank_id: { type: 'string' }, role_name: { type: 'string', minLength: 1 } },
} as const;

const timing = {
  consumer_id: { type: 'string', minLength: 1 },
  valid_from: { type: 'string', minLength: 1 },
  time_to_live: { type: 'integer', minimum: 1 },
  email: { type: 'string' },
  phone_number: { type: 'string' },
} as const;

export const postConsentBodySchema = {
  type: 'object',
  required: ['everything'],
  properties: {
    everything: { type: 'boolean' },
    bank_id: { type: 'string' },
    views: { type: 'array', items: view, maxItems: 500 },
    entitlements: { type: 'array', items: entitlement, maxItems: 100 },
    ...timing,
  },
} as const;

export interface PostConsentBody {
  everything: boolean;
  bank_id?: string;
  views?: { bank_id: string; account_id: string; view_id: string }[];
  entitlements?: { bank_id: string; role_name: string }[];
  consumer_id?: string;
  valid_from?: string;
  time_to_live?: number;
  email?: string;
  phone_number?: string;
}

export const answerBodySchema = {
  type: 'object',
  required: ['answer'],
  properties: { answer: { type: 'string', maxLength: 64 } },
} as const;

const routing = {
  type: 'object',
  required: ['scheme', 'address'],
  properties: { scheme: { type: 'string', minLength: 1 }, address: { type: 'string', minLength: 1 } },
} as const;

export const consentRequestBodySchema = {
  type: 'object',
  required: ['everything'],
  properties: {
    everything: { type: 'boolean' },
    bank_id: { type: 'string' },
    account_access: {
      type: 'array',
      maxItems: 500,
      items: {
        type: 'object',
        required: ['account_routing', 'view_id'],
        properties: { account_routing: routing, view_id: { type: 'string', minLength: 1 } },
      },
    },
    entitlements: { type: 'array', items: entitlement, maxItems: 100 },
    ...timing,
  },
} as const;

export interface ConsentRequestBody {
  everything: boolean;
  bank_id?: string;
  account_access?: { account_routing: { scheme: string; address: string }; view_id: string }[];
  entitlements?: { bank_id: string; role_name: string }[];
  consumer_id?: string;
  valid_from?: string;
  time_to_live?: number;
  email?: string;
  phone_number?: string;
}

const amount = { type: ['number', 'string'] } as const;
const count = { type: 'integer', minimum: 0 } as const;
const vrpAccount = {
  type: 'object',
  required: ['bank_routing', 'account_routing'],
  properties: { bank_routing: routing, account_routing: routing, branch_routing: routing },
} as const;

export const vrpConsentRequestBodySchema = {
  type: 'object',
  required: ['from_account', 'to_account'],
  properties: {
    from_account: vrpAccount,
    to_account: {
      type: 'object',
      required: ['bank_routing', 'account_routing', 'limit'],
      properties: {
        ...vrpAccount.properties,
        counterparty_name: { type: 'string', maxLength: 256 },
        limit: {
          type: 'object',
          required: ['currency'],
          properties: {
            currency: { type: 'string', pattern: '^[A-Z]{3}$' },
            max_single_amount: amount,
            max_monthly_amount: amount,
            max_number_of_monthly_transactions: count,
            max_yearly_amount: amount,
            max_number_of_yearly_transactions: count,
            max_total_amount: amount,
            max_number_of_transactions: count,
          },
        },
      },
    },
    ...timing,
  },
} as const;

type Routing = { scheme: string; address: string };
export interface VrpConsentRequestBody {
  from_account: { bank_routing: Routing; account_routing: Routing; branch_routing?: Routing };
  to_account: {
    bank_routing: Routing;
    account_routing: Routing;
    branch_routing?: Routing;
    counterparty_name?: string;
    limit: Record<string, unknown> & { currency: string };
  };
  valid_from?: string;
  time_to_live?: number;
  email?: string;
  phone_number?: string;
}

/** valid_from as epoch ms: an ISO date or date-time; anything else is OBP-10001. */
export function parseValidFrom(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const ms = /^\d{4}-\d{2}-\d{2}([T ][\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : NaN;
  if (Number.isNaN(ms))
    throw new DomainError('request.field_invalid', 'valid_from must be an ISO 8601 date-time', [
      { path: 'valid_from' },
    ]);
  return ms;
}
