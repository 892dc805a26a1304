import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * SSRF protection: which addresses an upstream may resolve to. Checked on the address actually
 * connected (a `lookup` on the HTTP agents), so a name that resolves to a public address at
 * configuration time and to 127.0.0.1 later (DNS rebinding) is still refused.
 */

/** Special-use ranges (IANA IPv4/IPv6 special-purpose registries) never reached without consent. */
const SPECIAL_USE_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network", unspecified
  ['10.0.0.0', 8], // private
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8], // loopback
  ['169.254.0.0', 16], // link-local (cloud metadata endpoints)
  ['172.16.0.0', 12], // private
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24], // documentation
  ['192.88.99.0', 24], // 6to4 relay anycast
  ['192.168.0.0', 16], // private
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24], // documentation
  ['203.0.113.0', 24], // documentation
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast
];

const SPECIAL_USE_V6: ReadonlyArray<readonly [string, number]> = [
  // ::/96 (IPv4-compatible, :: and ::1 among them), ::ffff:0:0/96 (IPv4-mapped),
  // ::ffff:0:0:0/96 (IPv4-translated) and 64:ff9b::/96 (NAT64) are judged by their IPv4: below.
  ['64:ff9b:1::', 48], // local-use NAT64 (RFC 8215): its IPv4 may sit at several offsets
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: a tunnel to an arbitrary IPv4
  ['fc00::', 7], // unique local (private)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

const SPECIAL_USE = new net.BlockList();
for (const [address, prefix] of SPECIAL_USE_V4) SPECIAL_USE.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of SPECIAL_USE_V6) SPECIAL_USE.addSubnet(address, prefix, 'ipv6');

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

function parseIp(address: string): Ip | undefined {
  try {
    return ipaddr.parse(address);
  } catch {
    return undefined;
  }
}

const ipv4Of = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join('.');

/**
 * IPv6 forms that stand for an IPv4 address: a connection to them reaches that IPv4 (the stack
 * or a translator on the path sends it there). `::7f00:1`, `::ffff:127.0.0.1`, `::ffff:0:7f00:1`
 * and `64:ff9b::7f00:1` are all 127.0.0.1.
 */
const IPV4_TRANSLATIONS: ReadonlyArray<[ipaddr.IPv6, number]> = [
  [ipaddr.IPv6.parse('::'), 96], // IPv4-compatible (RFC 4291, deprecated)
  [ipaddr.IPv6.parse('::ffff:0:0'), 96], // IPv4-mapped (RFC 4291)
  [ipaddr.IPv6.parse('::ffff:0:0:0'), 96], // IPv4-translated (RFC 2765, SIIT)
  [ipaddr.IPv6.parse('64:ff9b::'), 96], // NAT64 well-known prefix (RFC 6052)
];
const SIX_TO_FOUR = ipaddr.IPv6.parse('2002::');
const TEREDO = ipaddr.IPv6.parse('2001::');

/** The IPv4 address an IPv6 form stands for, if it is one of IPV4_TRANSLATIONS. */
function translatedIpv4(ip: ipaddr.IPv6): string | undefined {
  if (!IPV4_TRANSLATIONS.some((range) => ip.match(range))) return undefined;
  const [, , , , , , high = 0, low = 0] = ip.parts;
  return ipv4Of(high, low);
}

/** IPv4 addresses a tunnelled IPv6 address leads to: 6to4's relay target, Teredo's server and client. */
function tunnelledIpv4s(ip: ipaddr.IPv6): string[] {
  const [, p1 = 0, p2 = 0, p3 = 0, , , p6 = 0, p7 = 0] = ip.parts;
  if (ip.match(SIX_TO_FOUR, 16)) return [ipv4Of(p1, p2)];
  // Teredo (RFC 4380): server in bits 32–63, client in bits 96–127 with every bit inverted.
  if (ip.match(TEREDO, 32)) return [ipv4Of(p2, p3), ipv4Of(~p6 & 0xffff, ~p7 & 0xffff)];
  return [];
}

/** What the allow-list and the special-use ranges judge: the IPv4 an IPv6 form stands for, else the address. */
function judged(ip: Ip): { address: string; type: 'ipv4' | 'ipv6' } {
  if (ip instanceof ipaddr.IPv4) return { address: ip.toString(), type: 'ipv4' };
  const ipv4 = translatedIpv4(ip);
  // Built from the parts: no zone index (fe80::1%eth0), which BlockList does not take.
  return ipv4
    ? { address: ipv4, type: 'ipv4' }
    : { address: new ipaddr.IPv6(ip.parts).toNormalizedString(), type: 'ipv6' };
}

function family(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = net.isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

/**
 * Whether an address may be reached only with the operator's consent: a special-use IPv4 or IPv6
 * range, or any IPv6 form that carries a special-use IPv4 (compatible, mapped, translated, NAT64,
 * 6to4, Teredo). Not an IP address at all: refused rather than guessed.
 */
export function isSpecialUseAddress(address: string): boolean {
  const ip = parseIp(address);
  if (!ip) return true;
  const { address: plain, type } = judged(ip);
  if (SPECIAL_USE.check(plain, type)) return true;
  return ip instanceof ipaddr.IPv6 && tunnelledIpv4s(ip).some((ipv4) => SPECIAL_USE.check(ipv4, 'ipv4'));
}

export class ConnectorConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectorConfigError';
  }
}

/** Thrown from the lookup: the connection is never opened. The code is mapped to a widget state. */
export class AddressRefusedError extends Error {
  readonly code = 'PLEIADE_ADDRESS_REFUSED';
  constructor() {
    super('The upstream resolves to a private or special-use address that is not allow-listed');
    this.name = 'AddressRefusedError';
  }
}

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/;

/**
 * The operator's explicit exceptions (`allowPrivateNetworks`): CIDRs (`127.0.0.1/32`,
 * `10.20.0.0/16`, `fd00::/8`), single addresses, or host names whose every address is accepted
 * (an internal `nextcloud.mairie.local`).
 */
export class AddressPolicy {
  private readonly networks = new net.BlockList();
  private readonly hosts = new Set<string>();

  constructor(allowPrivateNetworks: readonly string[] = []) {
    for (const entry of allowPrivateNetworks) {
      const value = entry.trim().toLowerCase();
      const [address = '', prefixText, extra] = value.split('/');
      const type = family(address);
      if (prefixText === undefined && type) {
        this.networks.addAddress(address, type);
        continue;
      }
      if (type && extra === undefined && /^\d{1,3}$/.test(prefixText ?? '')) {
        const prefix = Number(prefixText);
        if (prefix <= (type === 'ipv4' ? 32 : 128)) {
          this.networks.addSubnet(address, prefix, type);
          continue;
        }
      }
      if (prefixText === undefined && HOSTNAME.test(value)) {
        this.hosts.add(value);
        continue;
      }
      throw new ConnectorConfigError(
        `allowPrivateNetworks: "${entry}" is not a CIDR (10.0.0.0/8, fd00::/8), an IP address or a host name`,
      );
    }
  }

  /** May this host, resolved to this address, be connected to? */
  permits(hostname: string, address: string): boolean {
    if (!isSpecialUseAddress(address)) return true;
    if (this.hosts.has(hostname.toLowerCase().replace(/\.$/, ''))) return true;
    const ip = parseIp(address);
    if (!ip) return false;
    // An IPv6 form of an allow-listed IPv4 (::ffff:10.20.3.4) is allowed with it.
    const { address: plain, type } = judged(ip);
    return this.networks.check(plain, type);
  }
}

export type LookupFunction = (
  hostname: string,
  options: LookupOptions,
  callback: (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
) => void;

const systemLookup: LookupFunction = (hostname, options, callback) => {
  dns.lookup(hostname, { ...options, all: true }, (error, addresses) => callback(error, addresses));
};

/**
 * A `lookup` for http(s).Agent that resolves every address of the name and refuses the connection
 * when any of them is not permitted (a name cannot smuggle one private address among public ones).
 */
export function guardedLookup(policy: AddressPolicy, resolve: LookupFunction = systemLookup): LookupFunction {
  return (hostname, options, callback) => {
    resolve(hostname, { ...options, all: true }, (error, result) => {
      if (error) return callback(error, []);
      const addresses: LookupAddress[] =
        typeof result === 'string' ? [{ address: result, family: net.isIP(result) }] : result;
      const first = addresses[0];
      if (!first || addresses.some(({ address }) => !policy.permits(hostname, address))) {
        return callback(new AddressRefusedError(), []);
      }
      if (options.all) return callback(null, addresses);
      return callback(null, first.address, first.family);
    });
  };
}

/** How long a save waits for DNS before leaving the check to the connection. */
const SAVE_TIME_LOOKUP_MS = 3_000;

/**
 * At save time: whether a host (a name, an IP address, `[v6]` as in URLs) leads to an address the
 * policy refuses, so the person hears it then rather than from a widget later. A name that does not
 * resolve now is not refused here: the guard still checks every connection.
 */
export async function leadsToRefusedAddress(
  host: string,
  policy: AddressPolicy,
  resolve: LookupFunction = systemLookup,
  timeoutMs = SAVE_TIME_LOOKUP_MS,
): Promise<boolean> {
  const plain = host.replace(/^\[|\]$/g, '');
  if (net.isIP(plain)) return !policy.permits(plain, plain);
  const addresses = await new Promise<LookupAddress[]>((done) => {
    const timer = setTimeout(() => done([]), timeoutMs);
    timer.unref();
    resolve(plain, { all: true }, (error, result) => {
      clearTimeout(timer);
      if (error) done([]);
      else done(typeof result === 'string' ? [{ address: result, family: net.isIP(result) }] : result);
    });
  });
  return addresses.some(({ address }) => !policy.permits(plain, address));
}
