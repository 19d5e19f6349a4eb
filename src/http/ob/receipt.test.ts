import { describe, expect, it } from 'vitest';
import { createReceiptParser, parseReceipt } from './receipt.js';

describe('parseReceipt', () => {
  it('keeps the offset of the whole request and of its Data apart', () => {
    const text = JSON.stringify({
      Meta: { At: '2026-04-01T10:00:00-02:00' },
      Data: { ExpirationDateTime: '2026-04-01T10:00:00+01:00', DebtorAccount: { Identification: '1' } },
      Risk: { PaymentContextCode: 'Other' },
    });
    const parsed = parseReceipt(text);
    expect(parsed.offset).toBe(-120);
    expect(parsed.dataOffset).toBe(60);
    expect(parsed.data).toEqual({
      ExpirationDateTime: '2026-04-01T10:00:00+01:00',
      DebtorAccount: { Identification: '1' },
    });
    expect(parsed.risk).toEqual({ PaymentContextCode: 'Other' });
  });

  it('answers Z without a date-time, an empty Data without one, and the same frozen object again', () => {
    const parsed = parseReceipt('{"Risk":{}}');
    expect(parsed).toMatchObject({ data: {}, offset: 'Z', dataOffset: 'Z' });
    expect(parseReceipt('{"Risk":{}}')).toBe(parsed);
    expect(Object.isFrozen(parsed)).toBe(true);
    expect(Object.isFrozen(parsed.data)).toBe(true);
  });
});

describe('createReceiptParser', () => {
  const receipt = (i: number, size: number) => JSON.stringify({ Data: { I: i, Filler: 'x'.repeat(size) } });

  it('parses again what the byte budget pushed out; keeps what fits', () => {
    const parse = createReceiptParser(1000, 100_000);
    const texts = Array.from({ length: 6 }, (_, i) => receipt(i, 10_000)); // about 40 kB each, text + parsed
    const first = texts.map(parse);
    // The two newest fit the budget: the same objects; the oldest were dropped and are parsed anew.
    expect(parse(texts[5]!)).toBe(first[5]);
    expect(parse(texts[4]!)).toBe(first[4]);
    const again = parse(texts[0]!);
    expect(again).not.toBe(first[0]);
    expect(again).toEqual(first[0]);
  });

  it('keeps no receipt bigger than the whole budget', () => {
    const parse = createReceiptParser(1000, 10_000);
    const text = receipt(1, 10_000);
    expect(parse(text)).not.toBe(parse(text));
  });
});
