import { devices, type PlaywrightTestConfig } from '@playwright/test';

/**
 * Settings shared by the Playwright suites (e2e/playwright.config.ts with the demo IdP,
 * e2e/playwright.lemonldap.config.ts against LemonLDAP::NG): one Chromium (Debian's, or
 * PLEIADE_CHROMIUM as found by scripts/browser.mjs), French locale, one test at a time.
 */
const chromium = process.env.PLEIADE_CHROMIUM;

export function sharedConfig(baseURL: string): PlaywrightTestConfig {
  return {
    forbidOnly: true,
    // One retry at most, and only in CI: a flaky test is reported as flaky, never hidden.
    retries: process.env.CI ? 1 : 0,
    // The tests share the accounts' boards: run them one at a time.
    workers: 1,
    fullyParallel: false,
    timeout: 60_000,
    expect: { timeout: 10_000 },
    use: {
      baseURL,
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
  };
}
