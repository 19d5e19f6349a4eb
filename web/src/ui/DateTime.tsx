// A time in the officer's own time zone; the exact UTC instant on hover (title) and in the markup.
const local = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const localDate = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const OFFICER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

export function utcText(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') + ' UTC';
}

export function DateTime({ value, dateOnly = false }: { value: string | null; dateOnly?: boolean }) {
  if (!value) return <span className="muted">—</span>;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return <span>{value}</span>;
  return (
    <time dateTime={value} title={utcText(date.toISOString())}>
      {(dateOnly ? localDate : local).format(date)}
    </time>
  );
}
