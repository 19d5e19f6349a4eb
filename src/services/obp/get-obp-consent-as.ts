// getConsentByConsentId (as its user) and getConsentByConsentIdViaConsumer (as its consumer): another
// user's or consumer's consent is the same 404 OBP-35001 as none at all (never reveal existence).
import type { AppContext } from '../../context.js';
import { DomainError } from '../../domain/errors.js';
import { loadObpConsent, type ObpConsentView } from './load-obp-consent.js';

export type ObpConsentReader = { customerId: string } | { consumerId: string };

export async function getObpConsentAs(
  ctx: AppContext,
  consentId: string,
  reader: ObpConsentReader,
): Promise<ObpConsentView> {
  const view = await loadObpConsent(ctx, consentId);
  const own =
    'customerId' in reader
      ? view.consent.userId === reader.customerId
      : view.consent.clientId === reader.consumerId;
  if (!own) throw new DomainError('consent.not_found');
  return view;
}
