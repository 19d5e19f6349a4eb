import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { StatusHistoryRow } from '../../storage/repositories/consent-reader.js';
import { isConsentId } from '../consents/load-bound-consent.js';

/** Every status change of any consent, oldest first (the back office sees every TPP's consents). */
export async function getConsentHistory(ctx: AppContext, consentId: string): Promise<StatusHistoryRow[]> {
  if (!isConsentId(consentId)) throw new DomainError('consent.not_found');
  const repos = ctx.storage.repos;
  if (!(await repos.consents.findById(consentId))) throw new DomainError('consent.not_found');
  return repos.consents.history(consentId);
}
