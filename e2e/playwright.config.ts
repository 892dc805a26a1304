import { defineConfig } from '@playwright/test';
import { sharedConfig } from './support/playwright-base.js';
import { E2E_BASE_URL } from './support/ports.js';

export default defineConfig({
  ...sharedConfig(E2E_BASE_URL),
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  outputDir: './test-results',
});
