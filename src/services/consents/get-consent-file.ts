import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import type { ConsentFile } from '../../storage/repositories/consent-file-repository.js';
import { loadBoundConsent } from './load-bound-consent.js';

export async function getConsentFile(
  ctx: AppContext,
  consentId: string,
  clientId: string,
): Promise<ConsentFile> {
  const consent = await loadBoundConsent(ctx.storage.repos, consentId, { kind: 'file-payment', clientId });
  const file = await ctx.storage.repos.consentFiles.find(consent.consentId);
  if (!file) throw new DomainError('consent.file_not_found');
  return file;
}
