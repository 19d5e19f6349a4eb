// The manage API's URL segments (one per OBIE consent resource) and the consent kind each one names. The
// domain knows kinds only; the validate API shows the segment too, hence this lives in the shared OB part.
import type { ConsentKind } from '../../domain/consent.js';

export const RESOURCE_KIND = {
  'account-access-consents': 'accounts',
  'domestic-payment-consents': 'domestic-payment',
  'domestic-scheduled-payment-consents': 'domestic-scheduled-payment',
  'domestic-standing-order-consents': 'domestic-standing-order',
  'international-payment-consents': 'international-payment',
  'file-payment-consents': 'file-payment',
  'funds-confirmation-consents': 'funds-confirmation',
  'domestic-vrp-consents': 'domestic-vrp',
} as const satisfies Record<string, ConsentKind>;

export type ConsentResource = keyof typeof RESOURCE_KIND;
export const CONSENT_RESOURCES = Object.keys(RESOURCE_KIND) as ConsentResource[];

/** A kind the manage API serves (every OBIE kind; OBP consents have no manage-API resource). */
export type ResourceKind = (typeof RESOURCE_KIND)[ConsentResource];

const KIND_RESOURCE = Object.fromEntries(
  CONSENT_RESOURCES.map((resource) => [RESOURCE_KIND[resource], resource]),
) as Partial<Record<ConsentKind, ConsentResource>>;

/** The manage-API segment of a kind, or undefined for a kind it does not serve. */
export function resourceOfKind(kind: ConsentKind): ConsentResource | undefined {
  return KIND_RESOURCE[kind];
}
