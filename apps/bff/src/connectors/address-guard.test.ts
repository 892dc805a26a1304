import { describe, expect, it } from 'vitest';
import {
  AddressPolicy,
  AddressRefusedError,
  guardedLookup,
  isSpecialUseAddress,
  leadsToRefusedAddress,
  type LookupFunction,
} from './address-guard.js';

/** IPv6 forms of refused IPv4 addresses (loopback, private, link-local metadata). */
const DISGUISED_IPV4 = [
  ['IPv4-compatible', '::7f00:1'],
  ['IPv4-compatible, dotted', '::127.0.0.1'],
  ['IPv4-compatible, private', '::a00:1'],
  ['IPv4-mapped', '::ffff:127.0.0.1'],
  ['IPv4-mapped, hexadecimal', '::ffff:7f00:1'],
  ['IPv4-mapped, expanded', '0:0:0:0:0:ffff:7f00:0001'],
  ['IPv4-translated', '::ffff:0:7f00:1'],
  ['IPv4-translated, dotted', '::ffff:0:169.254.169.254'],
  ['NAT64 to a private IPv4', '64:ff9b::10.1.2.3'],
  ['NAT64 to loopback', '64:ff9b::7f00:1'],
  ['6to4 embedding loopback', '2002:7f00:1::1'],
  ['6to4 embedding a private IPv4', '2002:c0a8:101::1'],
  ['Teredo whose client is loopback', '2001:0:5db8:d70e:0:0:80ff:fffe'],
  ['Teredo (public addresses: refused with its range)', '2001:0:4136:e378:8000:63bf:3fff:fdd2'],
  ['upper case', '::FFFF:7F00:1'],
  ['link-local with a zone index', 'fe80::1%eth0'],
] as const;

describe('the address guard', () => {
  it.each(DISGUISED_IPV4)('refuses an IPv6 form that carries a refused IPv4: %s (%s)', (_form, address) => {
    expect(isSpecialUseAddress(address)).toBe(true);
    expect(new AddressPolicy([]).permits('upstream.example', address)).toBe(false);
  });

  it('lets through the same forms of a public IPv4, and public IPv6', () => {
    for (const address of ['::ffff:93.184.215.14', '::ffff:0:5db8:d70e', '64:ff9b::93.184.215.14', '2a01:e0a:1::1']) {
      expect(isSpecialUseAddress(address), address).toBe(false);
    }
  });

  it('allows an IPv6 form of an allow-listed IPv4, and nothing more', () => {
    const policy = new AddressPolicy(['10.20.0.0/16']);
    for (const address of ['10.20.3.4', '::ffff:10.20.3.4', '::a14:304', '::ffff:0:a14:304', '64:ff9b::a14:304']) {
      expect(policy.permits('x', address), address).toBe(true);
    }
    for (const address of ['10.21.3.4', '::ffff:10.21.3.4', '::7f00:1', '2002:a14:304::1']) {
      expect(policy.permits('x', address), address).toBe(false);
    }
  });

  it('refuses the connection when a name resolves to such a form (checked on the address connected)', async () => {
    const resolve: LookupFunction = (_hostname, _options, callback) =>
      callback(null, [
        { address: '93.184.215.14', family: 4 },
        { address: '::ffff:0:7f00:1', family: 6 },
      ]);
    const error = await new Promise<unknown>((done) =>
      guardedLookup(new AddressPolicy([]), resolve)('rebind.example', { all: true }, (err) => done(err)),
    );
    expect(error).toBeInstanceOf(AddressRefusedError);
  });

  it('tells at save time whether a host leads to a refused address, leaving unresolved names to the connection', async () => {
    const policy = new AddressPolicy(['10.20.0.0/16']);
    const answering =
      (...addresses: string[]): LookupFunction =>
      (_hostname, _options, callback) =>
        callback(
          null,
          addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 })),
        );
    const failing: LookupFunction = (_hostname, _options, callback) =>
      callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
    const silent: LookupFunction = () => undefined;
    expect(await leadsToRefusedAddress('[::ffff:0:7f00:1]', policy)).toBe(true);
    expect(await leadsToRefusedAddress('10.20.1.1', policy)).toBe(false);
    expect(await leadsToRefusedAddress('cloud.mairie.test', policy, answering('93.184.215.14', '::1'))).toBe(true);
    expect(await leadsToRefusedAddress('cloud.mairie.test', policy, answering('10.20.1.1'))).toBe(false);
    expect(await leadsToRefusedAddress('cloud.mairie.test', policy, failing)).toBe(false);
    expect(await leadsToRefusedAddress('cloud.mairie.test', policy, silent, 20)).toBe(false);
  });
});
