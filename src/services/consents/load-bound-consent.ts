// Shared loading rules for manage-API use cases: a consent is visible only through its own resource path
// and to the client that created it; anything else is the same "not found" (never reveal existence).
import type { Consent, ConsentResource } from '../../domain/consent.js';
import { DomainError } from '../../domain/errors.js';
import type { Repositories } from '../../storage/storage.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isConsentId(value: string): boolean {
  return UUID.test(value);
}

export function ensureBound(
  consent: Consent | undefined,
  resource: ConsentResource,
  clientId: string,
): Consent {
  if (!consent || consent.resource !== resource || consent.clientId !== clientId) {
    throw new DomainError('consent.not_found');
  }
  return consent;
}

export async function loadBoundConsent(
  repos: Repositories,
  resource: ConsentResource,
  consentId: string,
  clientId: string,
  forUpdate = false,
): Promise<Consent> {
  if (!isConsentId(consentId)) throw new DomainError('consent.not_found');
  const consent = forUpdate
    ? await repos.consents.findForUpdate(consentId)
    : await repos.consents.findById(consentId);
  return ensureBound(consent, resource, clientId);
}
