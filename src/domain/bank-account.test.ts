import { describe, expect, it } from 'vitest';
import { hasFunds, isDecimalAmount, toMinorUnits } from './bank-account.js';

describe('decimal amounts', () => {
  it('parse exactly, up to 5 decimals, signed', () => {
    expect(toMinorUnits('1')).toBe(100000n);
    expect(toMinorUnits('0.1')).toBe(10000n);
    expect(toMinorUnits('1234567890123.12345')).toBe(123456789012312345n);
    expect(toMinorUnits('-20.5')).toBe(-2050000n);
    for (const bad of ['', '1.', '.5', '1.123456', '1e3', '1,00', '12345678901234', ' 1']) {
      expect(isDecimalAmount(bad)).toBe(false);
      expect(toMinorUnits(bad)).toBeUndefined();
    }
  });

  it('compare a balance with an amount without floating point', () => {
    expect(hasFunds('100.00', '100')).toBe(true);
    expect(hasFunds('100.00', '100.00001')).toBe(false);
    expect(hasFunds('0.3', '0.1')).toBe(true);
    expect(hasFunds('-5', '0.00001')).toBe(false);
    expect(hasFunds('-5', '0')).toBe(false);
    expect(hasFunds('0', '0')).toBe(true);
    expect(hasFunds('not money', '1')).toBe(false);
  });
});
