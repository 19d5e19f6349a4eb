// Who may see a consent: only the client that created it, and only as the kind it was asked for (the manage
// API's URL segment names one); anything else is the same "not found" (never reveal existence).
import type { Consent, ConsentKind } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import type { Repositories } from '../../storage/storage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isConsentId(value: string): boolean {
  return UUID.test(value);
}

/** Whom a consent must belong to; an absent field is not checked (an officer, a job). */
export interface ConsentBinding {
  kind?: ConsentKind;
  clientId?: string;
}

export function ensureBound(consent: Consent | undefined, binding: ConsentBinding): Consent {
  if (
    !consent ||
    (binding.kind !== undefined && consent.kind !== binding.kind) ||
    (binding.clientId !== undefined && consent.clientId !== binding.clientId)
  ) {
    throw new DomainError('consent.not_found');
  }
  return consent;
}

export async function loadBoundConsent(
  repos: Repositories,
  consentId: string,
  binding: ConsentBinding,
  forUpdate = false,
): Promise<Consent> {
  if (!isConsentId(consentId)) throw new DomainError('consent.not_found');
  const consent = forUpdate
    ? await repos.consentWriter.findForUpdate(consentId)
    : await repos.consents.findById(consentId);
  return ensureBound(consent, binding);
}
