import type { AppContext } from '../../context.js';
import type { BankAccount } from '../../domain/bank-account.js';
import type { Actor } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import type { BankAccountChanges } from '../../storage/repositories/bank-account-repository.js';
import { ensureCustomerExists } from './ensure-customer-exists.js';

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
    if (changes.customerId !== undefined) await ensureCustomerExists(repos, changes.customerId);
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
