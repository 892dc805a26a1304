import { defineConfig } from '@playwright/test';
import { INTEROP_BASE_URL } from './interop/lemonldap.js';
import { sharedConfig } from './support/playwright-base.js';

/**
 * Interoperability suite against a real LemonLDAP::NG 2.16 (../shared/idp/lemonldap), run by the
 * `interop` tier of `npm test`, which sets the provider up first (scripts/lemonldap.mjs).
 */
export default defineConfig({
  ...sharedConfig(INTEROP_BASE_URL),
  testDir: './interop',
  globalSetup: './interop/global-setup.ts',
  outputDir: './test-results/interop',
});
