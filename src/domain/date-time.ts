// ISO 8601 date-times as OB APIs exchange them: the response keeps the offset form of the request.

const WITH_OFFSET = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i;

export function isIsoDateTime(value: unknown): value is string {
  return typeof value === 'string' && WITH_OFFSET.test(value) && !Number.isNaN(Date.parse(value));
}

export function parseIsoDateTime(value: string): number | undefined {
  if (!isIsoDateTime(value)) return undefined;
  return Date.parse(value);
}

/** 'Z', or a signed offset in minutes. */
export type UtcOffset = 'Z' | number;

export function offsetOf(value: string): UtcOffset | undefined {
  const match = WITH_OFFSET.exec(value);
  if (!match) return undefined;
  const zone = match[2]!;
  if (zone.toUpperCase() === 'Z') return 'Z';
  const sign = zone.startsWith('-') ? -1 : 1;
  const [hours, minutes] = zone.slice(1).split(':').map(Number);
  return sign * (hours! * 60 + minutes!);
}

/** The first date-time with an explicit offset found in a request body (depth first, in key order). */
export function findRequestOffset(body: unknown): UtcOffset | undefined {
  if (typeof body === 'string') return isIsoDateTime(body) ? offsetOf(body) : undefined;
  if (Array.isArray(body)) {
    for (const item of body) {
      const found = findRequestOffset(item);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  if (body !== null && typeof body === 'object') {
    for (const value of Object.values(body)) {
      const found = findRequestOffset(value);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

const pad = (n: number, width = 2) => String(Math.trunc(Math.abs(n))).padStart(width, '0');

/** Seconds precision, in the given offset: 2026-03-16T13:46:08+05:30 (or ...Z). */
export function formatDateTime(epochMs: number, offset: UtcOffset = 'Z'): string {
  const minutes = offset === 'Z' ? 0 : offset;
  const shifted = new Date(epochMs + minutes * 60_000);
  const base =
    `${shifted.getUTCFullYear()}-${pad(shifted.getUTCMonth() + 1)}-${pad(shifted.getUTCDate())}` +
    `T${pad(shifted.getUTCHours())}:${pad(shifted.getUTCMinutes())}:${pad(shifted.getUTCSeconds())}`;
  if (offset === 'Z') return `${base}Z`;
  const sign = minutes < 0 ? '-' : '+';
  return `${base}${sign}${pad(minutes / 60)}:${pad(minutes % 60)}`;
}

export function epochSeconds(epochMs: number): number {
  return Math.floor(epochMs / 1000);
}
