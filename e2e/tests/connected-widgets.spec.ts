import { randomBytes, randomUUID } from 'node:crypto';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { DEMO_USERS, startSimulators, withHostileText, type SimUser, type Simulators } from '@pleiade/simulators';
import { axeViolations, signIn, widget } from '../support/actions.js';
import { XSS_PAYLOADS } from '../support/xss-payloads.js';

// The product under test runs the demo applications (DEMO_APPLICATIONS=1, see global-setup.ts):
// simulators of Zimbra, Nextcloud, Matrix and Jitsi connected to demo-a and demo-b. Tests that need
// hostile or failing upstreams start their own simulators and connect them as an administrator would.

const MUTATION = { 'x-requested-with': 'pleiade', 'content-type': 'application/json' };

function demoUser(username: string): SimUser {
  const user = DEMO_USERS.find((candidate) => candidate.username === username);
  if (!user) throw new Error(`no demo user ${username}`);
  return user;
}

async function apiJson<T>(request: APIRequestContext, method: string, url: string, body?: unknown): Promise<T> {
  const response = await request.fetch(url, {
    method,
    headers: method === 'GET' ? { accept: 'application/json' } : MUTATION,
    ...(body === undefined ? {} : { data: JSON.stringify(body) }),
  });
  const text = await response.text();
  expect(response.ok(), `${method} ${url}: ${response.status()} ${text}`).toBe(true);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface PlacedWidget {
  id: string;
  kind: string;
  options: Record<string, unknown>;
}

/** Replaces the signed-in person's board with these widgets (three per row). */
async function putBoard(page: Page, widgets: PlacedWidget[]): Promise<void> {
  const board = await apiJson<{ id: string; version: number }>(page.request, 'GET', '/api/boards/current');
  await apiJson(page.request, 'PUT', `/api/boards/${board.id}`, {
    version: board.version,
    widgets: widgets.map((item, index) => ({
      ...item,
      layout: { lg: { x: (index % 3) * 4, y: Math.floor(index / 3) * 6, w: 4, h: 6 } },
    })),
  });
}

/**
 * Creates (or re-points) a connector of demo-a as the installation's operator would (the only one
 * who may allow-list the simulators' loopback address); answers its id.
 */
async function upsertConnector(operator: Page, body: Record<string, unknown>): Promise<string> {
  const admin = operator;
  const { connectors } = await apiJson<{ connectors: { id: string; label: string }[] }>(
    admin.request,
    'GET',
    '/api/admin/connectors',
  );
  const existing = connectors.find((connector) => connector.label === body.label);
  const fields: Record<string, unknown> = { allowPrivateNetworks: ['127.0.0.1/32'], ...body };
  if (existing) {
    // The kind of a connector never changes: an update leaves it out.
    const update = Object.fromEntries(Object.entries(fields).filter(([name]) => name !== 'kind'));
    await apiJson(admin.request, 'PUT', `/api/admin/connectors/${existing.id}`, update);
    return existing.id;
  }
  return (await apiJson<{ id: string }>(admin.request, 'POST', '/api/admin/connectors', fields)).id;
}

test.describe('connected widgets', () => {
  test('show each agent their own mail, agenda, notifications and conversations', async ({ page, browser }) => {
    await signIn(page, 'agent');
    const mail = widget(page, 'mail');
    await expect(mail.getByText('Dossier de mariage Dupont – pièces manquantes')).toBeVisible();
    await expect(mail.getByText(/\d+ messages? non lus?/)).toBeVisible();
    await expect(widget(page, 'agenda').getByRole('link', { name: /^Réunion de service \(visio\)/ })).toBeVisible();
    await expect(
      widget(page, 'nextcloud-notifications').getByText('Nouveau fichier partagé : Budget 2027.xlsx'),
    ).toBeVisible();
    await expect(widget(page, 'chat').getByRole('link', { name: /Équipe accueil/ })).toBeVisible();
    // Deep links open the application, in a new tab, over http(s) only.
    const links = await page
      .locator('[data-widget-kind] a[href]')
      .evaluateAll((nodes) =>
        nodes.map((node) => ({ href: node.getAttribute('href') ?? '', target: node.getAttribute('target') })),
      );
    expect(links.length).toBeGreaterThan(5);
    for (const link of links) expect(link.href).toMatch(/^https?:\/\//);
    await page.screenshot({ path: test.info().outputPath('agent-connected-widgets.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);

    const other = await browser.newPage();
    await signIn(other, 'agent-b');
    await expect(widget(other, 'mail').getByText('Vigilance orange neige et verglas')).toBeVisible();
    await expect(
      widget(other, 'nextcloud-notifications')
        .getByText(/Planning déneigement/)
        .first(),
    ).toBeVisible();
    await expect(other.getByText('Dossier de mariage Dupont')).toHaveCount(0);
    await expect(other.getByText('Budget 2027.xlsx')).toHaveCount(0);
    await other.close();
  });

  test('links a personal Matrix token from the widget, then unlinks it', async ({ page }) => {
    await signIn(page, 'agent-b');
    const chat = widget(page, 'chat');
    await expect(chat.getByRole('heading', { name: 'Relier mon compte Messagerie instantanée' })).toBeVisible();
    // Empty: a French message on the field, nothing sent.
    await chat.getByRole('button', { name: 'Relier mon compte' }).click();
    await expect(chat.getByRole('alert')).toBeVisible();
    await chat.getByLabel('Jeton d’accès').fill(demoUser('agent-b').matrix.accessToken);
    await chat.getByRole('button', { name: 'Relier mon compte' }).click();
    await expect(chat.getByText(/conversations? non lues?/)).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);

    page.once('dialog', (dialog) => void dialog.accept());
    await chat.getByRole('button', { name: /Délier mon compte/ }).click();
    await expect(chat.getByRole('heading', { name: 'Relier mon compte Messagerie instantanée' })).toBeVisible();
  });

  test('starts a visio in a new tab, with a JWT the collectivité’s Jitsi accepts', async ({ page, context }) => {
    await signIn(page, 'agent');
    const visio = widget(page, 'visio');
    await visio.getByLabel('Nom de la salle (facultatif)').fill('a b');
    await visio.getByRole('button', { name: 'Démarrer une visio' }).click();
    await expect(visio.getByRole('alert')).toBeVisible();
    const roomName = `point-${randomBytes(3).toString('hex')}`;
    await visio.getByLabel('Nom de la salle (facultatif)').fill(roomName);
    const [tab] = await Promise.all([
      context.waitForEvent('page'),
      visio.getByRole('button', { name: 'Démarrer une visio' }).click(),
    ]);
    await tab.waitForURL(new RegExp(`/${roomName}\\?jwt=`));
    await expect(tab.getByRole('heading', { name: `Visio ${roomName}` })).toBeVisible();
    await tab.close();
  });

  test.describe('with upstreams of our own', () => {
    let sims: Simulators | undefined;
    const preauthKey = randomBytes(32).toString('hex');
    test.afterEach(async () => {
      await sims?.close();
      sims = undefined;
    });

    test('render 50 hostile texts from every application as plain text, running none', async ({ page, browser }) => {
      test.setTimeout(180_000);
      // The operator's identity with the agent's data (whose agenda always has events ahead).
      const operateur = demoUser('operateur');
      const agentData = demoUser('agent');
      const seed: SimUser = {
        ...agentData,
        username: operateur.username,
        displayName: operateur.displayName,
        email: operateur.email,
        nextcloud: { ...agentData.nextcloud, appPassword: operateur.nextcloud.appPassword, bearerTokens: [] },
        matrix: { ...agentData.matrix, userId: operateur.matrix.userId, accessToken: operateur.matrix.accessToken },
      };
      const admin = await browser.newPage();
      await signIn(admin, 'operateur');
      await signIn(page, 'operateur');
      const dialogs: string[] = [];
      page.on('dialog', (dialog) => {
        dialogs.push(dialog.message());
        void dialog.dismiss();
      });
      const ids = { zimbra: '', nextcloud: '', matrix: '' };
      const widgets = () => [
        { id: randomUUID(), kind: 'mail', options: { connectorId: ids.zimbra } },
        { id: randomUUID(), kind: 'agenda', options: { connectorId: ids.zimbra } },
        { id: randomUUID(), kind: 'nextcloud-notifications', options: { connectorId: ids.nextcloud } },
        { id: randomUUID(), kind: 'nextcloud-files', options: { connectorId: ids.nextcloud } },
        {
          id: randomUUID(),
          kind: 'nextcloud-dashboard',
          options: { connectorId: ids.nextcloud, dashboardWidget: 'recommendations' },
        },
        { id: randomUUID(), kind: 'chat', options: { connectorId: ids.matrix } },
      ];
      // Five payloads per round, so each lands in a text the widgets show (they show the latest few items).
      for (let round = 0; round * 5 < XSS_PAYLOADS.length; round += 1) {
        const payloads = XSS_PAYLOADS.slice(round * 5, round * 5 + 5);
        await sims?.close();
        sims = await startSimulators({
          users: withHostileText([seed], { payloads, mode: 'replace' }),
          zimbraPreauthKeys: { 'demo-a.pleiade.test': preauthKey },
        });
        ids.zimbra = await upsertConnector(admin, {
          kind: 'zimbra',
          label: 'Zimbra (hostile)',
          baseUrl: sims.urls.zimbra,
          authMode: 'zimbra_preauth',
          secrets: { preauthKey },
        });
        ids.nextcloud = await upsertConnector(admin, {
          kind: 'nextcloud',
          label: 'Nextcloud (hostile)',
          baseUrl: sims.urls.nextcloud,
          authMode: 'service_account',
          secrets: { username: operateur.username, password: operateur.nextcloud.appPassword },
        });
        ids.matrix = await upsertConnector(admin, {
          kind: 'matrix',
          label: 'Matrix (hostile)',
          baseUrl: sims.urls.matrix,
          authMode: 'personal_secret',
        });
        await apiJson(page.request, 'PUT', `/api/me/connectors/${ids.matrix}/credential`, {
          secret: operateur.matrix.accessToken,
        });
        await putBoard(page, widgets());
        await page.reload();
        const board = page.locator('.board, main');
        for (const kind of [
          'mail',
          'agenda',
          'nextcloud-notifications',
          'nextcloud-files',
          'nextcloud-dashboard',
          'chat',
        ]) {
          await expect(widget(page, kind).locator('.cw-list').first()).toBeVisible();
        }
        const text = (await board.first().innerText()).replace(/\s+/g, ' ');
        for (const payload of payloads) {
          const shown = [payload, payload.replaceAll('/', '')].some((variant) =>
            text.includes(variant.replace(/\s+/g, ' ')),
          );
          expect(shown, `payload shown as text: ${payload}`).toBe(true);
        }
        // Nothing the payloads carry became an element (the widgets render none of these tags), no
        // element has an event-handler attribute, and no link took their script URLs.
        const injected = await page.locator('[data-widget-kind] .widget-body').evaluateAll((widgets) =>
          widgets.flatMap((root) =>
            Array.from(root.querySelectorAll('*'))
              .filter(
                (element) =>
                  /^(script|img|svg|iframe|object|embed|video|audio|source|marquee|details|math|style|link|meta|base|textarea|x)$/i.test(
                    element.tagName,
                  ) || Array.from(element.attributes).some((attribute) => /^on/i.test(attribute.name)),
              )
              .map((element) => element.outerHTML.slice(0, 120)),
          ),
        );
        expect(injected).toEqual([]);
        const hrefs = await page
          .locator('[data-widget-kind] a')
          .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('href')));
        for (const href of hrefs) if (href !== null) expect(href).toMatch(/^https?:\/\//);
        expect(await page.evaluate(() => (window as unknown as { xss?: unknown }).xss)).toBeUndefined();
      }
      expect(dialogs).toEqual([]);
      await admin.close();
    });

    test('one hanging, failing or garbled application degrades only its own widget', async ({ page, browser }) => {
      test.setTimeout(120_000);
      const admin = await browser.newPage();
      await signIn(admin, 'operateur');
      const faults = ['hang', 'http500', 'garbage'] as const;
      const started = await Promise.all(faults.map(() => startSimulators()));
      try {
        const connectorIds = await Promise.all(
          faults.map((fault, index) => {
            started[index]!.setFault('nextcloud', fault);
            const user = demoUser('operateur');
            return upsertConnector(admin, {
              kind: 'nextcloud',
              label: `Nextcloud (${fault})`,
              baseUrl: started[index]!.urls.nextcloud,
              authMode: 'service_account',
              secrets: { username: user.username, password: user.nextcloud.appPassword },
            });
          }),
        );
        await signIn(page, 'operateur');
        const mailId = randomUUID();
        await putBoard(page, [
          { id: mailId, kind: 'mail', options: {} },
          ...connectorIds.map((connectorId) => ({
            id: randomUUID(),
            kind: 'nextcloud-notifications',
            options: { connectorId },
          })),
        ]);
        await page.reload();
        const mail = page.locator(`[data-widget-id="${mailId}"]`);
        const broken = page.locator('[data-widget-kind="nextcloud-notifications"]');
        // The healthy widget shows its data while the hanging application still holds its own.
        await expect(mail.getByText(/messages? non lus?/)).toBeVisible({ timeout: 5_000 });
        await expect(broken.nth(0).getByRole('status')).toBeVisible();
        await expect(broken.nth(1).getByText('Application injoignable pour le moment.')).toBeVisible();
        await expect(broken.nth(2).getByText('Réponse invalide de l’application.')).toBeVisible();
        await expect(broken.nth(0).getByText(/Délai dépassé/)).toBeVisible({ timeout: 60_000 });
        expect(await axeViolations(page)).toEqual([]);
      } finally {
        await Promise.all(started.map((sim) => sim.close()));
        await admin.close();
      }
    });
  });

  test('lets an administrator see, test and add the collectivité’s applications', async ({ page }) => {
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Applications connectées');
    await expect(page.getByText('Messagerie de la mairie').first()).toBeVisible();
    await page.getByRole('button', { name: 'Tester la connexion de « Messagerie de la mairie »' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Connexion réussie : L’application répond.' }),
    ).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('admin-connectors.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
    // The private networks are the operator's: shown to the administrator, not editable.
    await page.getByRole('button', { name: 'Modifier « Messagerie de la mairie »' }).click();
    await expect(page.getByText('Réglés par l’opérateur de l’installation')).toBeVisible();
    await expect(page.getByRole('textbox', { name: 'Réseaux privés autorisés' })).toHaveCount(0);
    await page.screenshot({ path: test.info().outputPath('admin-connector-form.png'), fullPage: true });
    expect(await axeViolations(page)).toEqual([]);
  });

  test('lets the operator of the installation allow private networks', async ({ page }) => {
    await signIn(page, 'operateur');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('button', { name: 'Modifier « Messagerie de la mairie »' }).click();
    await expect(page.getByRole('textbox', { name: 'Réseaux privés autorisés' })).toBeEditable();
    await expect(page.getByText('Réglés par l’opérateur de l’installation')).toHaveCount(0);
  });

  test('offers an administrator the secrets each authentication mode needs, by name, and keeps them sealed', async ({
    page,
  }) => {
    await signIn(page, 'admin');
    await page.getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('button', { name: 'Ajouter une application' }).click();
    const form = page.getByRole('form', { name: 'Ajouter une application' });
    await form.getByLabel('Application', { exact: true }).selectOption({ label: 'Zimbra' });
    await form.getByLabel('Libellé', { exact: true }).fill('Messagerie (essai du formulaire)');
    await form.getByLabel('Adresse', { exact: true }).fill('https://mail.essai.pleiade.test');
    // The mode suggested for Zimbra needs the domain's key: one named field, explained.
    await expect(form.getByRole('radio', { name: 'Pré-authentification Zimbra' })).toBeChecked();
    const key = form.getByLabel('Clé de pré-authentification du domaine', { exact: true });
    await expect(key).toHaveAttribute('type', 'password');
    await expect(form.getByText('zmprov generateDomainPreAuthKey', { exact: false })).toBeVisible();
    // Another mode, other fields; back again, what was typed is still there.
    await key.fill('0123456789abcdef');
    await form.getByRole('radio', { name: 'Compte de service' }).check();
    await expect(form.getByLabel('Identifiant du compte de service')).toBeVisible();
    await expect(form.getByLabel('Clé de pré-authentification du domaine', { exact: true })).toHaveCount(0);
    await form.getByRole('radio', { name: 'Pré-authentification Zimbra' }).check();
    await expect(key).toHaveValue('0123456789abcdef');
    expect(await axeViolations(page)).toEqual([]);
    await page.screenshot({ path: test.info().outputPath('admin-connector-secrets.png'), fullPage: true });
    await form.getByRole('button', { name: 'Ajouter l’application' }).click();

    const card = page.getByRole('article', { name: 'Messagerie (essai du formulaire)' });
    await expect(card.getByText('Clé de pré-authentification du domaine', { exact: true })).toBeVisible();
    await card.getByRole('button', { name: /^Modifier/ }).click();
    // Stored: never shown again, only replaced or removed.
    const edit = page.getByRole('form', { name: 'Modifier « Messagerie (essai du formulaire) »' });
    await expect(edit.getByText('défini', { exact: true })).toBeVisible();
    await expect(
      edit.getByRole('button', { name: 'Remplacer : Clé de pré-authentification du domaine' }),
    ).toBeVisible();
    await expect(edit.locator('input[type="password"]')).toHaveCount(0);
    await edit.getByRole('button', { name: 'Annuler' }).click();
    await card.getByRole('button', { name: /^Supprimer/ }).click();
    await card.getByRole('button', { name: 'Confirmer la suppression' }).click();
    await expect(page.getByRole('article', { name: 'Messagerie (essai du formulaire)' })).toHaveCount(0);
  });

  test('keeps the administration away from agents', async ({ page }) => {
    await signIn(page, 'agent');
    await expect(page.getByRole('link', { name: 'Administration' })).toHaveCount(0);
    const response = await page.request.get('/api/admin/connectors', { headers: { accept: 'application/json' } });
    expect(response.status()).toBe(403);
  });
});
