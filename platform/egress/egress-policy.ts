import { lookup as dnsLookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';
import { Agent, buildConnector, type Dispatcher } from 'undici';
import { EgressDeniedError } from '../errors.ts';
import { parseEgressAllowList, type EgressAllowList, type IpAddress } from './egress-allow-list.ts';

/**
 * The egress policy of every outbound request whose target a tenant controls (provider base URLs, model endpoints,
 * `http` steps, webhooks). The project's own service URLs (subgraphs, `GATEWAY_URL`) are configuration and do not go
 * through it.
 *
 * An address is allowed when ipaddr.js classifies it as `unicast` (after unwrapping IPv4-mapped IPv6 with
 * `ipaddr.process`, so `::ffff:127.0.0.1` is `127.0.0.1`) and it is not IPv4-compatible IPv6 (`::/96`, deprecated by
 * RFC 4291 §2.5.5.1). Everything else is denied, which covers the special-purpose registries of RFC 6890:
 * - IPv4: `0.0.0.0/8` unspecified ("this network"), `10.0.0.0/8`, `172.16.0.0/12`, `192.168.0.0/16` private
 *   (RFC 1918), `100.64.0.0/10` carrier-grade NAT (RFC 6598), `127.0.0.0/8` loopback, `169.254.0.0/16` link-local
 *   (RFC 3927), `224.0.0.0/4` multicast, `255.255.255.255` broadcast, and the reserved, documentation and
 *   benchmarking blocks (`192.0.0.0/24`, `192.0.2.0/24`, `198.18.0.0/15`, `240.0.0.0/4`, ...);
 * - IPv6 (RFC 4291): `::` unspecified, `::1` loopback, `fe80::/10` link-local, `ff00::/8` multicast, `fc00::/7`
 *   unique local (RFC 4193), and the translation and tunnelling prefixes that embed an IPv4 address (`64:ff9b::/96`
 *   NAT64, `2002::/16` 6to4, `2001::/32` Teredo), documentation and other special ranges.
 *
 * Every spelling of an address reaches the same check: the WHATWG URL parser writes `127.1`, `2130706433` and
 * `0x7f000001` as `127.0.0.1`; names (`localhost`, or any name whose DNS answer is private) are resolved and their
 * addresses checked.
 *
 * Names are checked on every address: a name is refused when any of the addresses it resolves to is denied (a name
 * that answers both public and private addresses is refused), and the connection goes to the first address of that
 * same answer, so a second DNS answer (DNS rebinding) can never reach an address that was not checked.
 *
 * `EGRESS_ALLOW` (see `egress-allow-list.ts`) opens exceptions: CIDRs and IPs allow those addresses; `host[:port]`
 * entries allow a host named by the URL whatever it resolves to.
 */
export interface EgressPolicy {
  /**
   * Checks the target of `url` before anything is sent: its scheme (http or https only), its host (resolved when it
   * is a name) and every address it resolves to.
   * @throws {@link EgressDeniedError} (`EGRESS_DENIED`, `details.host`, `details.addressClass`) naming the host and
   *   the class of the denied address (e.g. `loopback`); the message never contains the URL's userinfo, path or
   *   query, nor the address a name resolved to.
   * @throws the DNS error (e.g. `ENOTFOUND`) when the name does not resolve.
   */
  check(url: URL): Promise<void>;
  /**
   * An undici dispatcher whose connector resolves the host itself, applies the same checks as {@link check}, and
   * connects to the checked address (TLS keeps the host name for SNI and certificate checks). Every connection made
   * through it, including those of redirects, is checked; a refused connection sends nothing and fails the request
   * with the {@link EgressDeniedError}.
   */
  readonly dispatcher: Dispatcher;
  /** Closes the dispatcher's connections (idempotent). */
  close(): Promise<void>;
}

/** One address of a DNS answer, as `dns.promises.lookup(name, { all: true })` returns it. */
export interface EgressLookupAddress {
  readonly address: string;
  /** 4 or 6. */
  readonly family: number;
}

/** Resolves a host name to all its addresses. */
export type EgressLookup = (hostname: string) => Promise<readonly EgressLookupAddress[]>;

/** Options of {@link createEgressPolicy}. */
export interface EgressPolicyOptions {
  /** Exceptions to the deny list, as `config.egress.allow` gives them (`EGRESS_ALLOW`). Empty = nothing allowed. */
  readonly allow: readonly string[];
  /**
   * Resolves names (injected in tests).
   * @defaultValue `dns.promises.lookup(hostname, { all: true, verbatim: true })`
   */
  readonly lookup?: EgressLookup;
  /**
   * Timeout of establishing one connection (TCP, and TLS for https), in ms, after the DNS lookup.
   * @defaultValue {@link DEFAULT_EGRESS_CONNECT_TIMEOUT_MS}
   */
  readonly connectTimeoutMs?: number;
}

/** Default of {@link EgressPolicyOptions.connectTimeoutMs}, in ms (undici's own default). */
export const DEFAULT_EGRESS_CONNECT_TIMEOUT_MS = 10_000;

/** The ipaddr.js class of an allowed address. */
const ALLOWED_CLASS = 'unicast';

/** Readable names of the ipaddr.js classes that messages name; others are shown as ipaddr.js names them. */
const CLASS_NAMES: Readonly<Record<string, string>> = {
  unspecified: 'unspecified',
  broadcast: 'broadcast',
  multicast: 'multicast',
  linkLocal: 'link-local',
  loopback: 'loopback',
  carrierGradeNat: 'carrier-grade NAT',
  private: 'private',
  reserved: 'reserved',
  uniqueLocal: 'unique local',
  ipv4Compatible: 'IPv4-compatible',
};

/** IPv4-compatible IPv6 addresses (`::a.b.c.d`, RFC 4291 §2.5.5.1, deprecated), which ipaddr.js calls unicast. */
const IPV4_COMPATIBLE: [ipaddr.IPv6, number] = [ipaddr.IPv6.parse('::'), 96];

const defaultLookup: EgressLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * Creates the egress policy: parses `options.allow` once and builds the dispatcher.
 * @throws Error naming the first `allow` entry that is not a CIDR, an IP or `host[:port]`.
 */
export function createEgressPolicy(options: EgressPolicyOptions): EgressPolicy {
  const allowList = parseEgressAllowList(options.allow);
  const lookup = options.lookup ?? defaultLookup;
  const resolve = (hostname: string, port: number): Promise<EgressLookupAddress> => resolveAllowed(allowList, lookup, hostname, port);
  const connectDirect = buildConnector({ timeout: options.connectTimeoutMs ?? DEFAULT_EGRESS_CONNECT_TIMEOUT_MS });
  const connect: buildConnector.connector = (target, callback) => {
    const port = Number(target.port) || defaultPort(target.protocol);
    resolve(target.hostname, port).then(
      ({ address }) => {
        const servername = target.servername ?? (isIP(bare(target.hostname)) ? undefined : target.hostname);
        connectDirect({ ...target, hostname: address, ...(servername !== undefined ? { servername } : {}) }, callback);
      },
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), null),
    );
  };
  const agent = new Agent({ connect });
  let closing: Promise<void> | undefined;
  return {
    async check(url) {
      if (url.protocol !== 'http:' && url.protocol !== 'https:') {
        throw new EgressDeniedError(`Egress to ${url.host || '(no host)'} denied: the scheme "${url.protocol}" is not http or https`, {
          host: url.hostname,
          scheme: url.protocol,
        });
      }
      await resolve(url.hostname, Number(url.port) || defaultPort(url.protocol));
    },
    dispatcher: agent,
    close: () => (closing ??= agent.close()),
  };
}

/**
 * Resolves `hostname` and returns the address to connect to (the first of the answer), after checking every address
 * of the answer; a host entry of the allow list skips the address checks (the lookup still pins the address).
 */
async function resolveAllowed(allowList: EgressAllowList, lookup: EgressLookup, hostname: string, port: number): Promise<EgressLookupAddress> {
  const name = bare(hostname);
  const literal = isIP(name);
  const addresses = literal ? [{ address: name, family: literal }] : await lookup(name);
  const first = addresses[0];
  if (!first) throw new Error(`${hostname} did not resolve to any address`);
  if (allowList.allowsHost(name, port)) return first;
  for (const { address } of addresses) {
    const parsed = ipaddr.process(address);
    const addressClass = classify(parsed);
    if (addressClass === ALLOWED_CLASS || allowList.allowsAddress(parsed)) continue;
    const what = CLASS_NAMES[addressClass] ?? addressClass;
    // The address a name resolved to is not shown: it would tell a tenant how internal names resolve.
    const reason = literal ? `it is a ${what} address` : `it resolves to a ${what} address`;
    throw new EgressDeniedError(`Egress to ${hostLabel(name, port)} denied: ${reason}; an operator may allow it with EGRESS_ALLOW`, {
      host: name,
      addressClass,
    });
  }
  return first;
}

/** The ipaddr.js range of an unwrapped address, with IPv4-compatible IPv6 as `ipv4Compatible`. */
function classify(address: IpAddress): string {
  const range = address.range();
  if (range === ALLOWED_CLASS && address instanceof ipaddr.IPv6 && address.match(IPV4_COMPATIBLE)) return 'ipv4Compatible';
  return range;
}

function defaultPort(protocol: string): number {
  return protocol === 'https:' ? 443 : 80;
}

/** `hostname` without the brackets of an IPv6 literal. */
function bare(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function hostLabel(name: string, port: number): string {
  return `${isIP(name) === 6 ? `[${name}]` : name}:${port}`;
}
