// TypeBox schemas of the OBP consent calls (seed 003): PostConsentEmailJsonV310 and its SMS / IMPLICIT
// twins, the challenge answer, consent requests and VRP consent requests, the status, user and account-access
// updates, the management search's query and the path parameters. Unknown fields are allowed (OBP ignores
// them); a wrong type or a missing field is OBP-10001.
import { Type, type Static } from 'typebox';
import { DomainError } from '../../domain/errors.js';

const View = Type.Object({
  bank_id: Type.String(),
  account_id: Type.String({ minLength: 1 }),
  view_id: Type.String({ minLength: 1 }),
});

const Entitlement = Type.Object({ bank_id: Type.String(), role_name: Type.String({ minLength: 1 }) });

const timing = {
  consumer_id: Type.Optional(Type.String({ minLength: 1 })),
  valid_from: Type.Optional(Type.String({ minLength: 1 })),
  time_to_live: Type.Optional(Type.Integer({ minimum: 1 })),
  email: Type.Optional(Type.String()),
  phone_number: Type.Optional(Type.String()),
};

export const PostConsentBody = Type.Object({
  everything: Type.Boolean(),
  bank_id: Type.Optional(Type.String()),
  views: Type.Optional(Type.Array(View, { maxItems: 500 })),
  entitlements: Type.Optional(Type.Array(Entitlement, { maxItems: 100 })),
  ...timing,
});
export type PostConsentBody = Static<typeof PostConsentBody>;

export const AnswerBody = Type.Object({ answer: Type.String({ maxLength: 64 }) });

const Routing = Type.Object({
  scheme: Type.String({ minLength: 1 }),
  address: Type.String({ minLength: 1 }),
});

export const ConsentRequestBody = Type.Object({
  everything: Type.Boolean(),
  bank_id: Type.Optional(Type.String()),
  account_access: Type.Optional(
    Type.Array(Type.Object({ account_routing: Routing, view_id: Type.String({ minLength: 1 }) }), {
      maxItems: 500,
    }),
  ),
  entitlements: Type.Optional(Type.Array(Entitlement, { maxItems: 100 })),
  ...timing,
});
export type ConsentRequestBody = Static<typeof ConsentRequestBody>;

// `type: [number, string]`, not anyOf: AJV's message for a wrong type stays "must be number,string".
const Amount = Type.Optional(Type.Unsafe<number | string>({ type: ['number', 'string'] }));
const Count = Type.Optional(Type.Integer({ minimum: 0 }));
const vrpAccount = {
  bank_routing: Routing,
  account_routing: Routing,
  branch_routing: Type.Optional(Routing),
};

export const VrpConsentRequestBody = Type.Object({
  from_account: Type.Object(vrpAccount),
  to_account: Type.Object({
    ...vrpAccount,
    counterparty_name: Type.Optional(Type.String({ maxLength: 256 })),
    limit: Type.Object({
      currency: Type.String({ pattern: '^[A-Z]{3}$' }),
      max_single_amount: Amount,
      max_monthly_amount: Amount,
      max_number_of_monthly_transactions: Count,
      max_yearly_amount: Amount,
      max_number_of_yearly_transactions: Count,
      max_total_amount: Amount,
      max_number_of_transactions: Count,
    }),
  }),
  ...timing,
});
export type VrpConsentRequestBody = Static<typeof VrpConsentRequestBody>;

export const StatusBody = Type.Object({ status: Type.String({ minLength: 1, maxLength: 64 }) });

export const UserBody = Type.Object({ user_id: Type.String({ minLength: 1, maxLength: 128 }) });

// An entry of an access list is any object; the grant update reads what it needs of it.
const AccessEntry = Type.Unsafe<Record<string, unknown>>({ type: 'object' });
const AccessList = Type.Array(AccessEntry, { maxItems: 100 });
export const AccessBody = Type.Object({
  access: Type.Object({
    accounts: Type.Optional(AccessList),
    balances: Type.Optional(AccessList),
    transactions: Type.Optional(AccessList),
  }),
});

/** getConsentsAtBank's query: limit and offset stay text, so a bad one gets OBP's own paging error. */
export const ManagementQuery = Type.Object({
  limit: Type.Optional(Type.String()),
  offset: Type.Optional(Type.String()),
  consumer_id: Type.Optional(Type.String({ maxLength: 128 })),
  user_id: Type.Optional(Type.String({ maxLength: 128 })),
  status: Type.Optional(Type.String({ maxLength: 64 })),
});

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
