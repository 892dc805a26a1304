// The connector framework: what connectors (one folder per upstream) build on.
export * from './states.js';
export {
  AddressPolicy,
  AddressRefusedError,
  ConnectorConfigError,
  isSpecialUseAddress,
  type LookupFunction,
} from './address-guard.js';
export * from './resilience.js';
export * from './upstream-client.js';
export * from './cache.js';
export * from './secret-box.js';
export * from './settle.js';
