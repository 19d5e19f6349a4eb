// An account of the sample core bank, and exact decimal arithmetic on OB amounts (never floats: money).

export interface BankAccount {
  accountId: string;
  customerId: string;
  schemeName: string;
  identification: string;
  secondaryIdentification: string | null;
  name: string;
  currency: string;
  /** Exact decimal text. */
  balance: string;
  createdAt: number;
  updatedAt: number;
}

/** OB ActiveOrHistoricCurrencyAndAmount allows 5 decimals; balances may be negative (overdrawn). */
const DECIMAL = /^(-?)(\d{1,13})(?:\.(\d{1,5}))?$/;
const SCALE = 5;

export function isDecimalAmount(value: string): boolean {
  return DECIMAL.test(value);
}

/** The amount in units of 10^-5, or undefined when it is not a decimal amount. */
export function toMinorUnits(value: string): bigint | undefined {
  const match = DECIMAL.exec(value);
  if (!match) return undefined;
  const units = BigInt(match[2]! + (match[3] ?? '').padEnd(SCALE, '0'));
  return match[1] === '-' ? -units : units;
}

/** Are `amount` funds available on an account holding `balance`? */
export function hasFunds(balance: string, amount: string): boolean {
  const have = toMinorUnits(balance);
  const want = toMinorUnits(amount);
  if (have === undefined || want === undefined) return false;
  return have >= want;
}
