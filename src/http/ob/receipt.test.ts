import { describe, expect, it } from 'vitest';
import { parseReceipt } from './receipt.js';

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
