import { startTestPleiade } from './pleiade.js';
import { E2E_IDP_PORT, E2E_PORT } from './ports.js';

/**
 * The built product with its demo identity provider and demo applications (simulators of Zimbra,
 * Nextcloud, Matrix and Jitsi connected to demo-a and demo-b), started once for the whole run.
 */
export default function globalSetup() {
  return startTestPleiade({
    name: 'pleiade_e2e',
    port: E2E_PORT,
    env: { DEV_IDP_PORT: String(E2E_IDP_PORT), DEMO_APPLICATIONS: '1' },
  });
}
