import { randomUUID } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { DEMAT_DEMO_DATA } from '@pleiade/simulators';
import { apiCall, axeViolations, signIn, waitForSaved, widget } from '../support/actions.js';

// The dematerialisation chain as the demo start connects it (DEMO_APPLICATIONS=1, global-setup.ts):
// i-Parapheur with each person's own password, S²low, i-delibRE and Pastell with the collectivité's
// technical accounts, against their simulators.

interface SavedBoard {
  id: string;
  version: number;
  widgets: { id: string; kind: string; options: object; layout: object }[];
}

function iparapheurPassword(username: string): string {
  const account = DEMAT_DEMO_DATA.iparapheur.accounts.find((candidate) => candidate.username === username);
  if (!account) throw new Error(`no i-Parapheur demo account ${username}`);
  return account.password;
}

/** Forgets the person's i-Parapheur password, so that the test links it through the widget. */
async function unlinkParapheur(page: Page): Promise<void> {
  const { connectors } = (await apiCall(page, 'GET', '/api/me/connectors')) as {
    connectors: { id: string; kind: string; personalCredential?: { set: boolean } }[];
  };
  const parapheur = connectors.find((connector) => connector.kind === 'iparapheur');
  if (parapheur?.personalCredential?.set) {
    await apiCall(page, 'DELETE', `/api/me/connectors/${parapheur.id}/credential`);
    await page.reload();
  }
}

/** Links the person's i-Parapheur account from the widget's form, as they would. */
async function linkParapheur(page: Page, username: string): Promise<void> {
  const parapheur = widget(page, 'parapheur');
  await expect(parapheur.getByRole('heading', { name: 'Relier mon compte Parapheur' })).toBeVisible();
  await expect(parapheur.getByText('Le mot de passe avec lequel vous vous connectez à i-Parapheur')).toBeVisible();
  await parapheur.getByLabel('Mot de passe i-Parapheur').fill(iparapheurPassword(username));
  await parapheur.getByRole('button', { name: 'Relier mon compte' }).click();
  await expect(parapheur.getByText(/dossiers? à traiter/).first()).toBeVisible();
}

test.describe('dematerialisation', () => {
  test('an élu sees their sittings, convocations and folders to sign', async ({ page }, testInfo) => {
    await signIn(page, 'elu');
    await unlinkParapheur(page);
    const seances = widget(page, 'seances');
    await expect(seances.getByText('1 convocation à lire')).toBeVisible();
    await expect(seances.getByText('1 présence à confirmer')).toBeVisible();
    const sittings = seances.getByRole('list', { name: 'Prochaines séances' }).getByRole('listitem');
    await expect(sittings).toHaveCount(2);
    await expect(sittings.nth(0)).toContainText('Commission urbanisme');
    await expect(sittings.nth(0)).toContainText('Présence à confirmer');
    await expect(sittings.nth(1)).toContainText('Conseil municipal');
    await expect(sittings.nth(1)).toContainText('Convocation à lire');
    await expect(seances.getByRole('link', { name: /Ouvrir les séances/ })).toBeVisible();

    await linkParapheur(page, 'elu');
    const parapheur = widget(page, 'parapheur');
    const folders = parapheur.getByRole('list', { name: 'Dossiers à traiter' });
    await expect(folders.getByRole('link', { name: /Arrêté de voirie — Rue des Écoles/ })).toBeVisible();
    await expect(folders.getByText('En retard')).toBeVisible();
    // Another desk's folders never reach the élu.
    await expect(parapheur.getByText('Bon de commande — Fournitures scolaires')).toHaveCount(0);
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('elu-board.png'), fullPage: true });
  });

  test('an agent follows the parapheur, the télétransmission and Pastell, within their collectivité', async ({
    page,
  }, testInfo) => {
    await signIn(page, 'agent');
    const board = (await apiCall(page, 'GET', '/api/boards/current')) as SavedBoard;
    await apiCall(page, 'PUT', `/api/boards/${board.id}`, {
      version: board.version,
      widgets: [
        { kind: 'parapheur', options: {} },
        { kind: 'teletransmission', options: {} },
        { kind: 'pastell', options: {} },
      ].map((item, index) => ({
        ...item,
        id: randomUUID(),
        layout: { lg: { x: index * 4, y: 0, w: 4, h: 8 } },
      })),
    });
    await page.reload();
    await unlinkParapheur(page);

    const teletransmission = widget(page, 'teletransmission');
    await expect(teletransmission.getByRole('list', { name: 'Actes en erreur' })).toBeVisible();
    await expect(
      teletransmission.getByRole('link', { name: /Nomination d’un agent de police municipale/ }),
    ).toBeVisible();
    await expect(teletransmission.getByRole('link', { name: /Schéma de mutualisation des services/ })).toHaveCount(0);
    await expect(teletransmission.getByLabel('Période')).toHaveValue('30');

    const pastell = widget(page, 'pastell');
    await expect(pastell.getByRole('link', { name: /Arrêté de circulation — Marché de Noël/ })).toBeVisible();
    const entity = pastell.getByLabel('Entité');
    // Only the entities of the agent's collectivité are offered.
    await expect(entity.getByRole('option')).toHaveText([
      'Commune de démonstration A',
      'CCAS de la commune de démonstration A',
    ]);
    await entity.selectOption({ label: 'CCAS de la commune de démonstration A' });
    await waitForSaved(page);
    await expect(pastell.getByRole('link', { name: /Attribution des aides sociales facultatives/ })).toBeVisible();
    await expect(pastell.getByText('Arrêté de circulation — Marché de Noël')).toHaveCount(0);

    await linkParapheur(page, 'agent');
    await expect(widget(page, 'parapheur').getByRole('list', { name: 'Vos bureaux' })).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('agent-board.png'), fullPage: true });

    // Another collectivité's entity, named by hand in the board: the server refuses it.
    const saved = (await apiCall(page, 'GET', '/api/boards/current')) as SavedBoard;
    const pastellId = saved.widgets.find((item) => item.kind === 'pastell')?.id;
    const edited = (await apiCall(page, 'PUT', `/api/boards/${saved.id}`, {
      version: saved.version,
      widgets: saved.widgets.map(({ id, kind, options, layout }) => ({
        id,
        kind,
        layout,
        options: id === pastellId ? { entityId: '3' } : options,
      })),
    })) as SavedBoard;
    const refused = await page.request.get(`/api/widgets/${pastellId}/data`);
    expect(refused.status()).toBe(403);
    // The agent's board as it was, for the specs that follow.
    await apiCall(page, 'PUT', `/api/boards/${board.id}`, {
      version: edited.version,
      widgets: board.widgets.map(({ id, kind, options, layout }) => ({ id, kind, options, layout })),
    });
  });

  test('the administration offers what each dematerialisation application needs', async ({ page }, testInfo) => {
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    // The demo's S²low: its certificate and key are stored, never shown again.
    const card = page.getByRole('article', { name: 'Télétransmission (S²low)' });
    await expect(card.getByText(/Certificat client \(PEM\), Clé privée du certificat \(PEM\)/)).toBeVisible();
    await expect(card.getByText('BEGIN')).toHaveCount(0);
    await page.getByRole('button', { name: 'Ajouter une application' }).click();
    const form = page.getByRole('form', { name: 'Ajouter une application' });
    await form.getByLabel('Application', { exact: true }).selectOption({ label: 'S²low (télétransmission)' });
    await expect(form.getByRole('radio', { name: 'Compte de service' })).toBeChecked();
    // A certificate is typed on several lines; the passphrase stays masked.
    await expect(form.getByLabel('Certificat client (PEM)', { exact: true })).toHaveJSProperty('tagName', 'TEXTAREA');
    await expect(form.getByLabel('Clé privée du certificat (PEM)', { exact: true })).toHaveJSProperty(
      'tagName',
      'TEXTAREA',
    );
    await expect(form.getByLabel('Phrase de passe de la clé (facultatif)', { exact: true })).toHaveAttribute(
      'type',
      'password',
    );
    await form.getByLabel('Application', { exact: true }).selectOption({ label: 'Pastell' });
    await expect(form.getByLabel('Entités Pastell de la collectivité')).toBeVisible();
    await form.getByLabel('Application', { exact: true }).selectOption({ label: 'i-Parapheur' });
    const version = form.getByRole('group', { name: 'Version d’i-Parapheur' });
    await expect(version.getByRole('radio', { name: 'Version 5' })).toBeChecked();
    await expect(version.getByRole('radio', { name: 'Version 4' })).not.toBeChecked();
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: testInfo.outputPath('admin-demat.png'), fullPage: true });
  });
});
