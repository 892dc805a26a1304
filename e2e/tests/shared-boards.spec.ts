import { expect, test, type Browser, type Page } from '@playwright/test';
import {
  axeViolations,
  box,
  dragWidget,
  enterEditMode,
  leaveEditMode,
  signIn,
  waitForSaved,
  widget,
} from '../support/actions.js';

/**
 * Boards the collectivité prepares (issue 9): an administrator publishes a board to the élus and a
 * template to the agents; the élu reads theirs (and in kiosk mode), the agent customises their
 * copy and merges a new version; locked and restricted widgets; another collectivité sees nothing.
 * Screenshots of the new screens go to test-results/shared-boards/.
 */

const SHOTS = 'test-results/shared-boards';

async function signedIn(browser: Browser, username: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, username);
  return page;
}

async function expectNoAxeViolation(page: Page, what: string): Promise<void> {
  expect(await axeViolations(page), what).toEqual([]);
}

/** The widget settings of the administration's editor, by the widget's title. */
function settingsOf(page: Page, title: string) {
  return page.getByRole('group', { name: title, exact: true });
}

async function addWidget(page: Page, title: string): Promise<void> {
  await page.getByLabel('Widget à ajouter').selectOption({ label: title });
  await page.getByRole('button', { name: 'Ajouter le widget' }).click();
}

async function createBoard(page: Page, kind: 'Modèle' | 'Tableau publié', name: string, audience: string) {
  await page.goto('/#/administration/tableaux');
  await expect(page.getByRole('heading', { level: 1, name: 'Administration — Tableaux partagés' })).toBeVisible();
  await page
    .getByLabel(kind === 'Modèle' ? 'Modèle pour un groupe d’agents' : 'Tableau publié (élus, commission…)')
    .check();
  await page.getByLabel('Nom', { exact: true }).fill(name);
  await page.getByLabel('Public', { exact: true }).fill(audience);
  await page.getByRole('button', { name: 'Créer le tableau' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${kind} « ${name} »` })).toBeVisible();
  return new URL(page.url()).hash.split('/').at(-1) ?? '';
}

async function publish(page: Page, version: number): Promise<void> {
  await page.getByRole('button', { name: `Publier la version ${version}` }).click();
  await expect(page.getByRole('status').filter({ hasText: `Version ${version} publiée.` })).toBeVisible();
}

test.describe('boards prepared by the collectivité', () => {
  test('an administrator publishes a board to the élus; the élu reads it, cannot drag it, opens it in kiosk mode', async ({
    page,
    browser,
  }) => {
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page
      .getByRole('navigation', { name: 'Rubriques de l’administration' })
      .getByRole('link', { name: 'Tableaux partagés' })
      .click();
    await expect(page.getByRole('heading', { name: 'Modèles (0)' })).toBeVisible();
    await expectNoAxeViolation(page, 'list of shared boards');

    const boardId = await createBoard(page, 'Tableau publié', 'Conseil municipal', 'elus');
    await addWidget(page, 'Bienvenue');
    await addWidget(page, 'Notes');
    await settingsOf(page, 'Notes').getByLabel('Texte de la note').fill('Ordre du jour : budget primitif 2027');
    await addWidget(page, 'Notes');
    await settingsOf(page, 'Notes 2').getByLabel('Texte de la note').fill('Documents de la commission des finances');
    await settingsOf(page, 'Notes 2').getByLabel('Réservé aux groupes').fill('commission-finances');
    // What publishing will change, before it is published.
    await expect(
      page.getByText(/^« Notes 2 » ajouté en colonne \d+, ligne \d+ \(réservé aux groupes : commission-finances\)\.$/),
    ).toBeVisible();
    await expectNoAxeViolation(page, 'editor of a shared board');
    await page.screenshot({ path: `${SHOTS}/admin-editor.png`, fullPage: true });
    // Leaving before publishing loses nothing: the draft is there on return.
    await page.getByRole('link', { name: 'Journal' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Administration — Journal' })).toBeVisible();
    await page.goBack();
    await expect(page.getByText('Vos modifications non publiées de ce tableau ont été retrouvées.')).toBeVisible();
    await expect(settingsOf(page, 'Notes 2').getByLabel('Réservé aux groupes')).toHaveValue('commission-finances');
    await publish(page, 2);

    await page.getByRole('link', { name: 'Historique des versions' }).click();
    await expect(page.getByRole('heading', { name: 'Version 2' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Changements de la version 2' })).toContainText(
      '« Bienvenue » ajouté en colonne 1, ligne 1.',
    );
    await expectNoAxeViolation(page, 'history of a shared board');
    await page.screenshot({ path: `${SHOTS}/history.png`, fullPage: true });

    const elu = await signedIn(browser, 'elu');
    await expect(elu.getByRole('heading', { level: 1, name: 'Conseil municipal' })).toBeVisible();
    await expect(elu.getByText('Tableau en lecture seule')).toBeVisible();
    await expect(elu.getByText('Ordre du jour : budget primitif 2027')).toBeVisible();
    // Restricted to a commission the élu is not in: neither in the page nor in the API's answer.
    await expect(elu.getByText('Documents de la commission des finances')).toHaveCount(0);
    const seen = (await (await elu.request.get(`/api/boards/${boardId}`)).json()) as { widgets: { kind: string }[] };
    expect(seen.widgets.map((w) => w.kind)).toEqual(['welcome', 'notes']);
    // No handle to drag with, and a drag on the header moves nothing.
    await expect(elu.locator('.widget-drag-handle')).toHaveCount(0);
    const welcome = widget(elu, 'welcome');
    const before = await box(welcome);
    const header = await box(welcome.locator('.widget-header'));
    await elu.mouse.move(header.x + 20, header.y + 10);
    await elu.mouse.down();
    await elu.mouse.move(header.x + 400, header.y + 300, { steps: 10 });
    await elu.mouse.up();
    expect(await box(welcome)).toEqual(before);

    await elu.getByRole('link', { name: 'Mode kiosque' }).click();
    await expect(elu.getByRole('heading', { level: 1, name: 'Conseil municipal' })).toBeVisible();
    await expect(elu.getByRole('button', { name: 'Se déconnecter' })).toHaveCount(0);
    await expect(elu.getByText('Ordre du jour : budget primitif 2027')).toBeVisible();
    await expect(elu.getByText('Documents de la commission des finances')).toHaveCount(0);
    await expectNoAxeViolation(elu, 'kiosk');
    await elu.screenshot({ path: `${SHOTS}/kiosk.png` });

    // Outside its audience, the kiosk does not open.
    for (const username of ['agent', 'agent-b']) {
      const other = await signedIn(browser, username);
      expect((await other.request.get(`/api/kiosk/${boardId}`)).status(), username).toBe(404);
      await other.goto(`/#/kiosque/${boardId}`);
      await expect(other.getByRole('alert')).toContainText(
        'Ce tableau n’existe pas, ou il n’est pas publié pour vous.',
      );
      await other.context().close();
    }
    await elu.context().close();
  });

  test('an agent gets the template of their group, customises it, and merges a new version keeping their changes', async ({
    page,
    browser,
  }) => {
    await signIn(page, 'admin');
    const templateId = await createBoard(page, 'Modèle', 'Services', 'agents');
    await addWidget(page, 'Bienvenue');
    await settingsOf(page, 'Bienvenue').getByLabel('Verrouillé').check();
    await addWidget(page, 'Notes');
    await settingsOf(page, 'Notes').getByLabel('Texte de la note').fill('Consignes du service');
    await addWidget(page, 'Applications');
    await addWidget(page, 'Notes');
    await settingsOf(page, 'Notes 2').getByLabel('Texte de la note').fill('Réservé aux administrateurs');
    await settingsOf(page, 'Notes 2').getByLabel('Réservé aux groupes').fill('admins-demo-a');
    await publish(page, 2);

    const agent = await signedIn(browser, 'agent');
    await expect(agent.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
    await expect(widget(agent, 'notes').locator('textarea')).toHaveValue('Consignes du service');
    // The restricted widget reaches neither the page nor the API's answer.
    await expect(agent.getByText('Réservé aux administrateurs')).toHaveCount(0);
    const copy = (await (await agent.request.get('/api/boards/current')).json()) as {
      id: string;
      widgets: { kind: string }[];
      lockedWidgetIds: string[];
    };
    expect(copy.widgets.map((w) => w.kind)).toEqual(['welcome', 'notes', 'app-launcher']);
    // Locked: in edit mode, a lock where others have their handle, and no « Retirer ».
    await enterEditMode(agent);
    const locked = widget(agent, 'welcome');
    await expect(locked.locator('.widget-drag-handle')).toHaveCount(0);
    await expect(locked.getByRole('button', { name: /Retirer/ })).toHaveCount(0);
    await expect(locked.locator('.widget-locked')).toBeVisible();

    // The agent's own changes: their note, the launcher removed, the note dragged to its place.
    await widget(agent, 'notes').locator('textarea').fill('Mes notes à moi');
    await widget(agent, 'app-launcher')
      .getByRole('button', { name: /Retirer/ })
      .click();
    await expect(widget(agent, 'app-launcher')).toHaveCount(0);
    await waitForSaved(agent);
    const noteBefore = await box(widget(agent, 'notes'));
    await dragWidget(agent, widget(agent, 'notes'), noteBefore.width + 30, 0);
    await waitForSaved(agent);
    const myNote = await box(widget(agent, 'notes'));
    // Positions are compared to the locked welcome's, which the merge keeps where the template puts it.
    const welcomeThen = await box(widget(agent, 'welcome'));
    expect(myNote.x).toBeGreaterThan(noteBefore.x + 100);
    await leaveEditMode(agent);

    // A new version: the note's text changes, an agenda is added, the locked welcome moves.
    await page.goto(`/#/administration/tableaux/${templateId}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Modèle « Services »' })).toBeVisible();
    await settingsOf(page, 'Notes').getByLabel('Texte de la note').fill('Consignes 2027');
    await addWidget(page, 'Agenda');
    await publish(page, 3);

    await agent.reload();
    const banner = agent.getByRole('region', { name: 'Mise à jour disponible' });
    await expect(banner).toBeVisible();
    await expect(banner).toContainText('Le modèle « Services » de votre tableau a une nouvelle version');
    await banner.getByText('Ce qui change dans le modèle').click();
    await expect(banner.getByRole('listitem').filter({ hasText: '« Agenda » ajouté' })).toBeVisible();
    // Nothing changed under the agent yet.
    await expect(widget(agent, 'agenda')).toHaveCount(0);
    await expect(widget(agent, 'notes').locator('textarea')).toHaveValue('Mes notes à moi');
    await expectNoAxeViolation(agent, 'board with « Mise à jour disponible »');
    await agent.screenshot({ path: `${SHOTS}/update-available.png`, fullPage: true });

    await banner.getByRole('button', { name: 'Intégrer la mise à jour' }).click();
    await expect(banner).toHaveCount(0);
    await expect(widget(agent, 'agenda')).toBeVisible();
    await expect(widget(agent, 'notes').locator('textarea')).toHaveValue('Mes notes à moi');
    await expect(widget(agent, 'app-launcher')).toHaveCount(0);
    await enterEditMode(agent);
    await expect(widget(agent, 'welcome').locator('.widget-locked')).toBeVisible();
    await leaveEditMode(agent);
    const merged = await box(widget(agent, 'notes'));
    const welcomeNow = await box(widget(agent, 'welcome'));
    expect(merged.x - welcomeNow.x).toBeCloseTo(myNote.x - welcomeThen.x, -1);
    expect(merged.y - welcomeNow.y).toBeCloseTo(myNote.y - welcomeThen.y, -1);
    await agent.reload();
    await expect(widget(agent, 'notes').locator('textarea')).toHaveValue('Mes notes à moi');
    await expect(widget(agent, 'agenda')).toBeVisible();
    await expect(agent.getByRole('region', { name: 'Mise à jour disponible' })).toHaveCount(0);
    await agent.screenshot({ path: `${SHOTS}/after-merge.png`, fullPage: true });

    // The locked widget stays: the server refuses its removal, whatever the page sends.
    const current = (await (await agent.request.get('/api/boards/current')).json()) as {
      id: string;
      version: number;
      widgets: { kind: string }[];
    };
    const withoutLocked = await agent.request.put(`/api/boards/${current.id}`, {
      headers: { 'X-Requested-With': 'pleiade' },
      data: { version: current.version, widgets: current.widgets.filter((w) => w.kind !== 'welcome') },
    });
    expect(withoutLocked.status()).toBe(403);
    await agent.context().close();
  });

  test('the audiences and the audit log are for the collectivité’s administrators, and demo-b sees none of it', async ({
    page,
    browser,
  }) => {
    await signIn(page, 'admin');
    await page.goto('/#/administration/publics');
    await expect(page.getByRole('row', { name: /elus/ })).toContainText('Tableau publié « Conseil municipal »');
    await expectNoAxeViolation(page, 'audiences');
    await page.goto('/#/administration/journal');
    await expect(page.getByRole('cell', { name: 'a publié la version 3 du modèle « Services »' })).toBeVisible();
    await expectNoAxeViolation(page, 'audit log');
    await page.screenshot({ path: `${SHOTS}/journal.png`, fullPage: true });
    await page.goto('/#/administration/tableaux');
    await expect(page.getByRole('heading', { name: 'Modèles (1)' })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/admin-list.png`, fullPage: true });

    const agentB = await signedIn(browser, 'agent-b');
    const list = (await (await agentB.request.get('/api/boards')).json()) as {
      boards: { name: string; kind: string }[];
    };
    expect(list.boards.map((board) => board.kind)).not.toContain('published');
    expect(list.boards.map((board) => board.name)).not.toContain('Services');
    expect((await agentB.request.get('/api/admin/boards')).status()).toBe(403);
    await expect(agentB.getByRole('heading', { level: 1, name: /Services|Conseil municipal/ })).toHaveCount(0);
    await agentB.context().close();

    const adminB = await signedIn(browser, 'admin-b');
    await adminB.goto('/#/administration/tableaux');
    await expect(adminB.getByRole('heading', { name: 'Modèles (0)' })).toBeVisible();
    await expect(adminB.getByRole('heading', { name: 'Tableaux publiés (0)' })).toBeVisible();
    await adminB.goto('/#/administration/journal');
    await expect(adminB.getByText('Rien n’a encore été modifié.')).toBeVisible();
    await adminB.context().close();
  });
});
