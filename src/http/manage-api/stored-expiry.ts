// The OB view shows the expiry validation uses. The internal PUT may change it (validityPeriod; 0 = never
// expires), while the receipt keeps the request as sent: without this, validation would treat a consent
// as never expiring while the OB view still showed the original ExpirationDateTime.
import { familyOf, type ConsentKind } from '../../domain/consent.js';
import { expiryKeysOf } from '../../domain/consent-request-rules.js';
import { formatDateTime, parseIsoDateTime, type UtcOffset } from '../../domain/date-time.js';

type Json = Record<string, unknown>;

/** `data` with its expiry field set to `expiresAt` (removed when null), copying only what changes. */
export function withStoredExpiry(
  data: Json,
  kind: ConsentKind,
  expiresAt: number | null,
  offset: UtcOffset,
): Json {
  const keys = expiryKeysOf(familyOf(kind));
  if (!keys) return data;
  const shown = keys.reduce<unknown>((node, key) => (node as Json | undefined)?.[key], data);
  if (
    expiresAt === null
      ? shown === undefined
      : typeof shown === 'string' && parseIsoDateTime(shown) === expiresAt
  )
    return data;
  const replace = (node: Json, [key, ...rest]: string[]): Json => {
    const copy = { ...node };
    if (rest.length > 0) copy[key!] = replace((node[key!] as Json | undefined) ?? {}, rest);
    else if (expiresAt === null) delete copy[key!];
    else copy[key!] = formatDateTime(expiresAt, offset);
    return copy;
  };
  return replace(data, keys);
}
