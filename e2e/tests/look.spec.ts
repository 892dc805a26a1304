import { expect, test, type Page } from '@playwright/test';
import { apiCall, axeViolations, signIn, widget } from '../support/actions.js';

/**
 * Each collectivité's look and its launcher (issue #13, points 3–5): an administrator of demo-b
 * themes the collectivité (a colour without enough contrast refused with its ratio), uploads a
 * logo, adds, edits, reorders and removes launcher links; an agent sees them at once, with icons,
 * « Voir plus » on a widget that holds more than it shows, and a compact header on a phone.
 * Screenshots go to test-results/look/. demo-b's look and links are put back at the end.
 */
const SHOTS = 'test-results/look';

/** A 2×2 red PNG. */
const LOGO = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==',
  'base64',
);

async function expectNoAxeViolation(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), what).toEqual([]);
}

async function openLookAdmin(page: Page): Promise<void> {
  await page.goto('/#/administration/apparence');
  await expect(page.getByRole('heading', { level: 2, name: 'Apparence de la collectivité' })).toBeVisible();
}

/** The collectivité's name in the header shows at least its first word whole (not « C… »). */
async function firstWordOfNameWhole(page: Page): Promise<boolean> {
  return page.locator('.brand-collectivite').evaluate((element) => {
    const text = element.firstChild;
    if (!text?.textContent) return false;
    const range = document.createRange();
    range.setStart(text, 0);
    range.setEnd(text, text.textContent.split(' ')[0]?.length ?? 0);
    const word = range.getBoundingClientRect();
    const box = element.getBoundingClientRect();
    return word.width > 0 && word.right <= box.right + 0.5 && word.bottom <= box.bottom + 0.5;
  });
}

async function launcherLabels(page: Page): Promise<string[]> {
  return page.locator('.look-link .admin-card-title').allInnerTexts();
}

test.describe("a collectivité's look and launcher", () => {
  let original: { links: { id: string }[] } | undefined;

  test('an administrator themes the collectivité and manages its launcher; an agent sees it at once', async ({
    browser,
  }) => {
    test.setTimeout(120_000);
    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await signIn(admin, 'admin-b');
    original = (await apiCall(admin, 'GET', '/api/admin/app-links')) as { links: { id: string }[] };
    await openLookAdmin(admin);

    // A colour without enough contrast: refused by the server, with the measured ratio.
    await admin.getByLabel('Nom affiché').fill('Communauté de communes du Val Pléiade');
    const colour = admin.getByRole('textbox', { name: /Couleur principale/ });
    await colour.fill('#ffd700');
    await expect(admin.getByText('Contraste 1,27:1 : insuffisant, il faut au moins 4,5:1.')).toBeVisible();
    await admin.getByRole('button', { name: 'Enregistrer l’apparence' }).click();
    await expect(
      admin.getByText(
        'Contraste insuffisant : 1,27:1 avec le texte blanc ou le fond des pages, il faut au moins 4,5:1. Choisissez une couleur plus foncée.',
      ),
    ).toBeVisible();
    await expect(admin.locator('.brand-collectivite')).toHaveText('Communauté de communes de démonstration B');

    // A dark green: accepted and applied at once, no reload.
    await colour.fill('#14532d');
    await expect(admin.getByText('Contraste 8,27:1 : suffisant (au moins 4,5:1).')).toBeVisible();
    await admin.getByRole('button', { name: 'Enregistrer l’apparence' }).click();
    await expect(admin.getByText(/Apparence enregistrée/)).toBeVisible();
    await expect(admin.locator('.brand-collectivite')).toHaveText('Communauté de communes du Val Pléiade');
    expect(
      await admin.evaluate(() => getComputedStyle(document.documentElement).getPropertyValue('--color-accent').trim()),
    ).toBe('#14532d');

    // The logo, served by the BFF.
    await admin.getByLabel(/Choisir un logo/).setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: LOGO });
    await expect(admin.getByText('Logo enregistré.')).toBeVisible();
    const logo = admin.locator('img.brand-logo');
    await expect(logo).toBeVisible();
    expect(await logo.getAttribute('src')).toMatch(/^\/api\/look\/logo\?v=\d+$/);

    // Launcher links: an address that is not http(s) refused, then added, edited, reordered, removed.
    await admin.getByRole('button', { name: 'Ajouter un lien' }).click();
    const form = admin.getByRole('form', { name: 'Ajouter un lien' });
    await form.getByLabel('Nom du lien').fill('Ressources humaines');
    await form.getByLabel(/^Adresse/).fill('javascript:alert(1)');
    await form.getByRole('button', { name: 'Enregistrer le lien' }).click();
    await expect(form.getByRole('alert')).toContainText('Adresse attendue commençant par http:// ou https://.');
    await form.getByLabel(/^Adresse/).fill('https://rh.val-pleiade.fr/');
    await form.getByLabel('Description (facultative)').fill('Congés et fiches de paie');
    await form.getByRole('button', { name: 'Enregistrer le lien' }).click();
    await expect(admin.getByText('Lien « Ressources humaines » enregistré.')).toBeVisible();
    const before = await launcherLabels(admin);
    expect(before.at(-1)).toBe('Ressources humaines');

    // Keyboard reordering: « Monter » with Enter, twice; the focus stays on the moved link.
    await admin.getByRole('button', { name: 'Monter « Ressources humaines »' }).focus();
    await admin.keyboard.press('Enter');
    await expect(admin.getByText(/« Ressources humaines » est maintenant en position/)).toBeVisible();
    await expect(admin.getByRole('button', { name: 'Monter « Ressources humaines »' })).toBeFocused();
    await admin.keyboard.press('Enter');
    await expect(
      admin.getByText(`« Ressources humaines » est maintenant en position ${before.length - 2}`, { exact: false }),
    ).toBeVisible();
    expect((await launcherLabels(admin)).at(-3)).toBe('Ressources humaines');

    await admin.getByRole('button', { name: 'Modifier « Ressources humaines »' }).click();
    const edit = admin.getByRole('form', { name: 'Modifier « Ressources humaines »' });
    await edit.getByLabel('Nom du lien').fill('RH');
    await edit.getByRole('button', { name: 'Enregistrer le lien' }).click();
    await expect(admin.getByText('Lien « RH » enregistré.')).toBeVisible();

    // More links than the launcher widget shows at once.
    for (const name of ['Annuaire', 'Budget', 'Conseil municipal', 'Visioconférence', 'Portail citoyen', 'Intranet']) {
      await apiCall(admin, 'POST', '/api/admin/app-links', {
        label: name,
        url: `https://${name.length}.val-pleiade.fr/`,
      });
    }
    await admin.reload();
    await expect(admin.getByRole('heading', { name: /Lanceur d’applications/ })).toBeVisible();
    await expectNoAxeViolation(admin, 'administration de l’apparence');
    await admin.screenshot({ path: `${SHOTS}/administration-desktop.png`, fullPage: true });

    await admin.getByRole('button', { name: 'Retirer « Intranet »' }).click();
    await admin.getByRole('button', { name: 'Confirmer le retrait de « Intranet »' }).click();
    await expect(admin.getByText('Lien « Intranet » retiré du lanceur.')).toBeVisible();
    expect(await launcherLabels(admin)).not.toContain('Intranet');

    // An agent of demo-b: the look, the links with their icons, « Voir plus ».
    const agent = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await signIn(agent, 'agent-b');
    await expect(agent.locator('.brand-collectivite')).toHaveText('Communauté de communes du Val Pléiade');
    await expect(agent.locator('img.brand-logo')).toBeVisible();
    const launcher = widget(agent, 'app-launcher');
    await expect(launcher.getByRole('link', { name: /^RH/ })).toBeVisible();
    await expect(launcher.locator('svg.app-link-glyph').first()).toBeVisible();
    await expect(agent.locator('.widget-header svg.widget-icon').first()).toBeVisible();
    const more = launcher.getByRole('button', { name: 'Voir plus : Applications' });
    await expect(more).toBeVisible();
    const body = launcher.locator('.widget-body');
    const scrolled = async () => body.evaluate((element) => element.scrollTop);
    expect(await scrolled()).toBe(0);
    await more.click();
    await expect.poll(scrolled).toBeGreaterThan(0);
    // Every widget that holds more than it shows says so.
    const unsignalled = await agent.locator('.widget').evaluateAll((widgets) =>
      widgets
        .filter((element) => {
          const scroller = element.querySelector('.widget-body');
          if (!scroller) return false;
          const hidden = scroller.scrollHeight - scroller.clientHeight - scroller.scrollTop > 2;
          return hidden && !element.querySelector('.widget-more');
        })
        .map((element) => element.querySelector('.widget-title')?.textContent ?? '?'),
    );
    expect(unsignalled).toEqual([]);
    await expectNoAxeViolation(agent, 'tableau de l’agent, collectivité aux couleurs');
    await agent.screenshot({ path: `${SHOTS}/board-desktop.png` });

    // A phone: one compact header row.
    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phone, 'agent-b');
    const header = await phone.locator('.app-header').boundingBox();
    expect(header?.height ?? 999).toBeLessThanOrEqual(64);
    await expect(phone.locator('.brand-collectivite')).toBeVisible();
    expect(await firstWordOfNameWhole(phone), 'le premier mot du nom de la collectivité, en entier').toBe(true);
    // « Se déconnecter » is an icon here, still named for screen readers; nothing overflows.
    await expect(phone.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await expectNoAxeViolation(phone, 'tableau sur téléphone');
    await phone.screenshot({ path: `${SHOTS}/board-phone.png` });
    const phoneAdmin = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phoneAdmin, 'admin-b');
    // An administrator's board: « À traiter », « Administration » and « Se déconnecter » beside the name.
    await expect(phoneAdmin.getByRole('link', { name: 'Administration' })).toBeVisible();
    expect(await firstWordOfNameWhole(phoneAdmin), 'le nom, tableau d’un administrateur sur téléphone').toBe(true);
    await phoneAdmin.screenshot({ path: `${SHOTS}/board-phone-administrator.png` });
    await openLookAdmin(phoneAdmin);
    expect((await phoneAdmin.locator('.app-header').boundingBox())?.height ?? 999).toBeLessThanOrEqual(64);
    // « Mon tableau », « À traiter » and « Se déconnecter » beside it: the name still reads.
    await expect(phoneAdmin.getByRole('link', { name: 'Mon tableau' })).toBeVisible();
    expect(await firstWordOfNameWhole(phoneAdmin), 'le nom, en administration sur téléphone').toBe(true);
    await expectNoAxeViolation(phoneAdmin, 'administration sur téléphone');
    await phoneAdmin.screenshot({ path: `${SHOTS}/administration-phone.png`, fullPage: true });

    // Put demo-b back as the other tests know it.
    const keep = new Set(original.links.map((link) => link.id));
    const now = (await apiCall(admin, 'GET', '/api/admin/app-links')) as { links: { id: string }[] };
    for (const link of now.links.filter((candidate) => !keep.has(candidate.id))) {
      await apiCall(admin, 'DELETE', `/api/admin/app-links/${link.id}`);
    }
    await apiCall(admin, 'PUT', '/api/admin/app-links/order', { ids: original.links.map((link) => link.id) });
    await apiCall(admin, 'DELETE', '/api/admin/look/logo');
    await apiCall(admin, 'PUT', '/api/admin/look', {
      name: 'Communauté de communes de démonstration B',
      primaryColor: null,
    });
  });

  test("the operator sees every collectivité; another collectivité's administrator does not", async ({ browser }) => {
    const operator = await browser.newPage();
    await signIn(operator, 'operateur');
    await openLookAdmin(operator);
    const overview = operator.getByRole('region', { name: 'Toutes les collectivités de l’installation' });
    await expect(overview.getByRole('heading', { name: 'Commune de démonstration A' })).toBeVisible();
    await expect(overview.getByRole('heading', { name: /démonstration B|Val Pléiade/ })).toBeVisible();
    await expectNoAxeViolation(operator, 'vue de l’opérateur');
    const admin = await browser.newPage();
    await signIn(admin, 'admin');
    await openLookAdmin(admin);
    await expect(admin.getByRole('heading', { name: 'Toutes les collectivités de l’installation' })).toHaveCount(0);
  });
});
