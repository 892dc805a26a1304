import { expect, test, type Page } from '@playwright/test';
import { DEMO_USERS, type SimUser } from '@pleiade/simulators';
import { apiCall, axeViolations, boardTabs, signIn, widget } from '../support/actions.js';

// « À traiter » with the demo applications (global-setup.ts): flagged or high-priority unread mail
// (Zimbra), Nextcloud notifications and Matrix mentions of the signed-in person, in one list.

function demoUser(username: string): SimUser {
  const user = DEMO_USERS.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

/** The importantly flagged unread mail of a demo person: what « À traiter » must show of Zimbra. */
function importantMail(username: string): string[] {
  return demoUser(username)
    .zimbra.messages.filter((message) => message.unread && (message.flagged || message.highPriority))
    .map((message) => message.subject);
}

async function openTodo(page: Page): Promise<void> {
  const link = page.getByRole('navigation', { name: 'Espaces' }).getByRole('link', { name: /^À traiter/ });
  // The count arrives with the stream, in the link and in the tab's title.
  await expect(link).toHaveAccessibleName(/À traiter : \d+ éléments?/);
  await link.click();
  await expect(page.getByRole('heading', { level: 1, name: 'À traiter' })).toBeVisible();
  await expect(page).toHaveURL(/#\/a-traiter$/);
}

test.describe('« À traiter »', () => {
  test('an agent sees their items from every application, filters them, by keyboard too', async ({ page }) => {
    await signIn(page, 'agent');
    await openTodo(page);
    const list = page.getByRole('list', { name: 'Éléments à traiter' });
    for (const subject of importantMail('agent')) await expect(list.getByRole('link', { name: subject })).toBeVisible();
    const notification = demoUser('agent').nextcloud.notifications[0]?.subject ?? '';
    await expect(list.getByRole('link', { name: notification })).toBeVisible();
    // Every source answered: none is still loading.
    const sources = page.getByRole('list', { name: 'État des applications' });
    await expect(sources).not.toContainText('chargement');
    await expect(page).toHaveTitle(/^\(\d+\) À traiter – Pléiade$/);
    // Another person's items never show.
    for (const subject of importantMail('elu')) await expect(list.getByRole('link', { name: subject })).toHaveCount(0);

    // Filter on the mail only, with the keyboard.
    const mailFilter = page.getByRole('button', { name: /^Messagerie[^(]* \(\d+\)$/ });
    await mailFilter.focus();
    await page.keyboard.press('Enter');
    await expect(mailFilter).toHaveAttribute('aria-pressed', 'true');
    await expect(list.getByRole('listitem')).toHaveCount(importantMail('agent').length);
    await expect(list.getByRole('link', { name: notification })).toHaveCount(0);
    await page.getByRole('button', { name: /^Toutes/ }).click();
    await expect(list.getByRole('link', { name: notification })).toBeVisible();

    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('a-traiter-agent.png'), fullPage: true });
  });

  test('the « À traiter » widget shows the most urgent items and leads to the page', async ({ page }) => {
    await signIn(page, 'agent');
    // A board of its own, so that the agent's template copy (and its locked widgets) stays as it is.
    const name = 'À traiter (essai)';
    const created = (await apiCall(page, 'POST', '/api/boards', { name })) as { id: string; version: number };
    try {
      await apiCall(page, 'PUT', `/api/boards/${created.id}`, {
        version: created.version,
        widgets: [
          {
            id: crypto.randomUUID(),
            kind: 'todo',
            options: {},
            layout: { lg: { x: 0, y: 0, w: 4, h: 6 } },
          },
        ],
      });
      await page.reload();
      await boardTabs(page).filter({ hasText: name }).click();
      const todo = widget(page, 'todo');
      // The most urgent first (late folders, errors…), whichever applications they come from.
      const urgent = todo.getByRole('list', { name: 'Les plus urgents' }).getByRole('listitem');
      await expect(urgent.first()).toContainText('Urgent');
      expect(await axeViolations(page)).toEqual([]);
      await page.screenshot({ path: test.info().outputPath('a-traiter-widget.png'), fullPage: true });
      await todo.getByRole('link', { name: /^Tout voir/ }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'À traiter' })).toBeVisible();
      await expect(page.getByRole('main')).toContainText(importantMail('agent')[0] ?? '');
    } finally {
      await apiCall(page, 'DELETE', `/api/boards/${created.id}`);
    }
  });

  test('an élu sees their own items, not the agent’s', async ({ page }) => {
    await signIn(page, 'elu');
    await openTodo(page);
    const list = page.getByRole('list', { name: 'Éléments à traiter' });
    for (const subject of importantMail('elu')) await expect(list.getByRole('link', { name: subject })).toBeVisible();
    await expect(page.getByRole('list', { name: 'État des applications' })).not.toContainText('chargement');
    for (const subject of importantMail('agent'))
      await expect(list.getByRole('link', { name: subject })).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('a-traiter-elu.png'), fullPage: true });
  });
});
