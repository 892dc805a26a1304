import type { LookupAddress } from 'node:dns';
import type { LookupFunction } from '../../src/connectors/address-guard.js';

/** Names the tests' DNS knows; every other name does not exist. */
const TABLE: Record<string, LookupAddress[]> = {
  localhost: [
    { address: '127.0.0.1', family: 4 },
    { address: '::1', family: 6 },
  ],
};

/**
 * The network edge of the tests: DNS answered from a table, so no test asks a real resolver for the
 * made-up names its connectors use (the save-time address check resolves every base URL).
 */
export const testLookup: LookupFunction = (hostname, _options, callback) => {
  const addresses = TABLE[hostname.toLowerCase()];
  if (!addresses) {
    callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' }), []);
    return;
  }
  callback(null, addresses);
};
