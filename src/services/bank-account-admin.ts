// Admin use cases for the sample core bank's accounts (issue 4): accounts belong to customers.
import type { AppContext } from '../context.js';
import type { BankAccount } from '../domain/bank-account.js';
import type { Actor } from '../domain/consent.js';
import { DomainError } from '../domain/errors.js';
import type { BankAccountChanges } from '../storage/repositories/bank-account-repository.js';
import type { Repositories } from '../storage/storage.js';
import { isUniqueViolation } from '../storage/storage.js';

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

async function ensureCustomer(repos: Repositories, customerId: string): Promise<void> {
  if (!(await repos.customers.findById(customerId)))
    throw new DomainError('account.customer_unknown', `No customer with id ${customerId}`, [
      { path: 'customerId' },
    ]);
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
      await ensureCustomer(repos, account.customerId);
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

export async function listBankAccounts(ctx: AppContext, customerId?: string): Promise<BankAccount[]> {
  return ctx.storage.repos.bankAccounts.list(customerId);
}

export async function updateBankAccount(
  ctx: AppContext,
  accountId: string,
  changes: BankAccountChanges,
  actor: Actor,
  interactionId: string | null,
): Promise<BankAccount> {
  const now = ctx.clock.now();
  return ctx.storage.transaction(async (repos) => {
    const before = await repos.bankAccounts.findById(accountId);
    if (!before) throw new DomainError('account.not_found');
    if (changes.customerId !== undefined) await ensureCustomer(repos, changes.customerId);
    await repos.bankAccounts.update(accountId, changes, now);
    await repos.audit.append({
      actor,
      action: 'account.updated',
      targetType: 'account',
      targetId: accountId,
      details: {
        before: { customerId: before.customerId, currency: before.currency, balance: before.balance },
        changes,
      },
      interactionId,
      at: now,
    });
    return (await repos.bankAccounts.findById(accountId))!;
  });
}
