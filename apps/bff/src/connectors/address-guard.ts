import dns from 'node:dns';
import type { LookupAddress, LookupOptions } from 'node:dns';
import net from 'node:net';

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
  ['::', 128], // unspecified
  ['::1', 128], // loopback
  ['64:ff9b::', 96], // NAT64: may translate to a private IPv4
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 23], // IETF protocol assignments (Teredo, ORCHID…)
  ['2001:db8::', 32], // documentation
  ['2002::', 16], // 6to4: embeds an arbitrary IPv4
  ['fc00::', 7], // unique local (private)
  ['fe80::', 10], // link-local
  ['fec0::', 10], // deprecated site-local
  ['ff00::', 8], // multicast
];

const SPECIAL_USE = new net.BlockList();
for (const [address, prefix] of SPECIAL_USE_V4) SPECIAL_USE.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of SPECIAL_USE_V6) SPECIAL_USE.addSubnet(address, prefix, 'ipv6');

/** `::ffff:127.0.0.1` and `::ffff:7f00:1` are IPv4 addresses in disguise: judge them as such. */
function unmapIpv4(address: string): string {
  const lower = address.toLowerCase();
  const dotted = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted?.[1]) return dotted[1];
  const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (hex?.[1] && hex[2]) {
    const high = parseInt(hex[1], 16);
    const low = parseInt(hex[2], 16);
    return [high >> 8, high & 255, low >> 8, low & 255].join('.');
  }
  return address;
}

function family(address: string): 'ipv4' | 'ipv6' | undefined {
  const version = net.isIP(address);
  return version === 4 ? 'ipv4' : version === 6 ? 'ipv6' : undefined;
}

export function isSpecialUseAddress(address: string): boolean {
  const plain = unmapIpv4(address);
  const type = family(plain);
  // Not an IP at all: refuse rather than guess.
  return type ? SPECIAL_USE.check(plain, type) : true;
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
    const plain = unmapIpv4(address);
    const type = family(plain);
    return type !== undefined && this.networks.check(plain, type);
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
