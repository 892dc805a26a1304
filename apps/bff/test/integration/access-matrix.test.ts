import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  adminAnnouncementSchema,
  apiErrorBodySchema,
  boardSchema,
  adminAppLinkSchema,
  connectorSchema,
  indicatorDefinitionViewSchema,
  meSchema,
  sharedBoardSchema,
  type Board,
  type SharedBoard,
} from '@pleiade/contracts';
import { WEB_DIST_DIR } from '../../src/server.js';
import { TestBrowser, signIn } from '../support/http-client.js';
import { api, type TestPleiade } from '../support/pleiade.js';
import { listRoutes, startTestPleiadeWithApp, type AppRoute } from '../support/routes.js';
import {
  ACCESS_MATRIX,
  PERSONAS,
  PERSONA_ACCOUNTS,
  type AccessRow,
  type BoardTarget,
  type Persona,
  type SignedInPersona,
} from './access-matrix.table.js';

const SIGNED_IN = PERSONAS.filter((persona): persona is SignedInPersona => persona !== 'anonymous');
const SPA_BUILT = existsSync(path.join(WEB_DIST_DIR, 'index.html'));

let pleiade: TestPleiade;
let routes: AppRoute[];
const browsers = new Map<SignedInPersona, TestBrowser>();
const ownBoardIds = new Map<SignedInPersona, string>();

beforeAll(async () => {
  const started = await startTestPleiadeWithApp();
  pleiade = started.pleiade;
  routes = listRoutes(started.app);
  for (const persona of SIGNED_IN) {
    const browser = await signIn(pleiade.url, PERSONA_ACCOUNTS[persona].username);
    browsers.set(persona, browser);
    ownBoardIds.set(persona, (await boardOf(browser)).id);
  }
});
afterAll(async () => {
  await pleiade?.stop();
});

function browserOf(persona: SignedInPersona): TestBrowser {
  const browser = browsers.get(persona);
  if (!browser) throw new Error(`${persona} is not signed in`);
  return browser;
}

async function boardOf(browser: TestBrowser, boardId?: string): Promise<Board> {
  const response = await api(browser, `${pleiade.url}/api/boards/${boardId ?? 'current'}`);
  expect(response.status, `reading board ${boardId ?? 'current'}`).toBe(200);
  return boardSchema.parse(await response.json());
}

const routeKey = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const hasBoardParam = (routePath: string) => routePath.includes(':boardId');

/**
 * Which boards a route's `:boardId` must be tried on: every such route, a board of another person
 * and the persona's own; the board read and save and the administration of boards, a template of
 * the collectivité too; template updates, a copy of a template.
 */
function boardTargets(routePath: string): BoardTarget[] {
  const targets: BoardTarget[] = ['agent', 'own'];
  if (routePath === '/api/boards/:boardId' || routePath.startsWith('/api/admin/boards/:boardId'))
    targets.push('shared');
  if (routePath.includes('/template-update')) targets.push('copy');
  if (routePath === '/api/kiosk/:boardId') targets.push('shared', 'published');
  return targets;
}

/** The rows a route needs: every persona; for :boardId, each target (anonymous: a board of another person). */
function requiredCells(route: AppRoute): { persona: Persona; board?: BoardTarget }[] {
  if (!hasBoardParam(route.path)) return PERSONAS.map((persona) => ({ persona }));
  return [
    ...PERSONAS.map((persona) => ({ persona, board: 'agent' as const })),
    ...boardTargets(route.path).flatMap((board) =>
      board === 'agent' ? [] : SIGNED_IN.map((persona) => ({ persona, board })),
    ),
  ];
}

const TARGET_NAMES: Record<BoardTarget, string> = {
  agent: 'board of agent',
  own: 'own board',
  shared: 'a template of demo-a',
  published: 'a board published to the élus of demo-a',
  copy: 'the agent’s copy of a template',
};

function describeRow(row: AccessRow): string {
  const target = hasBoardParam(row.path) ? ` (${TARGET_NAMES[row.board ?? 'agent']})` : '';
  return `${row.persona}: ${row.method} ${row.url ?? row.path}${target} → ${row.status}`;
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: pleiade.database.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function adminCall(path: string, method = 'GET', body?: unknown): Promise<SharedBoard> {
  const response = await api(browserOf('admin'), `${pleiade.url}${path}`, method, body);
  const text = await response.text();
  expect(response.status, text.slice(0, 300)).toBeLessThan(300);
  return sharedBoardSchema.parse(JSON.parse(text));
}

/** A template (or published board) of demo-a, published once with a note (version 2), by its administrator. */
async function freshTemplate(audience: string[], kind: 'template' | 'published' = 'template'): Promise<SharedBoard> {
  const created = await adminCall('/api/admin/boards', 'POST', {
    kind,
    name: `Matrice ${randomUUID()}`,
    audience,
  });
  return republish(created, [
    { id: randomUUID(), kind: 'notes', options: { text: '1' }, layout: { lg: { x: 0, y: 0, w: 4, h: 4 } } },
  ]);
}

function republish(board: SharedBoard, widgets: unknown[]): Promise<SharedBoard> {
  const { version, name, audience, priority } = board;
  return adminCall(`/api/admin/boards/${board.id}`, 'PUT', { version, name, audience, priority, widgets });
}

/** The board a row's `:boardId` names, made for the row when it is a fresh one, and how to read it. */
interface Target {
  boardId: string;
  /** The board as its owner or administrator sees it: a refused call must leave it unchanged. */
  read: () => Promise<unknown>;
  /** After a DELETE: whether the board is gone for its owner or administrator. */
  gone: () => Promise<boolean>;
  /** After the row, when what it made must not outlive it. */
  cleanup?: () => Promise<void>;
}

async function missingFor(browser: TestBrowser, path: string): Promise<boolean> {
  return (await api(browser, `${pleiade.url}${path}`)).status === 404;
}

async function prepareTarget(row: AccessRow): Promise<Target> {
  const target = row.board ?? 'agent';
  if (target === 'shared') {
    // For the élus: they read templates but receive no copy (a copy for every row would pile up).
    const template = await freshTemplate(['elus']);
    const path = `/api/admin/boards/${template.id}`;
    return { boardId: template.id, read: () => adminCall(path), gone: () => missingFor(browserOf('admin'), path) };
  }
  if (target === 'published') {
    const board = await freshTemplate(['elus'], 'published');
    const path = `/api/admin/boards/${board.id}`;
    return { boardId: board.id, read: () => adminCall(path), gone: () => missingFor(browserOf('admin'), path) };
  }
  if (target === 'copy') {
    const template = await freshTemplate(['agents']);
    // The agent receives their copy on their next visit; then a newer version waits for them.
    await boardOf(browserOf('agent'));
    const [copy] = await sql<{ id: string }>(
      'SELECT board.id FROM board JOIN app_user ON app_user.id = board.owner_id WHERE template_id = $1 AND app_user.subject = $2',
      [template.id, 'agent'],
    );
    if (!copy) throw new Error('the agent received no copy');
    const widgets = template.widgets.map((widget) => ({ ...widget, options: { text: '2' } }));
    await republish(template, widgets);
    return {
      boardId: copy.id,
      read: () => boardOf(browserOf('agent'), copy.id),
      gone: () => missingFor(browserOf('agent'), `/api/boards/${copy.id}`),
      // The agent's boards must not pile up past their limit: the copy goes after its row.
      cleanup: async () => {
        expect((await api(browserOf('agent'), `${pleiade.url}/api/boards/${copy.id}`, 'DELETE')).status).toBe(204);
      },
    };
  }
  const owner: SignedInPersona = target === 'own' && row.persona !== 'anonymous' ? row.persona : 'agent';
  let boardId = ownBoardIds.get(owner);
  if (!boardId) throw new Error(`no board for ${owner}`);
  // DELETE rows act on a fresh board of the owner (the élu creates none: theirs, refused), so that
  // no deletion takes away a board the other rows use.
  if (row.method === 'DELETE' && owner !== 'elu') {
    const response = await api(browserOf(owner), `${pleiade.url}/api/boards`, 'POST', { name: 'À supprimer' });
    expect(response.status, 'creating a board for the row').toBe(201);
    boardId = boardSchema.parse(await response.json()).id;
  }
  const id = boardId;
  return {
    boardId: id,
    read: () => boardOf(browserOf(owner), id),
    gone: () => missingFor(browserOf(owner), `/api/boards/${id}`),
  };
}

/**
 * A fresh connector of demo-a for each row naming `:connectorId`, created by its administrator:
 * rows that delete or change one never affect the next. Its name never resolves (`.invalid`), so
 * testing its connection answers at once.
 */
async function freshConnectorId(): Promise<string> {
  const response = await api(browserOf('admin'), `${pleiade.url}/api/admin/connectors`, 'POST', {
    kind: 'nextcloud',
    label: `Matrice ${randomUUID()}`,
    baseUrl: 'http://nextcloud.matrice.invalid/',
    // Not a personal-secret connector: the credential routes answer 400 for it.
    authMode: 'service_account',
  });
  expect(response.status, 'creating a connector for the row').toBe(201);
  return connectorSchema.parse(await response.json()).id;
}

/** A fresh launcher link of demo-a for each row naming `:linkId`, added by its administrator. */
async function freshLinkId(): Promise<string> {
  const response = await api(browserOf('admin'), `${pleiade.url}/api/admin/app-links`, 'POST', MATRIX_LINK);
  expect(response.status, 'adding a launcher link for the row').toBe(201);
  return adminAppLinkSchema.parse(await response.json()).id;
}

const MATRIX_LINK = { label: 'Matrice', url: 'https://matrice.example.fr/' };

/** A fresh banner of demo-a for every member, for each row naming `:announcementId`. */
async function freshAnnouncementId(): Promise<string> {
  const response = await api(browserOf('admin'), `${pleiade.url}/api/admin/announcements`, 'POST', ANNOUNCEMENT);
  expect(response.status, 'creating an announcement for the row').toBe(201);
  return adminAnnouncementSchema.parse(await response.json()).id;
}
const ANNOUNCEMENT = {
  title: 'Matrice',
  severity: 'information',
  placement: 'banner',
  startsAt: '2026-01-01T00:00:00.000Z',
};

/** A valid indicator definition (POST and PUT rows). */
const INDICATOR_DEFINITION = {
  label: 'Matrice',
  source: { kind: 'pleiade.members' },
  period: 'month',
  direction: 'higher_is_better',
};

/** A fresh indicator of demo-a for each row naming `:indicatorId`, created by its administrator. */
async function freshIndicatorId(): Promise<string> {
  const response = await api(browserOf('admin'), `${pleiade.url}/api/admin/indicators`, 'POST', INDICATOR_DEFINITION);
  expect(response.status, 'creating an indicator for the row').toBe(201);
  return indicatorDefinitionViewSchema.parse(await response.json()).id;
}

function urlOf(
  row: AccessRow,
  target?: Target,
  connectorId?: string,
  linkId?: string,
  announcementId?: string,
  indicatorId?: string,
): string {
  if (row.url) return `${pleiade.url}${row.url}`;
  if (row.path.startsWith('/^')) throw new Error(`${row.path}: a regular-expression route needs a \`url\` in its row`);
  const filled = row.path.replace(/:(\w+)/g, (_match, name: string) => {
    if (name === 'boardId' && target) return target.boardId;
    if (name === 'number') return '1';
    if (name === 'connectorId' && connectorId) return connectorId;
    if (name === 'linkId' && linkId) return linkId;
    if (name === 'announcementId' && announcementId) return announcementId;
    if (name === 'indicatorId' && indicatorId) return indicatorId;
    throw new Error(`${row.path}: no value to put in :${name}; extend access-matrix.test.ts`);
  });
  return `${pleiade.url}${filled}`;
}

/** A valid body for the row, so that a refusal can only come from access control. */
async function bodyOf(row: AccessRow, target?: Target): Promise<unknown> {
  const current = target ? await target.read() : undefined;
  const version = (current as { version?: number } | undefined)?.version ?? 1;
  if (row.path === '/api/boards/:boardId' && row.method === 'PUT') {
    // A template as the board API gives it (to its administrator), or the person's board.
    const board =
      row.board === 'shared' && target ? await boardOf(browserOf('admin'), target.boardId) : boardSchema.parse(current);
    return { version: board.version, widgets: board.widgets };
  }
  if (row.path === '/api/admin/boards/:boardId' && row.method === 'PUT') {
    const shared = sharedBoardSchema.safeParse(current);
    if (!shared.success) return { version: 1, name: 'Tableau', audience: [], priority: 1, widgets: [] };
    const { name, audience, priority, widgets } = shared.data;
    return { version, name, audience, priority, widgets };
  }
  if (row.path.endsWith('/restore') || row.path.includes('/template-update/')) return { version };
  // A valid rename: the target board's own name.
  if (row.method === 'PATCH' && row.path === '/api/boards/:boardId')
    return { name: (current as { name: string }).name };
  if (row.method === 'POST' && row.path === '/api/boards') return { name: 'Matrice' };
  if (/^(POST|PUT)$/.test(row.method) && row.path.startsWith('/api/admin/announcements')) return ANNOUNCEMENT;
  if (row.path.startsWith('/api/admin/indicators')) return INDICATOR_DEFINITION;
  if (row.method === 'PUT' && row.path === '/api/me/language') return { language: 'fr' };
  if (row.method === 'PUT' && row.path === '/api/me/home-board') return { boardId: ownBoardIds.get('agent') };
  if (row.method === 'PUT' && row.path === '/api/admin/app-links/:linkId') return MATRIX_LINK;
  return {};
}

async function send(row: AccessRow, target?: Target): Promise<Response> {
  // Anonymous rows each use a fresh cookie-less browser, so no earlier row leaves a session behind.
  const browser = row.persona === 'anonymous' ? new TestBrowser() : browserOf(row.persona);
  const url = urlOf(
    row,
    target,
    row.path.includes(':connectorId') ? await freshConnectorId() : undefined,
    row.path.includes(':linkId') ? await freshLinkId() : undefined,
    row.path.includes(':announcementId') ? await freshAnnouncementId() : undefined,
    row.path.includes(':indicatorId') ? await freshIndicatorId() : undefined,
  );
  if (row.method === 'POST' && row.path.startsWith('/auth/')) {
    return browser.request(url, {
      method: 'POST',
      headers: {
        origin: pleiade.url,
        'sec-fetch-site': 'same-origin',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: '',
    });
  }
  if (row.method === 'GET') return row.path.startsWith('/api/') ? api(browser, url) : browser.request(url);
  if (row.method === 'DELETE') return api(browser, url, 'DELETE');
  return api(browser, url, row.method, await bodyOf(row, target));
}

describe('a board of another person or collectivité', () => {
  it('answers exactly like a board that does not exist', async () => {
    const boardOfAgent = ownBoardIds.get('agent') ?? '';
    const error = async (persona: SignedInPersona, boardId: string, method: 'GET' | 'PUT') => {
      const response = await api(
        browserOf(persona),
        `${pleiade.url}/api/boards/${boardId}`,
        method,
        method === 'PUT' ? { version: 1, widgets: [] } : undefined,
      );
      const { code, message, details } = apiErrorBodySchema.parse(await response.json()).error;
      return { status: response.status, code, message, details };
    };
    for (const persona of ['elu', 'admin', 'operator', 'agent-b', 'admin-b'] as const) {
      for (const method of ['GET', 'PUT'] as const) {
        expect(await error(persona, boardOfAgent, method), `${persona} ${method}`).toEqual(
          await error(persona, randomUUID(), method),
        );
      }
    }
  });
});

describe('the access matrix', () => {
  it('has a row for every route of the app and persona, and no row for a route that does not exist', () => {
    // Guards against a walk that silently finds nothing (e.g. a router upgrade changing its layers).
    expect(routes.map(routeKey)).toEqual(expect.arrayContaining(['GET /api/me', 'PUT /api/boards/:boardId']));
    const missing: string[] = [];
    for (const route of routes) {
      for (const cell of requiredCells(route)) {
        const found = ACCESS_MATRIX.some(
          (row) =>
            routeKey(row) === routeKey(route) &&
            row.persona === cell.persona &&
            (cell.board === undefined || (row.board ?? 'agent') === cell.board),
        );
        if (!found) missing.push(`${cell.persona}: ${routeKey(route)}${cell.board ? ` (board: ${cell.board})` : ''}`);
      }
    }
    const known = new Set(routes.map(routeKey));
    const stale = ACCESS_MATRIX.filter((row) => !(row.requires === 'built-spa' && !SPA_BUILT))
      .map(routeKey)
      .filter((key, index, keys) => !known.has(key) && keys.indexOf(key) === index);
    const cells = ACCESS_MATRIX.map((row) => `${row.persona}: ${routeKey(row)} ${row.board ?? ''}`);
    const duplicated = cells.filter((cell, index) => cells.indexOf(cell) !== index);
    expect.soft(missing, 'routes of the app with no row for these personas in access-matrix.table.ts').toEqual([]);
    expect.soft(stale, 'rows of access-matrix.table.ts naming a route the app does not have').toEqual([]);
    expect.soft(duplicated, 'cells of access-matrix.table.ts given twice').toEqual([]);
  });

  it('signs each persona in as who they are', async () => {
    for (const persona of SIGNED_IN) {
      const me = meSchema.parse(await (await api(browserOf(persona), `${pleiade.url}/api/me`)).json());
      expect.soft({ persona, role: me.role, collectivite: me.collectivite.slug }).toEqual({
        persona,
        role: PERSONA_ACCOUNTS[persona].role,
        collectivite: PERSONA_ACCOUNTS[persona].collectivite,
      });
    }
  });

  // Sign-out ends the sessions: it runs last.
  const ordered = [
    ...ACCESS_MATRIX.filter((row) => row.path !== '/auth/logout'),
    ...ACCESS_MATRIX.filter((row) => row.path === '/auth/logout'),
  ];
  for (const row of ordered) {
    it.skipIf(row.requires === 'built-spa' && !SPA_BUILT)(describeRow(row), async () => {
      const changes = row.method !== 'GET';
      const target = hasBoardParam(row.path) ? await prepareTarget(row) : undefined;
      const before = target && changes ? await target.read() : undefined;

      const response = await send(row, target);
      const body = await response.text();
      expect(response.status, body.slice(0, 300)).toBe(row.status);

      if (target && before && response.status >= 400) {
        // A refused call leaves the board exactly as it was.
        expect(await target.read()).toEqual(before);
      }
      if (target && row.method === 'DELETE' && response.status === 204) {
        expect(await target.gone(), 'deleted').toBe(true);
      }
      await target?.cleanup?.();
      if (row.persona !== 'anonymous') {
        const me = await api(browserOf(row.persona), `${pleiade.url}/api/me`);
        if (row.path === '/auth/logout') expect(me.status, 'signed out').toBe(401);
        else if (response.status >= 400) expect(me.status, 'a refused call leaves the persona signed in').toBe(200);
      }
    });
  }
});
