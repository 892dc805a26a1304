import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  adminAppLinkSchema,
  adminAppLinksResponseSchema,
  apiErrorBodySchema,
  appLinksResponseSchema,
  collectiviteLookSchema,
  installationViewSchema,
  type AdminAppLink,
} from '@pleiade/contracts';
import { createDb, type Db } from '../../src/db/client.js';
import { DEMO_COLLECTIVITES, ensureCollectivites } from '../../src/seed/demo.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

let pleiade: TestPleiade;
let db: Db;
let admin: TestBrowser;
let operator: TestBrowser;
let agent: TestBrowser;
let elu: TestBrowser;
let agentB: TestBrowser;
let adminB: TestBrowser;

beforeAll(async () => {
  pleiade = await startTestPleiade();
  db = createDb(pleiade.database.url);
  admin = await signIn(pleiade.url, 'admin');
  operator = await signIn(pleiade.url, 'operateur');
  agent = await signIn(pleiade.url, 'agent');
  elu = await signIn(pleiade.url, 'elu');
  agentB = await signIn(pleiade.url, 'agent-b');
  adminB = await signIn(pleiade.url, 'admin-b');
});
afterAll(async () => {
  await db?.$disconnect();
  await pleiade?.stop();
});

async function call(browser: TestBrowser, path: string, method = 'GET', body?: unknown) {
  const response = await api(browser, `${pleiade.url}${path}`, method, body);
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

const look = async (browser: TestBrowser) => collectiviteLookSchema.parse((await call(browser, '/api/look')).json);
const errorOf = (json: unknown) => apiErrorBodySchema.parse(json).error;

/** A 1×1 transparent PNG. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

describe("a collectivité's look", () => {
  it('starts with the product’s colour and no logo, for every member', async () => {
    for (const browser of [agent, elu, admin]) {
      expect(await look(browser)).toEqual({ name: 'Commune de démonstration A', primaryColor: null, logoUrl: null });
    }
    expect((await look(agentB)).name).toBe('Communauté de communes de démonstration B');
  });

  it('takes a name and a colour with enough contrast, applied at once for its members only', async () => {
    const saved = await call(admin, '/api/admin/look', 'PUT', { name: 'Ville de Pléiade', primaryColor: '#1D4ED8' });
    expect(saved.status).toBe(200);
    expect(await look(agent)).toEqual({ name: 'Ville de Pléiade', primaryColor: '#1d4ed8', logoUrl: null });
    expect((await look(agentB)).primaryColor).toBeNull();
  });

  it('refuses a colour below 4.5:1 against white text or the page, with the measured ratio in French, and keeps the old one', async () => {
    const refused = await call(admin, '/api/admin/look', 'PUT', { name: 'Autre nom', primaryColor: '#ffd700' });
    expect(refused.status).toBe(400);
    const error = errorOf(refused.json);
    expect(error.message).toBe(
      'Contraste insuffisant : 1,27:1 avec le texte blanc ou le fond des pages, il faut au moins 4,5:1. Choisissez une couleur plus foncée.',
    );
    expect(error.details).toEqual([{ path: 'body.primaryColor', message: error.message }]);
    expect(await look(agent)).toMatchObject({ name: 'Ville de Pléiade', primaryColor: '#1d4ed8' });
    const malformed = await call(admin, '/api/admin/look', 'PUT', { name: 'Ville', primaryColor: 'bleu' });
    expect(malformed.status).toBe(400);
    expect(errorOf(malformed.json).details?.[0]?.message).toMatch(/#RRVVBB/);
  });

  it('is changed by administrators only, each for their own collectivité', async () => {
    for (const browser of [agent, elu, agentB]) {
      const refused = await call(browser, '/api/admin/look', 'PUT', { name: 'Piratée', primaryColor: null });
      expect(refused.status).toBe(403);
      expect(errorOf(refused.json).message).toBe('Réservé aux administrateurs de la collectivité.');
    }
    expect((await call(adminB, '/api/admin/look', 'PUT', { name: 'CC B', primaryColor: '#14532d' })).status).toBe(200);
    expect(await look(agent)).toMatchObject({ name: 'Ville de Pléiade', primaryColor: '#1d4ed8' });
    expect(await look(agentB)).toMatchObject({ name: 'CC B', primaryColor: '#14532d' });
    expect(
      (await call(operator, '/api/admin/look', 'PUT', { name: 'Ville de Pléiade', primaryColor: null })).status,
    ).toBe(200);
    expect((await look(agent)).primaryColor).toBeNull();
  });

  it('serves an uploaded logo to its members, from the BFF, and checks its type and size', async () => {
    const uploaded = await call(admin, '/api/admin/look/logo', 'PUT', {
      contentType: 'image/png',
      data: PNG.toString('base64'),
    });
    expect(uploaded.status).toBe(200);
    const { logoUrl } = await look(agent);
    expect(logoUrl).toMatch(/^\/api\/look\/logo\?v=\d+$/);
    const image = await agent.request(`${pleiade.url}${logoUrl ?? ''}`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect(image.headers.get('x-content-type-options')).toBe('nosniff');
    expect(Buffer.from(await image.arrayBuffer()).equals(PNG)).toBe(true);
    // Another collectivité's members get their own (none).
    expect((await call(agentB, '/api/look/logo')).status).toBe(404);

    const notPng = await call(admin, '/api/admin/look/logo', 'PUT', {
      contentType: 'image/png',
      data: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>').toString('base64'),
    });
    expect(notPng.status).toBe(400);
    expect(errorOf(notPng.json).message).toBe('Ce fichier n’est pas une image PNG, JPEG ou WebP lisible.');
    const svg = await call(admin, '/api/admin/look/logo', 'PUT', { contentType: 'image/svg+xml', data: 'PHN2Zy8+' });
    expect(svg.status).toBe(400);
    expect(errorOf(svg.json).details?.[0]).toEqual({
      path: 'body.contentType',
      message: 'Le logo doit être une image PNG, JPEG ou WebP.',
    });
    const huge = Buffer.concat([PNG, Buffer.alloc(300 * 1024)]);
    const tooBig = await call(admin, '/api/admin/look/logo', 'PUT', {
      contentType: 'image/png',
      data: huge.toString('base64'),
    });
    expect(tooBig.status).toBe(400);
    expect(errorOf(tooBig.json).details?.[0]?.message).toBe('Le logo dépasse 256 Ko.');
    expect((await call(agent, '/api/admin/look/logo', 'DELETE')).status).toBe(403);
    expect((await call(adminB, '/api/admin/look/logo', 'DELETE')).status).toBe(204);
    expect((await look(agent)).logoUrl).toBe(logoUrl);

    expect((await call(admin, '/api/admin/look/logo', 'DELETE')).status).toBe(204);
    expect((await look(agent)).logoUrl).toBeNull();
    expect((await call(agent, '/api/look/logo')).status).toBe(404);
  });
});

describe('launcher administration', () => {
  const links = async (browser: TestBrowser) =>
    adminAppLinksResponseSchema.parse((await call(browser, '/api/admin/app-links')).json).links;
  const visible = async (browser: TestBrowser) =>
    appLinksResponseSchema.parse((await call(browser, '/api/apps')).json).links.map((link) => link.label);

  let added: AdminAppLink;

  it('lists every link with its groups, for administrators only', async () => {
    const all = await links(admin);
    expect(all.map((link) => link.label)).toEqual(['Messagerie', 'Fichiers', 'Parapheur', 'Séances', 'Pastell']);
    expect(all[1]?.allowedGroups).toEqual(['app-nextcloud']);
    expect((await call(agent, '/api/admin/app-links')).status).toBe(403);
    expect((await links(adminB)).every((link) => link.url.includes('demo-b'))).toBe(true);
  });

  it('adds a link for chosen groups, seen at once by those groups only', async () => {
    const created = await call(admin, '/api/admin/app-links', 'POST', {
      label: 'Ressources humaines',
      url: 'https://rh.mairie.example.fr/',
      description: 'Congés et fiches de paie',
      allowedGroups: ['finances'],
    });
    expect(created.status).toBe(201);
    added = adminAppLinkSchema.parse(created.json);
    expect(added.position).toBe(5);
    const agentGroups = (await (await api(agent, `${pleiade.url}/api/me`)).json()) as { groups: string[] };
    const expectedForAgent = agentGroups.groups.includes('finances');
    expect((await visible(agent)).includes('Ressources humaines')).toBe(expectedForAgent);
    expect(await visible(agentB)).not.toContain('Ressources humaines');
    const forAll = await call(admin, `/api/admin/app-links/${added.id}`, 'PUT', {
      label: 'Ressources humaines',
      url: 'https://rh.mairie.example.fr/',
      allowedGroups: [],
    });
    expect(forAll.status).toBe(200);
    expect(await visible(agent)).toContain('Ressources humaines');
    expect(await visible(elu)).toContain('Ressources humaines');
  });

  it('accepts only http and https addresses', async () => {
    for (const url of ['javascript:alert(1)', 'data:text/html,bonjour', 'ftp://fichiers.example.fr/', 'rh.mairie.fr']) {
      const refused = await call(admin, '/api/admin/app-links', 'POST', { label: 'Piège', url });
      expect(refused.status, url).toBe(400);
      expect(errorOf(refused.json).details?.[0]).toEqual({
        path: 'body.url',
        message: 'Adresse attendue commençant par http:// ou https://.',
      });
    }
    expect((await links(admin)).map((link) => link.label)).not.toContain('Piège');
  });

  it('reorders the links, every one of them named once', async () => {
    const ids = (await links(admin)).map((link) => link.id);
    const reversed = [...ids].reverse();
    const ordered = await call(admin, '/api/admin/app-links/order', 'PUT', { ids: reversed });
    expect(ordered.status).toBe(200);
    expect(adminAppLinksResponseSchema.parse(ordered.json).links.map((link) => link.id)).toEqual(reversed);
    expect((await visible(elu))[0]).toBe('Ressources humaines');
    const partial = await call(admin, '/api/admin/app-links/order', 'PUT', { ids: reversed.slice(1) });
    expect(partial.status).toBe(400);
    expect(errorOf(partial.json).message).toBe(
      'La liste des liens a changé entre-temps : rechargez la page et recommencez.',
    );
    // Another collectivité's administrator cannot order (nor learn) demo-a's links.
    expect((await call(adminB, '/api/admin/app-links/order', 'PUT', { ids: reversed })).status).toBe(400);
    expect((await links(admin)).map((link) => link.id)).toEqual(reversed);
  });

  it('edits and removes a link of its own collectivité only', async () => {
    const edit = { label: 'RH', url: 'http://rh.intranet/', allowedGroups: ['finances'] };
    for (const browser of [agent, elu, agentB]) {
      expect((await call(browser, `/api/admin/app-links/${added.id}`, 'PUT', edit)).status).toBe(403);
      expect((await call(browser, `/api/admin/app-links/${added.id}`, 'DELETE')).status).toBe(403);
    }
    const otherAdmin = await call(adminB, `/api/admin/app-links/${added.id}`, 'PUT', edit);
    expect(otherAdmin.status).toBe(404);
    expect(errorOf(otherAdmin.json).message).toBe('Lien introuvable.');
    expect((await call(adminB, `/api/admin/app-links/${added.id}`, 'DELETE')).status).toBe(404);
    expect((await links(admin)).find((link) => link.id === added.id)?.label).toBe('Ressources humaines');

    const edited = await call(admin, `/api/admin/app-links/${added.id}`, 'PUT', edit);
    expect(adminAppLinkSchema.parse(edited.json)).toMatchObject({ label: 'RH', url: 'http://rh.intranet/' });
    expect((await call(admin, `/api/admin/app-links/${added.id}`, 'DELETE')).status).toBe(204);
    expect((await call(admin, `/api/admin/app-links/${added.id}`, 'DELETE')).status).toBe(404);
    expect((await links(admin)).map((link) => link.label)).not.toContain('RH');
  });

  it('keeps provisioning from the configuration file: links created once, never brought back after an administrator removes them', async () => {
    for (const link of await links(adminB)) {
      expect((await call(adminB, `/api/admin/app-links/${link.id}`, 'DELETE')).status).toBe(204);
    }
    await ensureCollectivites(db, [
      ...DEMO_COLLECTIVITES,
      {
        slug: 'nouvelle',
        name: 'Nouvelle commune',
        appLinks: [{ label: 'Portail', url: 'https://portail.nouvelle.fr/', description: '', allowedGroups: [] }],
      },
    ]);
    expect(await links(adminB)).toEqual([]);
    const nouvelle = await db.collectivite.findUniqueOrThrow({
      where: { slug: 'nouvelle' },
      include: { appLinks: true },
    });
    expect(nouvelle.appLinks.map((link) => link.label)).toEqual(['Portail']);
    expect(nouvelle.appLinksProvisioned).toBe(true);
  });
});

describe("the operator's view of the installation", () => {
  it('lists every collectivité with its providers, connectors and launcher links', async () => {
    const view = installationViewSchema.parse((await call(operator, '/api/operator/installation')).json);
    expect(view.providers.length).toBeGreaterThan(0);
    const slugs = view.collectivites.map((collectivite) => collectivite.slug);
    expect(slugs).toEqual(expect.arrayContaining(['demo-a', 'demo-b', 'nouvelle']));
    const demoA = view.collectivites.find((collectivite) => collectivite.slug === 'demo-a');
    expect(demoA?.appLinks.map((link) => link.label)).toContain('Messagerie');
    expect(demoA?.providerIds).toEqual(view.providers.map((provider) => provider.id));
    expect(JSON.stringify(view)).not.toMatch(/secret/i);
  });

  it('is refused to everyone else, administrators included', async () => {
    for (const browser of [admin, adminB, agent, elu]) {
      const refused = await call(browser, '/api/operator/installation');
      expect(refused.status).toBe(403);
      expect(errorOf(refused.json).message).toBe('Réservé à l’opérateur de la plateforme.');
    }
  });
});
