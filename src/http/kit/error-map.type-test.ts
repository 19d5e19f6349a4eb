// Type-level test, checked by `npm run typecheck` (never run): every `@ts-expect-error` below must meet a
// type error, or tsc fails with "Unused '@ts-expect-error' directive". It shows that an error code has no
// way around a decision: the registry needs a kind for it, and an API map must show every kind and can
// only override codes that exist.
import type { ErrorRegistry } from '../../domain/errors.js';
import type { ErrorMap } from './error-map.js';
import { STATUS_OF_KIND } from './error-map.js';

export const registryWithANewCode = {
  'consent.not_found': { kind: 'not_found', message: 'The consent was not found' },
  // @ts-expect-error a new code without a kind (its default meaning) is not a decision
  'consent.brand_new': { message: 'A new failure nobody has classified' },
} as const satisfies ErrorRegistry;

export const registryWithAnUnknownKind = {
  // @ts-expect-error a kind is one of ErrorKind, not a status number
  'consent.brand_new': { kind: 409, message: 'A new failure' },
} as const satisfies ErrorRegistry;

export const mapMissingAKind: ErrorMap<number> = {
  // @ts-expect-error an API map that forgets a kind does not say how to show the codes of that kind
  kinds: { invalid: 400, unauthenticated: 401, forbidden: 403, not_found: 404 },
  codes: {},
};

export const mapOverridingAnUnknownCode: ErrorMap<number> = {
  kinds: STATUS_OF_KIND,
  // @ts-expect-error an override names a code of the registry (a typo is caught)
  codes: { 'consent.not_fuond': 404 },
};

export const mapOverridingAKnownCode: ErrorMap<number> = {
  kinds: STATUS_OF_KIND,
  codes: { 'consent.not_found': 400 },
};
