import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { startDevIdp, type DevIdp } from '@pleiade/dev-idp';
import { axeViolations, DEMO_PASSWORD } from '../support/actions.js';
import { startTestPleiade } from '../support/pleiade.js';

/** A loopback port free right now: this suite's product must know its address before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * Pléiade with ProConnect as its only identity provider: the demo IdP in its ProConnect profile
 * (signed userinfo JWT, SIRET, no groups), and the demo collectivités with their SIRENs. Started by
 * this suite, apart from the demo product of the other suites.
 */
test.describe('sign-in through ProConnect', () => {
  let idp: DevIdp;
  let stop: () => Promise<void>;
  let baseUrl: string;
  let dir: string;

  test.beforeAll(async () => {
    const port = await freePort();
    baseUrl = `http://localhost:${port}`;
    idp = await startDevIdp({
      profile: 'proconnect',
      port: 0,
      clients: [
        {
          clientId: 'pleiade',
          clientSecret: 'proconnect-e2e-secret',
          redirectUris: [`${baseUrl}/auth/callback`],
          postLogoutRedirectUris: [`${baseUrl}/`],
        },
      ],
    });
    dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-e2e-proconnect-'));
    const file = path.join(dir, 'pleiade.json');
    await writeFile(
      file,
      JSON.stringify({
        providers: [
          {
            id: 'proconnect',
            type: 'proconnect',
            label: 'ProConnect',
            issuer: idp.issuer,
            clientId: 'pleiade',
            clientSecretEnv: 'PROCONNECT_CLIENT_SECRET',
            acrValues: 'eidas1',
            access: {
              'demo-a': { defaultRole: 'agent', roles: { admin: ['admin@demo-a.pleiade.test'] } },
              'demo-b': { defaultRole: 'agent' },
            },
          },
        ],
      }),
    );
    stop = await startTestPleiade({
      name: 'pleiade_e2e_proconnect',
      port,
      env: {
        PUBLIC_URL: baseUrl,
        SESSION_SECRET: 'an-e2e-session-secret-of-at-least-32-characters',
        PLEIADE_CONFIG_FILE: file,
        PROCONNECT_CLIENT_SECRET: 'proconnect-e2e-secret',
        SEED_DEMO: '1',
      },
    });
  });

  test.afterAll(async () => {
    await stop?.();
    await idp?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  async function signInWithProConnect(page: Page, username: string) {
    await page.goto(`${baseUrl}/`);
    await page.getByRole('link', { name: 'Se connecter' }).first().click();
    await expect(
      page.getByRole('heading', { level: 1, name: 'Connexion avec ProConnect (démonstration)' }),
    ).toBeVisible();
    await page.locator('#username').fill(username);
    await page.locator('#password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Se connecter' }).click();
  }

  test('lands an administrator in the collectivité of their SIRET, with the role its rules give', async ({ page }) => {
    await signInWithProConnect(page, 'admin');
    await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
    await expect(page.locator('.brand-collectivite')).toHaveText('Commune de démonstration A');
    await expect(page.locator('.user-name')).toHaveText('Alex Moreau');
    await expect(page.getByRole('link', { name: 'Administration' })).toBeVisible();
    await expect(page.getByText('Chargement…')).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('proconnect-admin-demo-a.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await expect(page.getByRole('link', { name: 'Se connecter' }).first()).toBeVisible();
    expect(new URL(page.url()).origin).toBe(baseUrl);
  });

  test('lands an agent of demo-b in demo-b, without administration', async ({ page }) => {
    await signInWithProConnect(page, 'agent-b');
    await expect(page.locator('.brand-collectivite')).toHaveText('Communauté de communes de démonstration B');
    await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
  });

  test('refuses, in French and without a session, an agent of an organisation outside Pléiade', async ({ page }) => {
    await signInWithProConnect(page, 'agent-hors-pleiade');
    await expect(page.getByRole('heading', { level: 1, name: 'Collectivité non reconnue' })).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    await page.screenshot({ path: test.info().outputPath('proconnect-refused.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    const me = await page.request.get(`${baseUrl}/api/me`, { headers: { accept: 'application/json' } });
    expect(me.status()).toBe(401);
  });
});
