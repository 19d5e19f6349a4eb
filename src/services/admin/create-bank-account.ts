// Admin use cases for the sample core bank's accounts (issue 4): accounts belong to customers.
import type { AppContext } from '../../context.js';
import type { BankAccount } from '../../domain/bank-account.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import { isUniqueViolation } from '../../storage/storage.js';
import { ensureCustomerExists } from './ensure-customer-exists.js';

export interface NewBankAccount {
  accountId?: string;
  customerId: string;
  schemeName: string;
  identification: string;
  name: string;
  secondaryIdentification?: string;
  currency: string;
  balance: string;
}

export async function createBankAccount(
  ctx: AppContext,
  input: NewBankAccount,
  actor: Actor,
  interactionId: string | null,
): Promise<BankAccount> {
  const now = ctx.clock.now();
  const account: BankAccount = {
    accountId: input.accountId ?? ctx.ids.uuid(),
    customerId: input.customerId,
    schemeName: input.schemeName,
    identification: input.identification,
    secondaryIdentification: input.secondaryIdentification ?? null,
    name: input.name,
    currency: input.currency,
    balance: input.balance,
    createdAt: now,
    updatedAt: now,
  };
  try {
    await ctx.storage.transaction(async (repos) => {
      await ensureCustomerExists(repos, account.customerId);
      await repos.bankAccounts.insert(account);
      await repos.audit.append({
        actor,
        action: 'account.created',
        targetType: 'account',
        targetId: account.accountId,
        details: { customerId: account.customerId, currency: account.currency, balance: account.balance },
        interactionId,
        at: now,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError(
        'account.exists',
        'An account with that accountId or schemeName + identification already exists',
      );
    throw error;
  }
  return account;
}
