import { expect, test, type Page } from '@playwright/test';
import { saveStatus } from '../support/actions.js';
import {
  currentBoardId,
  header,
  launcherLinks,
  lemonldapLoginForm,
  pleiadeCookieHeader,
  signIn,
  signOut,
  signOutAtPortal,
  statusWithCookie,
  visibleAppLinks,
} from './actions.js';
import { FRONTCHANNEL_LOGOUT_PATH, INTEROP_BASE_URL, LEMONLDAP_ISSUER } from './lemonldap.js';

// Real directory users of the test LemonLDAP::NG (../shared/idp/lemonldap/README.md), signed in
// through its own login form; Pléiade configured by config/lemonldap.json.

/** A launcher link's text: its label, then the hint read to screen-reader users. */
const launcherEntry = (label: string) => new RegExp(`^${label} \\(nouvel onglet\\)`);

async function expectIdentity(page: Page, name: string, collectivite: string, role: string) {
  await expect(header(page).getByText(name, { exact: true })).toBeVisible();
  await expect(header(page).getByText(collectivite, { exact: true })).toBeVisible();
  await expect(header(page).getByText(role, { exact: true })).toBeVisible();
}

test.describe('identity, role and launcher links from the directory', () => {
  test('marie.durand, agent of Vénissieux, sees her mail, Nextcloud and Pastell', async ({ page }) => {
    await signIn(page, 'marie.durand');
    await expectIdentity(page, 'Marie Durand', 'Ville de Vénissieux', 'Agent');
    await expect(launcherLinks(page)).toHaveText(['Messagerie', 'Fichiers', 'Pastell'].map(launcherEntry));
    await expect(saveStatus(page)).toHaveAttribute('data-save-state', 'saved');
  });

  test('jean.martin, élu of Vénissieux, has a read-only board with the parapheur and séances', async ({ page }) => {
    await signIn(page, 'jean.martin');
    await expectIdentity(page, 'Jean Martin', 'Ville de Vénissieux', 'Élu');
    await expect(page.getByText('Tableau en lecture seule')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ajouter un widget' })).toHaveCount(0);
    await expect(launcherLinks(page)).toHaveText(['Messagerie', 'Parapheur', 'Séances'].map(launcherEntry));
  });

  test('sophie.bernard, administrator of Vénissieux, sees all five links', async ({ page }) => {
    await signIn(page, 'sophie.bernard');
    await expectIdentity(page, 'Sophie Bernard', 'Ville de Vénissieux', 'Administrateur');
    await expect(launcherLinks(page)).toHaveText(
      ['Messagerie', 'Fichiers', 'Parapheur', 'Séances', 'Pastell'].map(launcherEntry),
    );
  });

  test('theo.lefevre, agent of Givors in the one group agents, sees only the mail', async ({ page }) => {
    await signIn(page, 'theo.lefevre');
    await expectIdentity(page, 'Théo Lefèvre', 'Ville de Givors', 'Agent');
    await expect(launcherLinks(page)).toHaveText(['Messagerie'].map(launcherEntry));
  });
});

test('an agent of Givors never sees the data of Vénissieux', async ({ browser }) => {
  const venissieux = await browser.newContext();
  const marie = await venissieux.newPage();
  await signIn(marie, 'marie.durand');
  const mariesBoard = await currentBoardId(marie);
  const mariesLinks = await visibleAppLinks(marie);

  const givors = await browser.newContext();
  const theo = await givors.newPage();
  await signIn(theo, 'theo.lefevre');
  const theosBoard = await currentBoardId(theo);
  expect(theosBoard).not.toBe(mariesBoard);

  // As if it did not exist: 404, not 403.
  expect((await theo.request.get(`/api/boards/${mariesBoard}`)).status()).toBe(404);
  const theosLinks = await visibleAppLinks(theo);
  expect(theosLinks.map((link) => link.url)).toEqual(['https://messagerie.givors.pleiade.test/']);
  expect(theosLinks.filter((link) => link.url.includes('venissieux'))).toEqual([]);
  const mariesIds = new Set(mariesLinks.map((link) => link.id));
  expect(theosLinks.filter((link) => mariesIds.has(link.id))).toEqual([]);
  // Marie still reads her own board: the 404 is about who asks, not about the board.
  expect((await marie.request.get(`/api/boards/${mariesBoard}`)).status()).toBe(200);

  await givors.close();
  await venissieux.close();
});

test.describe('sign-out', () => {
  test('« Se déconnecter » ends both the Pléiade and the LemonLDAP::NG sessions', async ({
    page,
    context,
    request,
  }) => {
    await signIn(page, 'marie.durand');
    const cookie = await pleiadeCookieHeader(context);
    expect(await statusWithCookie(request, '/api/me', cookie)).toBe(200);

    await signOut(page);
    await expect(page.getByRole('heading', { level: 1, name: 'Bienvenue sur Pléiade' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();

    // No silent SSO: the provider asks for the password again.
    await page.goto('/auth/login');
    await expect(lemonldapLoginForm(page)).toBeVisible();
    expect(new URL(page.url()).origin).toBe(LEMONLDAP_ISSUER);

    // The old session cookie, replayed, opens nothing.
    expect(await statusWithCookie(request, '/api/me', cookie)).toBe(401);
  });

  test('a logout on the LemonLDAP::NG portal ends the Pléiade session (front-channel logout)', async ({
    page,
    context,
    browser,
    request,
  }) => {
    await signIn(page, 'marie.durand');
    const cookie = await pleiadeCookieHeader(context);
    expect(await statusWithCookie(request, '/api/me', cookie)).toBe(200);
    // Someone else, signed in meanwhile, must not be signed out by Marie's logout.
    const othersContext = await browser.newContext();
    const other = await othersContext.newPage();
    await signIn(other, 'jean.martin');

    const frontChannel = await signOutAtPortal(page);
    const query = new URL(frontChannel.url()).searchParams;
    expect(query.get('iss')).toBe(LEMONLDAP_ISSUER);
    // LemonLDAP::NG 2.16 puts the user id in sid (not a session id): Pléiade must match it as the subject.
    expect(query.get('sid')).toBe('marie.durand');
    expect(frontChannel.ok(), `answer of ${INTEROP_BASE_URL}${FRONTCHANNEL_LOGOUT_PATH}`).toBe(true);

    expect((await page.request.get('/api/me')).status()).toBe(401);
    expect(await statusWithCookie(request, '/api/me', cookie)).toBe(401);
    expect((await other.request.get('/api/me')).status()).toBe(200);
    await othersContext.close();
  });
});
