// The stored request of a consent (its receipt) as the OB responses need it, parsed once per receipt text.
import { approximateBytes, ByteBoundedMap } from '../../byte-bounded-map.js';
import { findRequestOffset, type UtcOffset } from '../../domain/date-time.js';

type Json = Record<string, unknown>;

export interface ParsedReceipt {
  data: Json;
  risk: unknown;
  /** The offset of the first date-time in the whole request (the manage API answers in it). */
  offset: UtcOffset;
  /** The offset of the first date-time in its Data (the funds-confirmation API answers in it). */
  dataOffset: UtcOffset;
}

/**
 * A parser that remembers what it parsed: a retrieval or search hit of the same consent (its receipt is the
 * same text, from the consent read cache or the database) does not parse it again. The parsed objects are
 * shared, so they are frozen; responses copy what they change. Bounded by entries and by an estimate of the
 * bytes held (the text and the parsed copy): receipts of up to the manage API's body limit must not grow the
 * heap past the budget, whatever the consent read cache holds (issue 13 item 3).
 */
export function createReceiptParser(maxEntries: number, maxBytes: number): (text: string) => ParsedReceipt {
  const parsedReceipts = new ByteBoundedMap<string, ParsedReceipt>(
    maxEntries,
    maxBytes,
    (parsed, text) => approximateBytes(text) + approximateBytes(parsed),
  );
  return (text) => {
    let parsed = parsedReceipts.get(text);
    if (parsed === undefined) {
      const receipt = JSON.parse(text) as Json;
      const data = (receipt.Data ?? {}) as Json;
      parsed = Object.freeze({
        data: Object.freeze(data),
        risk: receipt.Risk,
        offset: findRequestOffset(receipt) ?? 'Z',
        dataOffset: findRequestOffset(data) ?? 'Z',
      });
      parsedReceipts.set(text, parsed);
    }
    return parsed;
  };
}

export const PARSED_RECEIPTS_MAX = 50_000;
export const PARSED_RECEIPTS_MAX_BYTES = 64 * 1024 * 1024;

export const parseReceipt = createReceiptParser(PARSED_RECEIPTS_MAX, PARSED_RECEIPTS_MAX_BYTES);
