// The stored request of a consent (its receipt) as the OB responses need it, parsed once per receipt text.
import { setBounded } from '../../bounded-map.js';
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
 * A retrieval or search hit of the same consent (its receipt is the same string, from the consent read
 * cache) does not parse it again. The parsed objects are shared, so they are frozen; responses copy what
 * they change.
 */
const parsedReceipts = new Map<string, ParsedReceipt>();
const PARSED_RECEIPTS_MAX = 50_000;

export function parseReceipt(text: string): ParsedReceipt {
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
    setBounded(parsedReceipts, text, parsed, PARSED_RECEIPTS_MAX);
  }
  return parsed;
}
