import { defineConfig, devices } from '@playwright/test';
import { E2E_BASE_URL } from './support/ports.js';

const chromium = process.env.PLEIADE_CHROMIUM;

export default defineConfig({
  testDir: './tests',
  globalSetup: './support/global-setup.ts',
  forbidOnly: true,
  // One retry at most, and only in CI: a flaky test is reported as flaky, never hidden.
  retries: process.env.CI ? 1 : 0,
  // The tests share the demo accounts' boards: run them one at a time.
  workers: 1,
  fullyParallel: false,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  outputDir: './test-results',
  use: {
    baseURL: E2E_BASE_URL,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        viewport: { width: 1280, height: 900 },
        launchOptions: {
          ...(chromium ? { executablePath: chromium } : {}),
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync',
          ],
        },
      },
    },
  ],
});
