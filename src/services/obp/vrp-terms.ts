// The VRP terms of a createVRPConsentRequest body (OBP v5.1.0): from/to accounts with bank, account and
// branch routing, the counterparty name and every limit of the seed, amounts as exact decimal text.
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import {
  canonicalAmount,
  VRP_AMOUNT_LIMITS,
  VRP_COUNT_LIMITS,
  type ObpRouting,
  type ObpVrpAccount,
  type ObpVrpLimits,
  type ObpVrpTerms,
} from '../../domain/obp-consent.js';

export interface VrpAccountInput {
  bank_routing: ObpRouting;
  account_routing: ObpRouting;
  branch_routing?: ObpRouting;
}

/** The limits as sent: amounts as JSON numbers or decimal text, counts as whole numbers. */
export type VrpLimitsInput = { currency: string } & {
  [name in (typeof VRP_AMOUNT_LIMITS)[number]]?: number | string;
} & { [name in (typeof VRP_COUNT_LIMITS)[number]]?: number };

export interface VrpTermsInput {
  from_account: VrpAccountInput;
  to_account: VrpAccountInput & { counterparty_name?: string; limit: VrpLimitsInput };
}

function account(input: VrpAccountInput): ObpVrpAccount {
  const { scheme, address } = input.branch_routing ?? { scheme: '', address: '' };
  return {
    bank_routing: { scheme: input.bank_routing.scheme, address: input.bank_routing.address },
    account_routing: { scheme: input.account_routing.scheme, address: input.account_routing.address },
    branch_routing: { scheme, address },
  };
}

function limitsOf(limit: VrpLimitsInput): ObpVrpLimits {
  const limits: ObpVrpLimits = {
    currency: limit.currency,
    max_single_amount: null,
    max_monthly_amount: null,
    max_number_of_monthly_transactions: null,
    max_yearly_amount: null,
    max_number_of_yearly_transactions: null,
    max_total_amount: null,
    max_number_of_transactions: null,
  };
  for (const name of VRP_AMOUNT_LIMITS) {
    if (limit[name] === undefined) continue;
    const amount = canonicalAmount(limit[name]);
    if (amount === undefined)
      throw new DomainError(
        'request.field_invalid',
        `to_account.limit.${name} must be a non-negative decimal amount of at most 15 digits`,
        [{ path: `to_account.limit.${name}` }],
      );
    limits[name] = amount;
  }
  for (const name of VRP_COUNT_LIMITS) {
    const count = limit[name];
    if (count !== undefined) limits[name] = count;
  }
  return limits;
}

/** The terms as stored; the paying account must be at this server's bank (OBP-30001). */
export function vrpTermsOf(ctx: AppContext, input: VrpTermsInput): ObpVrpTerms {
  if (input.from_account.bank_routing.address !== ctx.config.obpBankId)
    throw new DomainError('bank.not_found');
  return {
    from_account: account(input.from_account),
    to_account: {
      ...account(input.to_account),
      counterparty_name: input.to_account.counterparty_name ?? null,
      limit: limitsOf(input.to_account.limit),
    },
  };
}
