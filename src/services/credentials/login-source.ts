// Where a login comes from, for lockouts counted per account and source (issue 13 item 2), and the source
// networks an account may be limited to.
import { BlockList, isIPv4, isIPv6 } from 'node:net';

/**
 * The source a failed login is counted against: the request's address; an IPv4-mapped IPv6 address as
 * IPv4, and any other IPv6 address by its /64 (one host usually holds a whole /64, so counting single
 * IPv6 addresses would give an attacker 2^64 fresh sources).
 */
export function loginSourceOf(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (mapped) return mapped[1]!;
  if (!isIPv6(ip)) return ip;
  const groups = expandIPv6(ip);
  return `${groups.slice(0, 4).join(':')}::/64`;
}

function expandIPv6(ip: string): string[] {
  const [head = '', tail] = ip.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const zeros = Array.from({ length: 8 - left.length - right.length }, () => '0');
  return [...left, ...(tail === undefined ? [] : zeros), ...right].map((g) =>
    g.toLowerCase().replace(/^0+(?=.)/, ''),
  );
}

/** Parses one CIDR (`10.0.0.0/8`, `2001:db8::/32`, or a single address); undefined when malformed. */
export function parseCidr(
  text: string,
): { address: string; prefix: number; family: 'ipv4' | 'ipv6' } | undefined {
  const [address = '', prefixText, extra] = text.trim().split('/');
  if (extra !== undefined) return undefined;
  const family = isIPv4(address) ? 'ipv4' : isIPv6(address) ? 'ipv6' : undefined;
  if (!family) return undefined;
  const max = family === 'ipv4' ? 32 : 128;
  const prefix = prefixText === undefined ? max : /^\d{1,3}$/.test(prefixText) ? Number(prefixText) : NaN;
  if (!(prefix >= 0 && prefix <= max)) return undefined;
  return { address, prefix, family };
}

/** The CIDRs of `list` that do not parse. */
export function invalidCidrs(list: readonly string[]): string[] {
  return list.filter((cidr) => parseCidr(cidr) === undefined);
}

/** True when `ip` lies in one of the networks, or when the list is empty (no restriction). */
export function isSourceAllowed(networks: readonly string[], ip: string): boolean {
  if (networks.length === 0) return true;
  const blocks = new BlockList();
  for (const cidr of networks) {
    const parsed = parseCidr(cidr);
    if (parsed) blocks.addSubnet(parsed.address, parsed.prefix, parsed.family);
  }
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  const address = mapped ? mapped[1]! : ip;
  return blocks.check(address, isIPv4(address) ? 'ipv4' : 'ipv6');
}
