import {
  expect,
  type APIRequestContext,
  type BrowserContext,
  type Locator,
  type Page,
  type Response,
} from '@playwright/test';
import { waitForSaved, widget } from '../support/actions.js';
import { FRONTCHANNEL_LOGOUT_PATH, INTEROP_BASE_URL, LEMONLDAP_PASSWORD, LEMONLDAP_PORTAL } from './lemonldap.js';

/** LemonLDAP::NG's login form (its selectors, not its texts: they follow the browser's language). */
export function lemonldapLoginForm(page: Page): Locator {
  return page.locator('form#lform');
}

/** Fills and submits LemonLDAP::NG's login form, as a person would. */
export async function submitLemonldapLogin(page: Page, uid: string, password = LEMONLDAP_PASSWORD): Promise<void> {
  const form = lemonldapLoginForm(page);
  await form.locator('#userfield').fill(uid);
  await form.locator('#passwordfield').fill(password);
  await page.locator('#lform button[type=submit]').click();
}

/** From Pléiade's welcome page, through LemonLDAP::NG's own login form, back to the board. */
export async function signIn(page: Page, uid: string): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Se connecter' }).click();
  await submitLemonldapLogin(page, uid);
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
}

/**
 * LemonLDAP::NG's page after a logout, when Pléiade has a front-channel logout URI registered: it
 * embeds an iframe to that URI and counts 30 s down before going on to the post-logout URI.
 */
export function lemonldapLogoutNotice(page: Page): Locator {
  return page
    .locator('form#form')
    .filter({ has: page.locator(`iframe[src^="${INTEROP_BASE_URL}${FRONTCHANNEL_LOGOUT_PATH}?"]`) });
}

/**
 * "Se déconnecter": Pléiade ends its session and sends the browser to LemonLDAP::NG's end-session
 * endpoint, whose notice page (see lemonldapLogoutNotice) the person leaves with its button rather
 * than waiting for the countdown; the browser then comes back to Pléiade.
 */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await lemonldapLogoutNotice(page).locator('button[type=submit]').click();
  await page.waitForURL((url) => url.origin === INTEROP_BASE_URL);
}

/**
 * Signs out on LemonLDAP::NG's portal itself (not through Pléiade). Resolves with the answer to the
 * front-channel logout request that the portal's logout page makes to Pléiade from its iframe.
 */
export async function signOutAtPortal(page: Page): Promise<Response> {
  const frontChannel = page.waitForResponse(
    (response) =>
      response.url().startsWith(`${INTEROP_BASE_URL}${FRONTCHANNEL_LOGOUT_PATH}?`) &&
      response.request().frame() !== page.mainFrame(),
  );
  await page.goto(`${LEMONLDAP_PORTAL}?logout=1`);
  return frontChannel;
}

export function header(page: Page): Locator {
  return page.getByRole('banner');
}

export function launcherLinks(page: Page): Locator {
  return widget(page, 'app-launcher').getByRole('link');
}

/** The id of the signed-in person's board, once the SPA has loaded (and, at first sign-in, created) it. */
export async function currentBoardId(page: Page): Promise<string> {
  await waitForSaved(page);
  const response = await page.request.get('/api/boards/current');
  if (!response.ok()) throw new Error(`GET /api/boards/current answered ${response.status()}`);
  return ((await response.json()) as { id: string }).id;
}

export interface LauncherLink {
  id: string;
  label: string;
  url: string;
}

export async function visibleAppLinks(page: Page): Promise<LauncherLink[]> {
  const response = await page.request.get('/api/apps');
  if (!response.ok()) throw new Error(`GET /api/apps answered ${response.status()}`);
  return ((await response.json()) as { links: LauncherLink[] }).links;
}

/** The Cookie header Pléiade's pages currently send (its session cookie). */
export async function pleiadeCookieHeader(context: BrowserContext): Promise<string> {
  const cookies = await context.cookies(INTEROP_BASE_URL);
  if (cookies.length === 0) throw new Error(`no cookie for ${INTEROP_BASE_URL}`);
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/** GET `path` on Pléiade from outside any browser, with exactly the given Cookie header. */
export async function statusWithCookie(request: APIRequestContext, path: string, cookie: string): Promise<number> {
  const response = await request.get(`${INTEROP_BASE_URL}${path}`, { headers: { cookie } });
  return response.status();
}
