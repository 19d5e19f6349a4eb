// How values are stored, identically on SQLite and PostgreSQL:
// - timestamps: epoch milliseconds in bigint columns (numbers in JS);
// - booleans: integer 0/1;
// - JSON: text.

export function toDbBool(value: boolean): number {
  return value ? 1 : 0;
}

export function fromDbBool(value: number | boolean | null | undefined): boolean {
  return value === 1 || value === true;
}

export function toJson(value: unknown): string {
  return JSON.stringify(value);
}

export function fromJson<T>(text: string | null | undefined, fallback: T): T {
  if (text === null || text === undefined || text === '') return fallback;
  return JSON.parse(text) as T;
}

/** A column that holds a list of role or scope names. */
export function toList(values: readonly string[]): string {
  return JSON.stringify([...values]);
}

export function fromList(text: string | null | undefined): string[] {
  return fromJson<string[]>(text, []);
}

/** A list of source networks (CIDRs): comma-separated text, null for none. */
export function toNetworks(values: readonly string[]): string | null {
  return values.length === 0 ? null : values.join(',');
}

export function fromNetworks(text: string | null | undefined): string[] {
  return text ? text.split(',') : [];
}
