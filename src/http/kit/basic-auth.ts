/** Username and password from an `Authorization: Basic` header, or undefined when absent or malformed. */
export function parseBasicAuth(
  header: string | undefined,
): { username: string; password: string } | undefined {
  if (!header) return undefined;
  const match = /^basic\s+([A-Za-z0-9+/=._~-]+)\s*$/i.exec(header);
  if (!match) return undefined;
  const decoded = Buffer.from(match[1]!, 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  // No account name or secret holds a NUL (and PostgreSQL text cannot): malformed, not a lookup.
  if (colon < 0 || decoded.includes('\u0000')) return undefined;
  return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
