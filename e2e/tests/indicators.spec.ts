import { expect, test, type Page } from '@playwright/test';
import { createDb, createLogger, IndicatorScheduler, INDICATOR_SOURCES } from '@pleiade/bff';
import { axeViolations, enterEditMode, signIn, waitForSaved, widget } from '../support/actions.js';

/**
 * Indicators (issue 11): an administrator creates one in the administration; snapshots accumulate
 * as the scheduler takes them month after month (a scheduler of the test on the product's
 * database, its clock moved on, one more agent each month); the Indicateur widget then shows the
 * value, its state in words, the trend in words and the history as a table. Screenshots go to
 * test-results/indicators/.
 */

const SHOTS = 'test-results/indicators';

async function expectNoAxeViolation(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), what).toEqual([]);
}

test('an administrator creates an indicator; its widget shows the value, trend, state and history', async ({
  page,
}) => {
  const databaseUrl = process.env.E2E_DATABASE_URL;
  expect(databaseUrl, 'the global setup gives the product’s database').toBeTruthy();
  const db = createDb(databaseUrl ?? '');
  try {
    await signIn(page, 'admin');
    await page.goto('/#/administration/indicateurs');
    await expect(page.getByRole('heading', { level: 1, name: 'Administration — Indicateurs' })).toBeVisible();
    await expect(page.getByText('Aucun indicateur pour l’instant.')).toBeVisible();
    await page.getByRole('button', { name: 'Nouvel indicateur' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Nouvel indicateur' })).toBeFocused();
    await page.getByLabel('Nom').fill('Agents sur Pléiade');
    await page.getByLabel('Ce qui est compté').selectOption({ label: 'Personnes inscrites sur Pléiade' });
    await page.getByLabel('Qui compter').selectOption({ label: 'Agents' });
    await page.getByLabel('Unité (facultative)').fill('agents');
    await page.getByLabel('Relevé').selectOption({ label: 'Chaque mois' });
    // A word where a number is expected: refused on that field, in French.
    await page.getByLabel('Seuil « à surveiller »').fill('beaucoup');
    await page.getByRole('button', { name: 'Créer l’indicateur' }).click();
    await expect(page.getByRole('alert').filter({ hasText: 'Corrigez les champs signalés.' })).toBeVisible();
    await expect(page.getByLabel('Seuil « à surveiller »')).toHaveAttribute('aria-invalid', 'true');
    await page.getByLabel('Seuil « à surveiller »').fill('2');
    await page.getByLabel('Seuil critique').fill('1');
    await expectNoAxeViolation(page, 'the indicator form');
    await page.screenshot({ path: `${SHOTS}/admin-form.png`, fullPage: true });
    await page.getByRole('button', { name: 'Créer l’indicateur' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Indicateur « Agents sur Pléiade » créé.' })).toBeVisible();
    await expect(page.getByRole('row', { name: /Agents sur Pléiade/ })).toContainText('Chaque mois');
    await expectNoAxeViolation(page, 'the list of indicators');
    await page.screenshot({ path: `${SHOTS}/admin-list.png`, fullPage: true });

    // The widget on the administrator's board, before any snapshot.
    await page.goto('/#/');
    await enterEditMode(page);
    await page.getByRole('button', { name: 'Ajouter un widget' }).click();
    await page.getByRole('button', { name: 'Ajouter « Indicateur »' }).click();
    const indicator = widget(page, 'indicator');
    await indicator.getByLabel('Indicateur affiché').selectOption({ label: 'Agents sur Pléiade' });
    await waitForSaved(page);

    // Three months of snapshots, as the product's scheduler takes them, one more agent each month.
    const { id, collectiviteId } = await db.indicator.findFirstOrThrow({ where: { label: 'Agents sur Pléiade' } });
    const scheduler = new IndicatorScheduler({
      db,
      logger: createLogger('silent'),
      sources: INDICATOR_SOURCES,
      intervalMs: 0,
    });
    const start = Date.now();
    for (let month = 0; month < 3; month += 1) {
      await db.user.create({
        data: {
          collectiviteId,
          issuer: 'https://e2e.test',
          subject: `e2e-agent-${month}`,
          displayName: `Agent ${month}`,
          role: 'AGENT',
        },
      });
      // The product's own scheduler may have taken this month already: one snapshot either way.
      await scheduler.tick(new Date(start + (month * 31 + 1) * 86_400_000));
    }
    const snapshots = await db.indicatorSnapshot.findMany({
      where: { indicatorId: id },
      orderBy: { periodStart: 'asc' },
    });
    expect(snapshots.length).toBeGreaterThanOrEqual(3);
    const [previous, last] = snapshots.slice(-2).map((snapshot) => snapshot.value);

    await page.reload();
    await expect(indicator.getByRole('heading', { name: 'Agents sur Pléiade' })).toBeVisible();
    await expect(indicator.locator('.indicator-number')).toHaveText(`${last}\u00a0agents`);
    await expect(indicator.getByText(/^État : (Bon|À surveiller|Critique)$/)).toBeVisible();
    const percent = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 }).format(
      (((last ?? 0) - (previous ?? 0)) / (previous ?? 1)) * 100,
    );
    await expect(indicator.getByText(`En hausse de ${percent}\u00a0% par rapport au mois précédent`)).toBeVisible();
    await expect(indicator.getByRole('img', { name: /^Évolution sur \d+ périodes/ })).toBeVisible();
    // The table alternative of the sparkline, opened from the keyboard.
    const toggle = indicator.getByRole('button', { name: 'Voir l’historique en tableau' });
    await toggle.focus();
    await page.keyboard.press('Enter');
    const table = indicator.getByRole('table', { name: 'Historique de « Agents sur Pléiade »' });
    await expect(table).toBeVisible();
    await expect(table.getByRole('row')).toHaveCount(snapshots.length + 1);
    await expect(table.getByRole('row').nth(1)).toContainText(`${last}\u00a0agents`);
    await expectNoAxeViolation(page, 'the board with the Indicateur widget');
    await indicator.screenshot({ path: `${SHOTS}/widget.png` });
  } finally {
    await db.$disconnect();
  }
});
