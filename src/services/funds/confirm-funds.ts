// POST /funds-confirmations: does the PSU's debtor account hold the amount? Answered from the core bank's
// balance; every check is kept.
import type { AppContext } from '../../context.js';
import { hasFunds } from '../../domain/bank-account.js';
import { familyOf } from '../../domain/consent.js';
import { usabilityProblem } from '../../domain/consent-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
import type { FundsConfirmation } from '../../domain/funds-confirmation.js';
import { loadBoundConsent } from '../consents/load-bound-consent.js';
import { findDebtorAccount } from './find-debtor-account.js';

const KIND = 'funds-confirmation';

export interface ConfirmFundsInput {
  clientId: string;
  consentId: string;
  reference: string;
  amount: string;
  currency: string;
}

export async function confirmFunds(ctx: AppContext, input: ConfirmFundsInput): Promise<FundsConfirmation> {
  const now = ctx.clock.now();
  const bank = ctx.integrations.coreBanking;
  // Only reads, then one insert: the core bank is an outside system, asked outside any transaction.
  const { repos } = ctx.storage;
  const consent = await loadBoundConsent(repos, input.consentId, { kind: KIND, clientId: input.clientId });
  const problem = usabilityProblem(familyOf(KIND), consent, now);
  if (problem) throw new DomainError(problem.code, problem.message, [{ path: 'Data.ConsentId' }]);
  const mapped = (await repos.consents.findAuthorisations(consent.consentId))
    .flatMap((a) => a.mappings)
    .filter((m) => m.mappingStatus === 'active')
    .map((m) => m.accountId);
  // The DebtorAccount when the PSU authorised it (already read), else the first account the PSU bound.
  const named = await findDebtorAccount(bank, consent.receipt);
  const account =
    named && mapped.includes(named.accountId)
      ? named
      : mapped[0] === undefined
        ? undefined
        : await bank.findAccount(mapped[0]);
  if (!account)
    throw new DomainError('account.not_found', 'The consent has no debtor account at this bank', [
      { path: 'Data.ConsentId' },
    ]);
  if (account.currency !== input.currency)
    throw new DomainError(
      'funds.currency_mismatch',
      `The debtor account is held in ${account.currency}, not ${input.currency}`,
      [{ path: 'Data.InstructedAmount.Currency' }],
    );
  const confirmation: FundsConfirmation = {
    fundsConfirmationId: ctx.ids.uuid(),
    consentId: consent.consentId,
    clientId: input.clientId,
    accountId: account.accountId,
    reference: input.reference,
    amount: input.amount,
    currency: input.currency,
    fundsAvailable: hasFunds(account.balance, input.amount),
    createdAt: now,
  };
  await ctx.storage.transaction((trx) => trx.fundsConfirmations.insert(confirmation));
  ctx.usage.note(consent.consentId, now, consent.lastUsageAt);
  return confirmation;
}
