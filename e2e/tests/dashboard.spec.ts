import { expect, test } from '@playwright/test';
import {
  axeViolations,
  box,
  dragWidget,
  enterEditMode,
  placeOnGrid,
  saveStatus,
  signIn,
  signOut,
  waitForSaved,
  widget,
} from '../support/actions.js';

test.describe('dashboard of an agent', () => {
  test('keeps a dragged widget where it was left, across reload and a new sign-in', async ({ page }) => {
    await signIn(page, 'agent');
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const welcome = widget(page, 'welcome');
    await expect(welcome).toBeVisible();
    await waitForSaved(page);
    await enterEditMode(page);

    const before = await box(welcome);
    // Two grid cells to the right and three rows down (a cell is ~100 px wide at 1280 px, a row ~70 px).
    await dragWidget(page, welcome, before.width + 150, 220);
    await expect(saveStatus(page)).not.toHaveAttribute('data-save-state', 'saved');
    await waitForSaved(page);
    const moved = await box(welcome);
    expect(Math.abs(moved.x - before.x) + Math.abs(moved.y - before.y)).toBeGreaterThan(100);
    const afterDrag = await placeOnGrid(page, welcome);

    await page.reload();
    await expect(welcome).toBeVisible();
    const afterReload = await placeOnGrid(page, welcome);
    expect(afterReload.x).toBeCloseTo(afterDrag.x, -1);
    expect(afterReload.y).toBeCloseTo(afterDrag.y, -1);

    await signOut(page);
    await signIn(page, 'agent');
    await expect(welcome).toBeVisible();
    const afterSignIn = await placeOnGrid(page, welcome);
    expect(afterSignIn.x).toBeCloseTo(afterDrag.x, -1);
    expect(afterSignIn.y).toBeCloseTo(afterDrag.y, -1);
  });

  test('adds a widget from the catalogue, writes a note, removes a widget; all kept after reload', async ({ page }) => {
    await signIn(page, 'agent');
    await waitForSaved(page);
    const notesBefore = await widget(page, 'notes').count();
    await enterEditMode(page);

    await page.getByRole('button', { name: 'Ajouter un widget' }).click();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await dialog
      .locator('li, article, section', { hasText: 'Notes' })
      .getByRole('button', { name: /Ajouter/ })
      .first()
      .click();
    await expect(widget(page, 'notes')).toHaveCount(notesBefore + 1);
    await waitForSaved(page);

    const note = widget(page, 'notes').last();
    const text = `Rappeler la mairie annexe ${Date.now()}`;
    await note.getByRole('textbox').fill(text);
    await waitForSaved(page);

    await page.reload();
    await expect(widget(page, 'notes').last().getByRole('textbox')).toHaveValue(text);
    await enterEditMode(page);

    const launcherTitle = await widget(page, 'app-launcher').first().getByRole('heading').textContent();
    await widget(page, 'app-launcher')
      .first()
      .getByRole('button', { name: `Retirer le widget « ${launcherTitle?.trim()} »` })
      .click();
    await expect(widget(page, 'app-launcher')).toHaveCount(0);
    await waitForSaved(page);
    // The removal stays once its « Annuler » time is over (or its message closed).
    await page.getByRole('button', { name: 'Fermer ce message' }).click();
    await page.reload();
    await expect(widget(page, 'notes').last()).toBeVisible();
    await expect(widget(page, 'app-launcher')).toHaveCount(0);
  });

  test('moves a widget with the keyboard', async ({ page }) => {
    await signIn(page, 'admin');
    const welcome = widget(page, 'welcome');
    await waitForSaved(page);
    await enterEditMode(page);
    const before = await box(welcome);
    await welcome.locator('.widget-drag-handle').focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(page.locator('[data-announcer]')).toContainText('colonne 3');
    await waitForSaved(page);
    const moved = await box(welcome);
    expect(moved.x).toBeGreaterThan(before.x + 100);
    // Shift + arrow resizes.
    await page.keyboard.press('Shift+ArrowDown');
    await waitForSaved(page);
    const resized = await box(welcome);
    expect(resized.height).toBeGreaterThan(moved.height + 30);
    await page.reload();
    await expect(welcome).toBeVisible();
    const reloaded = await box(welcome);
    expect(reloaded.x).toBeCloseTo(resized.x, -1);
    expect(reloaded.height).toBeCloseTo(resized.height, -1);
  });

  test('has no accessibility violation (axe-core, WCAG 2.1 AA)', async ({ page }) => {
    await signIn(page, 'agent');
    await waitForSaved(page);
    await expect(page.locator('[data-widget-kind]').first()).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await enterEditMode(page);
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Ajouter un widget' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
});

test.describe('sign-in pages', () => {
  test('the welcome page and the demo login page are accessible and in French', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    expect(await axeViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'Se connecter' }).first().click();
    await expect(page.locator('#username')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('lang', 'fr');
    expect(await axeViolations(page)).toEqual([]);
  });

  test('a wrong password keeps the person on the login page with a message', async ({ page }) => {
    await page.goto('/auth/login');
    await page.locator('#username').fill('agent');
    await page.locator('#password').fill('pas-le-bon');
    await page.getByRole('button', { name: 'Se connecter' }).click();
    await expect(page.getByRole('alert')).toContainText('incorrect');
  });
});

test.describe('board of an élu', () => {
  test('is read-only', async ({ page }) => {
    await signIn(page, 'elu');
    await expect(page.getByText('Tableau en lecture seule')).toBeVisible();
    await expect(page.getByRole('button', { name: 'Ajouter un widget' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Modifier le tableau' })).toHaveCount(0);
    await expect(page.locator('.widget-drag-handle')).toHaveCount(0);
    await expect(page.getByRole('heading', { name: /Bienvenue|Bonjour/ }).first()).toBeVisible();
  });
});
