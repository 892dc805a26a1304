import { startTestPleiade } from './pleiade.js';
import { E2E_IDP_PORT, E2E_PORT } from './ports.js';

/** The built product with its demo identity provider, started once for the whole run. */
export default function globalSetup() {
  return startTestPleiade({ name: 'pleiade_e2e', port: E2E_PORT, env: { DEV_IDP_PORT: String(E2E_IDP_PORT) } });
}
