import { expect, test, type Page } from '@playwright/test';
import {
  apiCall,
  axeViolations,
  boardTabs,
  box,
  enterEditMode,
  leaveEditMode,
  signIn,
  undoToast,
  waitForSaved,
  widget,
} from '../support/actions.js';

/**
 * Several boards per person (tabs), the edit mode, « Annuler », a 409 that keeps what was typed,
 * and the tablet and phone layouts (issue 9, points 1 and 2). Screenshots go to each test's output
 * folder (test-results/…).
 */

interface CreatedBoard {
  id: string;
  version: number;
}

/** A board of the signed-in person with a note and a welcome widget, made through the API. */
async function boardWithNote(page: Page, name: string): Promise<string> {
  const board = (await apiCall(page, 'POST', '/api/boards', { name })) as CreatedBoard;
  await apiCall(page, 'PUT', `/api/boards/${board.id}`, {
    version: board.version,
    widgets: [
      {
        id: crypto.randomUUID(),
        kind: 'notes',
        options: { text: '' },
        layout: { lg: { x: 0, y: 0, w: 4, h: 4 } },
      },
      {
        id: crypto.randomUUID(),
        kind: 'welcome',
        options: {},
        layout: { lg: { x: 4, y: 0, w: 4, h: 3 } },
      },
    ],
  });
  return board.id;
}

function noteText(page: Page) {
  return widget(page, 'notes').getByRole('textbox', { name: 'Texte de la note' });
}

test.describe('several boards', () => {
  test('a person creates a second board, renames it, moves its tab, makes it home, deletes one with « Annuler »', async ({
    page,
  }, testInfo) => {
    await signIn(page, 'operateur');
    await waitForSaved(page);
    const tabs = boardTabs(page);
    const tabNames = page.locator('.board-tab-name');
    const before = await tabNames.allTextContents();
    const first = before[0] ?? '';

    // Create: a name, then an empty board opens in edit mode.
    await page.getByRole('button', { name: 'Nouveau tableau' }).click();
    const dialog = page.getByRole('dialog', { name: 'Nouveau tableau' });
    await expect(dialog).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await dialog.getByLabel('Nom du tableau').fill('Suivi');
    await dialog.getByRole('button', { name: 'Créer le tableau' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suivi');
    await expect(tabs).toHaveCount(before.length + 1);
    await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('button', { name: 'Terminer les modifications' })).toBeVisible();
    await expect(page.getByText('Votre tableau est vide.')).toBeVisible();

    // A widget on it.
    await page.getByRole('button', { name: 'Ajouter un widget' }).click();
    await page.getByRole('dialog').locator('[data-catalogue-kind="notes"] button').click();
    await expect(widget(page, 'notes')).toHaveCount(1);
    await waitForSaved(page);

    // Rename.
    await page.getByRole('button', { name: 'Renommer' }).click();
    await page.locator('.rename-form').getByLabel('Nom du tableau').fill('Suivi des dossiers');
    await page.getByRole('button', { name: 'Enregistrer le nom' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suivi des dossiers');
    await expect(tabs.last()).toContainText('Suivi des dossiers');

    // Move its tab left, to the first place: until the person chooses, the first tab is the home board.
    const count = before.length + 1;
    for (let step = 1; step < count; step++) {
      await page.getByRole('button', { name: 'Déplacer l’onglet à gauche' }).click();
      await expect(page.locator('[data-list-announcer]')).toContainText(`position ${count - step} sur ${count}`);
    }
    await expect(tabs.first()).toContainText('Suivi des dossiers');
    await expect(tabs.first()).toContainText('(tableau d’accueil)');
    await expect(page.getByRole('button', { name: 'Déplacer l’onglet à gauche' })).toBeDisabled();
    // …and back to the second place.
    await page.getByRole('button', { name: 'Déplacer l’onglet à droite' }).click();
    await expect(tabs.nth(1)).toContainText('Suivi des dossiers');
    await expect(tabs.first()).toContainText('(tableau d’accueil)');
    await leaveEditMode(page);

    // The keyboard goes from tab to tab (arrows, Home, End), one tab stop.
    await tabs.nth(1).focus();
    await page.keyboard.press('ArrowLeft');
    await expect(tabs.first()).toBeFocused();
    await expect(tabs.first()).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(first);
    await page.keyboard.press('End');
    await expect(tabs.last()).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowRight');
    await expect(tabs.first()).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(tabs.last()).toBeFocused();
    await page.keyboard.press('Home');
    await page.keyboard.press('ArrowRight');
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suivi des dossiers');

    // Its own choice of home board: kept for the person, opened at the next visit.
    await page.getByRole('button', { name: 'En faire mon tableau d’accueil' }).click();
    await expect(page.locator('[data-home-badge]')).toHaveText('Tableau d’accueil');
    await expect(tabs.nth(1)).toContainText('(tableau d’accueil)');
    await expect(tabs.first()).not.toContainText('(tableau d’accueil)');
    await page.goto('/#/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suivi des dossiers');
    await expect(tabs.nth(1)).toHaveAttribute('aria-selected', 'true');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('tabs.png') });

    // Delete, then « Annuler »: nothing is lost.
    await enterEditMode(page);
    await page.getByRole('button', { name: 'Supprimer ce tableau' }).click();
    await expect(undoToast(page)).toContainText('Tableau « Suivi des dossiers » supprimé.');
    await expect(tabs).toHaveCount(before.length);
    await expect(page.getByRole('button', { name: 'Annuler', exact: true })).toBeFocused();
    expect(await axeViolations(page)).toEqual([]);
    await page.keyboard.press('Enter');
    await expect(tabs).toHaveCount(before.length + 1);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Suivi des dossiers');
    await expect(widget(page, 'notes')).toHaveCount(1);
    // Leaving the page sends a deletion still waiting for its « Annuler », never one undone.
    await page.reload();
    await expect(tabs).toHaveCount(before.length + 1);

    // Delete for good: gone after a reload, and the home board falls back to the first board.
    await enterEditMode(page);
    await page.getByRole('button', { name: 'Supprimer ce tableau' }).click();
    const deleted = page.waitForResponse(
      (response) => response.request().method() === 'DELETE' && response.url().includes('/api/boards/'),
    );
    await page.getByRole('button', { name: 'Fermer ce message' }).click();
    expect((await deleted).status()).toBe(204);
    await page.goto('/#/');
    await expect(tabNames).toHaveText(before);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(first);
    await expect(page.locator('[data-home-badge]')).toBeVisible();
    // The only board left cannot be deleted, and says why.
    await enterEditMode(page);
    await expect(page.getByRole('button', { name: 'Supprimer ce tableau' })).toBeDisabled();
    await expect(page.getByText('C’est votre seul tableau : il ne peut pas être supprimé.')).toBeVisible();
  });

  test('an élu switches between their boards and creates none', async ({ page }) => {
    await signIn(page, 'elu');
    await expect(boardTabs(page)).toHaveCount(1);
    await expect(page.getByRole('button', { name: 'Nouveau tableau' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Modifier le tableau' })).toHaveCount(0);
    await expect(page.locator('[data-home-badge]')).toBeVisible();
  });
});

test.describe('edit mode', () => {
  test('handles, resize grips and « Retirer » only while editing; a removal is undone', async ({ page }, testInfo) => {
    await signIn(page, 'agent');
    await waitForSaved(page);
    const widgets = page.locator('[data-widget-kind]');
    const count = await widgets.count();
    expect(count).toBeGreaterThan(2);

    // Calm by default.
    await expect(page.locator('.widget-drag-handle')).toHaveCount(0);
    await expect(page.locator('.react-resizable-handle:visible')).toHaveCount(0);
    await expect(page.getByRole('button', { name: /^Retirer le widget/ })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Ajouter un widget' })).toHaveCount(0);
    await page.screenshot({ path: testInfo.outputPath('desktop.png') });

    await enterEditMode(page);
    await expect(page.locator('.widget-drag-handle')).toHaveCount(count);
    await expect(page.locator('.react-resizable-handle:visible')).toHaveCount(count);
    await expect(page.getByRole('button', { name: /^Retirer le widget/ })).toHaveCount(count);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('edit-mode.png') });

    // Remove the welcome widget: the grid closes the gap; « Annuler » puts it back where it was.
    const welcome = widget(page, 'welcome');
    const place = await box(welcome);
    const title = (await welcome.getByRole('heading').textContent())?.trim() ?? '';
    await welcome.getByRole('button', { name: `Retirer le widget « ${title} »` }).click();
    await expect(welcome).toHaveCount(0);
    await expect(undoToast(page)).toContainText(`Widget « ${title} » retiré.`);
    await expect(page.getByRole('button', { name: 'Annuler', exact: true })).toBeFocused();
    await waitForSaved(page);
    await page.screenshot({ path: testInfo.outputPath('undo.png') });
    await page.keyboard.press('Enter');
    await expect(welcome).toHaveCount(1);
    await expect(undoToast(page)).toHaveCount(0);
    await expect(page.locator('[data-announcer]')).toContainText(`Widget « ${title} » remis à sa place.`);
    await expect(welcome.locator('.widget-drag-handle')).toBeFocused();
    await expect.poll(async () => (await box(welcome)).y).toBeCloseTo(place.y, -1);
    expect((await box(welcome)).x).toBeCloseTo(place.x, -1);
    await waitForSaved(page);
    await page.reload();
    await expect(widget(page, 'welcome')).toHaveCount(1);
    await expect(widgets).toHaveCount(count);

    // The keyboard moves and resizes a widget in edit mode only, with announcements.
    await expect(page.locator('.widget-drag-handle')).toHaveCount(0);
    await enterEditMode(page);
    await widget(page, 'welcome').locator('.widget-drag-handle').focus();
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('[data-announcer]')).toContainText('déplacé');
    await leaveEditMode(page);
    await expect(page.locator('.widget-drag-handle')).toHaveCount(0);
    await expect(page.locator('.react-resizable-handle:visible')).toHaveCount(0);
  });
});

test.describe('a 409 never discards what was typed', () => {
  test('a note typed here is re-applied on the board another tab changed', async ({ browser }) => {
    const context = await browser.newContext();
    const first = await context.newPage();
    await signIn(first, 'admin');
    const boardId = await boardWithNote(first, 'Conflit sans collision');
    await first.goto(`/#/tableau/${boardId}`);
    await expect(first.getByRole('heading', { level: 1 })).toHaveText('Conflit sans collision');
    const second = await context.newPage();
    await second.goto(`/#/tableau/${boardId}`);
    await expect(noteText(second)).toBeVisible();

    // First tab: the welcome widget moves right, saved.
    await enterEditMode(first);
    const before = await box(widget(first, 'welcome'));
    await widget(first, 'welcome').locator('.widget-drag-handle').focus();
    await first.keyboard.press('ArrowRight');
    await expect(first.locator('[data-announcer]')).toContainText('colonne 6');
    await waitForSaved(first);
    const moved = await box(widget(first, 'welcome'));
    expect(moved.x).toBeGreaterThan(before.x + 50);

    // Second tab, still on the older version: a note typed there.
    await noteText(second).fill('Rappeler le service des eaux');
    await expect(second.locator('[data-alert="conflict-merged"]')).toContainText('vos modifications ont été reportées');
    await waitForSaved(second);
    await expect(noteText(second)).toHaveValue('Rappeler le service des eaux');

    // Both changes are on the server.
    await first.reload();
    await expect(noteText(first)).toHaveValue('Rappeler le service des eaux');
    await expect(widget(first, 'welcome')).toBeVisible();
    expect((await box(widget(first, 'welcome'))).x).toBeCloseTo(moved.x, -1);
    await context.close();
  });

  test('the same note typed in two tabs: both versions are shown and the person chooses', async ({
    browser,
  }, testInfo) => {
    const context = await browser.newContext();
    const first = await context.newPage();
    await signIn(first, 'admin');
    const boardId = await boardWithNote(first, 'Conflit sur la note');
    await first.goto(`/#/tableau/${boardId}`);
    await expect(noteText(first)).toBeVisible();
    const second = await context.newPage();
    await second.goto(`/#/tableau/${boardId}`);
    await expect(noteText(second)).toBeVisible();

    await noteText(first).fill('Version du premier onglet');
    await waitForSaved(first);
    await noteText(second).fill('Version du second onglet');

    const dialog = second.getByRole('alertdialog', { name: 'Ce tableau a été modifié ailleurs' });
    await expect(dialog).toBeVisible();
    await expect(dialog.locator('[data-version="mine"]')).toContainText('Version du second onglet');
    await expect(dialog.locator('[data-version="theirs"]')).toContainText('Version du premier onglet');
    await expect(dialog.getByRole('button', { name: 'Garder ma version' })).toBeFocused();
    // What was typed stays on screen meanwhile; Escape does not make the choice.
    await second.keyboard.press('Escape');
    await expect(dialog).toBeVisible();
    await expect(noteText(second)).toHaveValue('Version du second onglet');
    expect(await axeViolations(second)).toEqual([]);
    await second.screenshot({ path: testInfo.outputPath('conflict-dialog.png') });

    await dialog.getByRole('button', { name: 'Garder ma version' }).click();
    await expect(dialog).toBeHidden();
    await waitForSaved(second);
    await first.reload();
    await expect(noteText(first)).toHaveValue('Version du second onglet');
    await context.close();
  });
});

test.describe('tablet and phone', () => {
  test('a tablet shows two columns and a phone one, arranged', async ({ browser }, testInfo) => {
    const tablet = await browser.newPage({ viewport: { width: 820, height: 1180 } });
    await signIn(tablet, 'agent-b');
    await waitForSaved(tablet);
    await expect(tablet.locator('.board-grid')).toHaveAttribute('data-breakpoint', 'sm');
    const grid = await box(tablet.locator('.board-grid'));
    const boxes = await Promise.all((await tablet.locator('[data-widget-kind]').all()).map(async (item) => box(item)));
    expect(boxes.length).toBeGreaterThan(3);
    const columns = new Set(boxes.map((item) => Math.round(item.x - grid.x)));
    // Two columns of half the width each, both used.
    expect(columns.size).toBe(2);
    for (const item of boxes) {
      expect(item.width).toBeLessThan(grid.width / 2);
      expect(item.width).toBeGreaterThan(grid.width / 2 - 40);
    }
    expect(await axeViolations(tablet)).toEqual([]);
    await tablet.screenshot({ path: testInfo.outputPath('tablet.png'), fullPage: true });
    await tablet.close();

    const phone = await browser.newPage({ viewport: { width: 390, height: 844 } });
    await signIn(phone, 'agent-b');
    await waitForSaved(phone);
    await expect(phone.locator('.board-grid')).toHaveAttribute('data-breakpoint', 'xs');
    const phoneGrid = await box(phone.locator('.board-grid'));
    const stacked = await Promise.all((await phone.locator('[data-widget-kind]').all()).map(async (item) => box(item)));
    // One column, each widget the whole width, one under the other.
    for (const item of stacked) {
      expect(item.x).toBeCloseTo(phoneGrid.x, 0);
      expect(item.width).toBeCloseTo(phoneGrid.width, 0);
    }
    const tops = stacked.map((item) => item.y).sort((a, b) => a - b);
    for (let index = 1; index < tops.length; index++) expect(tops[index]).toBeGreaterThan((tops[index - 1] ?? 0) + 50);
    // No page wider than the phone.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect(await axeViolations(phone)).toEqual([]);
    await phone.screenshot({ path: testInfo.outputPath('phone.png') });
    await phone.screenshot({ path: testInfo.outputPath('phone-full.png'), fullPage: true });
    await phone.close();
  });
});
