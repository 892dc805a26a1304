import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { startTestPleiade } from '../support/pleiade.js';
import { INTEROP_BASE_URL, INTEROP_PORT, REPO_ROOT, assertLemonldapReady } from './lemonldap.js';

/**
 * Pléiade configured as in production with config/lemonldap.json: LemonLDAP::NG is its only
 * provider, bound to the collectivités venissieux and givors. No demo IdP, no demo data.
 */
export default async function globalSetup() {
  await assertLemonldapReady();
  return startTestPleiade({
    name: 'pleiade_interop',
    port: INTEROP_PORT,
    env: {
      PLEIADE_CONFIG_FILE: path.join(REPO_ROOT, 'config', 'lemonldap.json'),
      LEMONLDAP_CLIENT_SECRET: 'pleiade-secret',
      PUBLIC_URL: INTEROP_BASE_URL,
      SESSION_SECRET: randomBytes(32).toString('base64url'),
    },
  });
}
