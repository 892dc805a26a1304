import { expect, test, type Browser, type Page } from '@playwright/test';
import { axeViolations, signIn } from '../support/actions.js';

/**
 * Announcements (issue 11): an administrator publishes an urgent banner for the élus, with its
 * preview; an élu sees it above their board and closes it; an agent, not in the group, never sees
 * it. The administration and the boards stay axe-clean. Screenshots go to test-results/announcements/.
 */

const SHOTS = 'test-results/announcements';

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

test('an announcement for a group reaches its members only', async ({ browser }) => {
  const title = `Coupure du réseau ce soir ${Date.now()}`;
  const admin = await signedIn(browser, 'admin');
  await admin.goto('/#/administration/annonces');
  await expect(admin.getByRole('heading', { level: 1, name: 'Administration — Annonces' })).toBeVisible();
  await admin.getByRole('button', { name: 'Nouvelle annonce' }).click();
  await admin.getByLabel('Titre', { exact: true }).fill(title);
  await admin.getByLabel('Texte (facultatif)').fill('Le réseau sera coupé de 20 h à 22 h pour maintenance.');
  await admin.getByRole('radio', { name: 'Urgent' }).check();
  await admin.getByRole('radio', { name: 'Bandeau au-dessus du tableau' }).check();
  await admin.getByLabel('Groupes destinataires').fill('elus');
  const preview = admin.getByRole('group', { name: 'Aperçu' });
  await expect(preview).toContainText(title);
  await expect(preview).toContainText('Urgent');
  expect(await axeViolations(admin), 'the form and its preview').toEqual([]);
  await admin.screenshot({ path: `${SHOTS}/admin-form.png`, fullPage: true });
  await admin.getByRole('button', { name: 'Publier' }).click();
  const card = admin.getByRole('listitem').filter({ has: admin.getByRole('heading', { name: title }) });
  await expect(card).toContainText('En cours de diffusion');
  await expect(card).toContainText('elus');
  expect(await axeViolations(admin), 'the list').toEqual([]);
  await admin.screenshot({ path: `${SHOTS}/admin-list.png`, fullPage: true });

  // A member of the group: the banner above the board, with its severity in words.
  const elu = await signedIn(browser, 'elu');
  const banners = elu.getByRole('region', { name: 'Annonces de votre collectivité' });
  const banner = banners.getByRole('note').filter({ hasText: title });
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Urgent');
  await expect(banner).toContainText('de 20 h à 22 h');
  expect(await axeViolations(elu), 'the élu’s board with the banner').toEqual([]);
  await elu.screenshot({ path: `${SHOTS}/elu-banner.png` });
  await banner.getByRole('button', { name: `Fermer le bandeau « ${title} »` }).click();
  await expect(banner).toHaveCount(0);
  await elu.reload();
  await expect(elu.getByRole('button', { name: 'Se déconnecter' })).toBeVisible();
  await expect(elu.getByText(title)).toHaveCount(0);

  // Not in the group: nothing, on the board nor in the « Annonces » widget.
  const agent = await signedIn(browser, 'agent');
  await expect(agent.getByRole('tabpanel')).toBeVisible();
  await expect(agent.getByText(title)).toHaveCount(0);
  const response = await agent.request.get('/api/announcements');
  expect(JSON.stringify(await response.json())).not.toContain(title);
  expect(await axeViolations(agent), 'the agent’s board').toEqual([]);
  await agent.screenshot({ path: `${SHOTS}/agent-board.png`, fullPage: true });

  // Clean up: other specs' boards stay as they were.
  await admin.getByRole('button', { name: `Supprimer l’annonce « ${title} »` }).click();
  await admin
    .getByRole('group', { name: 'Confirmer la suppression' })
    .getByRole('button', { name: 'Supprimer' })
    .click();
  await expect(admin.getByRole('heading', { name: title })).toHaveCount(0);
});
