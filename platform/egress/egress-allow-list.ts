import ipaddr from 'ipaddr.js';

/** An IP address as ipaddr.js parses it. */
export type IpAddress = ipaddr.IPv4 | ipaddr.IPv6;

/**
 * The exceptions of `EGRESS_ALLOW`, parsed once. Each entry is one of:
 * - a CIDR (`10.0.0.0/8`, `fd00::/8`, `::1/128`): resolved addresses inside it are allowed;
 * - an IP (`127.0.0.1`, `::1`): that address is allowed (as a /32 or /128);
 * - `host` or `host:port` (`localhost`, `internal.example:8443`, `127.0.0.1:8080`, `[::1]:8080`): requests whose URL
 *   names that host (on any port, or on that port only) are allowed whatever the host resolves to.
 *
 * Addresses are compared after unwrapping IPv4-mapped IPv6 (`::ffff:10.0.0.1` is `10.0.0.1`), so an IPv4 entry also
 * covers the mapped spelling. Hosts are compared in their WHATWG URL form (lower case, punycode, IPv4 short forms
 * such as `127.1` written out), so an entry matches however a URL spells the same host.
 */
export interface EgressAllowList {
  /** Whether a request to `hostname` (brackets of IPv6 literals optional) on `port` is allowed by a host entry. */
  allowsHost(hostname: string, port: number): boolean;
  /** Whether `address` (already unwrapped with `ipaddr.process`) is inside a CIDR or IP entry. */
  allowsAddress(address: IpAddress): boolean;
}

/** `host` or `host:port`, with IPv6 literals in brackets. */
const HOST_ENTRY = /^(\[[0-9A-Fa-f:.]+\]|[^:/[\]\s]+)(?::(\d{1,5}))?$/;

/**
 * Parses the `EGRESS_ALLOW` entries (empty entries are skipped; an empty list allows nothing).
 * @throws Error naming the first entry that is not a CIDR, an IP or `host[:port]` (with a port from 1 to 65535).
 */
export function parseEgressAllowList(entries: readonly string[]): EgressAllowList {
  const ranges: [IpAddress, number][] = [];
  const hosts = new Map<string, Set<number> | 'any'>();
  for (const raw of entries) {
    const entry = raw.trim();
    if (entry === '') continue;
    if (entry.includes('/')) {
      ranges.push(parseRange(entry));
    } else if (ipaddr.isValid(entry)) {
      const address = ipaddr.process(entry);
      ranges.push([address, address.kind() === 'ipv4' ? 32 : 128]);
    } else {
      const { host, port } = parseHostEntry(entry);
      const ports = hosts.get(host);
      if (port === undefined) hosts.set(host, 'any');
      else if (ports !== 'any') hosts.set(host, new Set([...(ports ?? []), port]));
    }
  }
  return {
    allowsHost(hostname, port) {
      const ports = hosts.get(canonicalHost(hostname));
      return ports === 'any' || (ports !== undefined && ports.has(port));
    },
    allowsAddress(address) {
      return ranges.some(([base, prefix]) => base.kind() === address.kind() && address.match(base, prefix));
    },
  };
}

/** A CIDR entry; an IPv4-mapped IPv6 range of at least /96 becomes the IPv4 range it maps. */
function parseRange(entry: string): [IpAddress, number] {
  let range: [IpAddress, number];
  try {
    range = ipaddr.parseCIDR(entry);
  } catch {
    throw invalidEntry(entry);
  }
  const [base, prefix] = range;
  if (base instanceof ipaddr.IPv6 && base.isIPv4MappedAddress() && prefix >= 96) return [base.toIPv4Address(), prefix - 96];
  return range;
}

function parseHostEntry(entry: string): { host: string; port: number | undefined } {
  const match = HOST_ENTRY.exec(entry);
  const hostPart = match?.[1];
  if (!match || hostPart === undefined) throw invalidEntry(entry);
  const port = match[2] === undefined ? undefined : Number(match[2]);
  if (port !== undefined && (port < 1 || port > 65535)) throw invalidEntry(entry);
  let host: string;
  try {
    host = new URL(`http://${hostPart}/`).hostname;
  } catch {
    throw invalidEntry(entry);
  }
  return { host: canonicalHost(host), port };
}

/** A hostname as the WHATWG URL parser writes it, without the brackets of IPv6 literals and without a trailing dot. */
function canonicalHost(hostname: string): string {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  if (ipaddr.isValid(bare)) return ipaddr.process(bare).toString();
  return bare.toLowerCase().replace(/\.$/, '');
}

function invalidEntry(entry: string): Error {
  return new Error(`EGRESS_ALLOW: "${entry}" is not a CIDR (10.0.0.0/8), an IP (127.0.0.1, ::1) or host[:port] (localhost, internal.example:8443)`);
}
