// funds-confirmation-user-consent (seed 004): binds the PSU who granted a funds-confirmation consent, the
// accounts they chose, and their decision. POST binds the first time, PUT changes an existing binding.
import type { AppContext } from '../../context.js';
import type { BankAccount } from '../../domain/bank-account.js';
import type { Authorisation } from '../../domain/consent.js';
import { authorisationStatusFor, mappingStatusFor } from '../../domain/consent-lifecycle.js';
import { DomainError } from '../../domain/errors.js';
import {
  COLLECTION_METHOD_ATTRIBUTE,
  CONSENT_GIVEN_ATTRIBUTE,
  FUNDS_PERMISSION,
} from '../../domain/funds-confirmation.js';
import { loadBoundConsent } from '../consents/load-bound-consent.js';
import { transitionConsent } from '../consents/transition-consent.js';
import { requireKnownPsu } from '../customers/require-known-psu.js';
import { findDebtorAccount } from './find-debtor-account.js';

const KIND = 'funds-confirmation';

export interface UserConsentInput {
  mode: 'bind' | 'update';
  clientId: string;
  consentId: string;
  /** The PSU: a customer's username. */
  userId: string;
  accountIds: string[];
  status: string;
  collectionMethod?: string;
  /** As sent (ISO 8601), kept verbatim; defaults to now. */
  givenTimestamp?: string;
}

export interface UserConsentResult {
  consentId: string;
  userId: string;
  accountIds: string[];
  status: string;
  collectionMethod: string | null;
  givenTimestamp: string;
}

export async function bindFundsConsentUser(
  ctx: AppContext,
  input: UserConsentInput,
): Promise<UserConsentResult> {
  const now = ctx.clock.now();
  const bank = ctx.integrations.coreBanking;
  // The core bank is an outside system: ask it before the transaction, never while holding one.
  const customer = await requireKnownPsu(ctx.storage.repos, input.userId, 'userId');
  // Every account must be the user's own; another customer's account and an unknown one look the same.
  const accounts: BankAccount[] = [];
  for (const [index, accountId] of input.accountIds.entries()) {
    const account = await bank.findAccount(accountId);
    if (!account || account.customerId !== customer.customerId)
      throw new DomainError('account.not_owned', `Account ${accountId} does not belong to ${input.userId}`, [
        { path: `accountIds[${index}]` },
      ]);
    accounts.push(account);
  }
  if (input.status === 'Authorised') {
    if (accounts.length === 0)
      throw new DomainError('request.field_missing', 'Authorising needs at least one account in accountIds', [
        { path: 'accountIds' },
      ]);
    // When this bank holds the DebtorAccount the CBPII asked for, the PSU must have authorised it.
    const requested = await loadBoundConsent(ctx.storage.repos, input.consentId, {
      kind: KIND,
      clientId: input.clientId,
    });
    const named = await findDebtorAccount(bank, requested.receipt);
    if (named && !accounts.some((a) => a.accountId === named.accountId))
      throw new DomainError(
        'funds.debtor_account_mismatch',
        'accountIds must include the account named by the consent DebtorAccount',
        [{ path: 'accountIds' }],
      );
  }

  return ctx.storage.transaction(async (repos) => {
    const consent = await loadBoundConsent(
      repos,
      input.consentId,
      { kind: KIND, clientId: input.clientId },
      true,
    );
    if (input.mode === 'bind' && consent.userId !== null)
      throw new DomainError(
        'consent.invalid_status',
        'A user is already bound to this consent: change the binding with PUT',
        [{ path: 'ConsentId' }],
      );
    if (input.mode === 'update') {
      if (consent.userId === null)
        throw new DomainError(
          'consent.invalid_status',
          'No user is bound to this consent yet: bind with POST',
          [{ path: 'ConsentId' }],
        );
      if (consent.userId !== customer.username)
        throw new DomainError('funds.user_mismatch', 'The consent is bound to another user', [
          { path: 'userId' },
        ]);
    }

    const { to: status } = await transitionConsent(repos, {
      consentId: consent.consentId,
      binding: { kind: KIND, clientId: input.clientId },
      change: { status: input.status },
      actor: { type: 'psu', id: customer.username },
      reason: (to) => `${to} by the PSU`,
      at: now,
    });

    const detail = (await repos.consents.findDetail(consent.consentId))!;
    const authorisation: Authorisation = {
      // Keep the authorisation opened at creation: its id is what the bank's systems already know.
      authorisationId: detail.authorisations[0]?.authorisationId ?? ctx.ids.uuid(),
      consentId: consent.consentId,
      userId: customer.username,
      type: 'authorisation',
      status: authorisationStatusFor(status),
      updatedAt: now,
      mappings: accounts.map((a) => ({
        mappingId: ctx.ids.uuid(),
        accountId: a.accountId,
        permission: FUNDS_PERMISSION,
        mappingStatus: mappingStatusFor(status),
      })),
    };
    await repos.consentWriter.replaceAuthorisations(consent.consentId, [authorisation], now);
    await repos.consentWriter.update(consent.consentId, { userId: customer.username }, now);
    const givenTimestamp = input.givenTimestamp ?? new Date(now).toISOString();
    const collectionMethod = input.collectionMethod ?? detail.attributes[COLLECTION_METHOD_ATTRIBUTE] ?? null;
    await repos.consentWriter.replaceAttributes(consent.consentId, {
      ...detail.attributes,
      ...(collectionMethod !== null ? { [COLLECTION_METHOD_ATTRIBUTE]: collectionMethod } : {}),
      [CONSENT_GIVEN_ATTRIBUTE]: givenTimestamp,
    });
    return {
      consentId: consent.consentId,
      userId: customer.username,
      accountIds: accounts.map((a) => a.accountId),
      status,
      collectionMethod,
      givenTimestamp,
    };
  });
}
