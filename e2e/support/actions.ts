import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { expect, type Locator, type Page } from '@playwright/test';

export const DEMO_PASSWORD = 'demo';

/** Signs in through the demo IdP's own login page, as a person would. */
export async function signIn(page: Page, username: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/');
  await page.getByRole('link', { name: 'Se connecter' }).first().click();
  await page.locator('#username').fill(username);
  await page.locator('#password').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' }).first()).toBeVisible();
}

/** « Modifier le tableau »: handles, resize grips and « Retirer » appear. */
export async function enterEditMode(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Modifier le tableau' }).click();
  await expect(page.getByRole('button', { name: 'Terminer les modifications' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
}

export async function leaveEditMode(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Terminer les modifications' }).click();
  await expect(page.getByRole('button', { name: 'Modifier le tableau' })).toHaveAttribute('aria-pressed', 'false');
}

export function boardTabs(page: Page): Locator {
  return page.getByRole('tablist', { name: 'Vos tableaux' }).getByRole('tab');
}

/** The « Annuler » message of the last removal or deletion. */
export function undoToast(page: Page): Locator {
  return page.locator('[data-undo-toast]');
}

/**
 * A call to the API from the signed-in page's session, as the SPA makes it (the anti-CSRF header,
 * a same-origin Origin): to set up a test's board without going through every screen.
 */
export async function apiCall(page: Page, method: string, path: string, body?: unknown): Promise<unknown> {
  const origin = new URL(page.url()).origin;
  const response = await page.request.fetch(path, {
    method,
    headers: { 'X-Requested-With': 'pleiade', Origin: origin, 'Content-Type': 'application/json' },
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  expect(response.ok(), `${method} ${path}: ${response.status()}`).toBe(true);
  return response.status() === 204 ? undefined : response.json();
}

export function widget(page: Page, kind: string): Locator {
  return page.locator(`[data-widget-kind="${kind}"]`);
}

export function saveStatus(page: Page): Locator {
  return page.locator('[data-save-state]');
}

export async function waitForSaved(page: Page): Promise<void> {
  await expect(saveStatus(page)).toHaveAttribute('data-save-state', 'saved');
}

/** Drags a widget by its handle with the mouse, in small steps as a hand would. */
export async function dragWidget(page: Page, target: Locator, dx: number, dy: number): Promise<void> {
  const handle = target.locator('.widget-drag-handle');
  const box = await handle.boundingBox();
  if (!box) throw new Error('drag handle not visible');
  const startX = box.x + box.width / 2;
  const startY = box.y + box.height / 2;
  await page.mouse.move(startX, startY);
  await page.mouse.down();
  await page.mouse.move(startX + 5, startY + 5, { steps: 2 });
  await page.mouse.move(startX + dx, startY + dy, { steps: 15 });
  await page.mouse.up();
}

export async function box(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const value = await locator.boundingBox();
  if (!value) throw new Error('element not visible');
  return value;
}

/** Where a widget is on the grid (the edit mode's bar above the grid moves the grid, not this). */
export async function placeOnGrid(page: Page, target: Locator): Promise<{ x: number; y: number }> {
  const grid = await box(page.locator('.board-grid'));
  const item = await box(target);
  return { x: item.x - grid.x, y: item.y - grid.y };
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[] }[];
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.1 A and AA rules) in the page and returns its violations. */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol: the pages' CSP (rightly) blocks injected <script> tags.
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] },
    });
    return result.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      nodes: violation.nodes.map((node) => ({ target: node.target })),
    }));
  });
}
