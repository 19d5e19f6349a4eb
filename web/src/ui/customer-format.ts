// How a customer's record reads on screen (seed 001 fields).
import type { Address, CustomerSummary } from '../api/types';

/** Seed 001 birthdays are MMDDYYYY ("07101969"); shown as a date, never shifted by a time zone. */
export function birthdayText(value: string | null): string {
  if (!value) return '—';
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(value);
  if (!match) return value;
  const [, mm, dd, yyyy] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(yyyy, mm - 1, dd));
  if (date.getUTCMonth() !== mm - 1) return value;
  return new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function addressText(a: Address): string {
  const street = [a.address1, a.address2].filter(Boolean).join(', ');
  const town = [a.city, [a.state, a.zip].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  return [street, town, a.country].filter(Boolean).join(', ') || '—';
}

export function fullName(c: Pick<CustomerSummary, 'firstName' | 'lastName'>): string {
  return `${c.firstName} ${c.lastName}`.trim() || '(no name)';
}
