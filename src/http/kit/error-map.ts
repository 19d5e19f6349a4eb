// How one API shows domain errors: every kind of failure in its wire format, plus only the codes it shows
// differently. A map either names its kinds or builds on a shared format's map (`base`, e.g. the OB body of
// http/ob), never on another API's.
import { kindOf, type ErrorCode, type ErrorKind } from '../../domain/errors.js';

export type ErrorOverrides<M> = Readonly<Partial<Record<ErrorCode, M>>>;

export type ErrorMap<M> =
  | { readonly kinds: Readonly<Record<ErrorKind, M>>; readonly codes: ErrorOverrides<M> }
  | { readonly base: ErrorMap<M>; readonly codes: ErrorOverrides<M> };

export function mappingOf<M>(map: ErrorMap<M>, code: ErrorCode): M {
  const own = map.codes[code];
  if (own !== undefined) return own;
  return 'base' in map ? mappingOf(map.base, code) : map.kinds[kindOf(code)];
}

/** The usual HTTP status of each kind. */
export const STATUS_OF_KIND: Readonly<Record<ErrorKind, number>> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  not_acceptable: 406,
  conflict: 409,
  too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unexpected: 500,
};
