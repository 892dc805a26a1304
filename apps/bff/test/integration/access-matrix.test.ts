import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, boardSchema, connectorSchema, meSchema, type Board } from '@pleiade/contracts';
import { WEB_DIST_DIR } from '../../src/server.js';
import { TestBrowser, signIn } from '../support/http-client.js';
import { api, type TestPleiade } from '../support/pleiade.js';
import { listRoutes, startTestPleiadeWithApp, type AppRoute } from '../support/routes.js';
import {
  ACCESS_MATRIX,
  PERSONAS,
  PERSONA_ACCOUNTS,
  type AccessRow,
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

/** The rows a route needs: every persona; for :boardId, the agent's board and each persona's own. */
function requiredCells(route: AppRoute): { persona: Persona; board?: 'agent' | 'own' }[] {
  if (!hasBoardParam(route.path)) return PERSONAS.map((persona) => ({ persona }));
  return [
    ...PERSONAS.map((persona) => ({ persona, board: 'agent' as const })),
    ...SIGNED_IN.map((persona) => ({ persona, board: 'own' as const })),
  ];
}

function describeRow(row: AccessRow): string {
  const target = row.board === 'own' ? ' (own board)' : row.board === 'agent' ? ' (board of agent)' : '';
  return `${row.persona}: ${row.method} ${row.url ?? row.path}${target} → ${row.status}`;
}

/** Whose board a row targets, and the browser of its owner (to read it before and after). */
function targetOf(row: AccessRow): { owner: SignedInPersona; boardId: string } {
  const owner: SignedInPersona = row.board === 'own' && row.persona !== 'anonymous' ? row.persona : 'agent';
  const boardId = ownBoardIds.get(owner);
  if (!boardId) throw new Error(`no board for ${owner}`);
  return { owner, boardId };
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

function urlOf(row: AccessRow, connectorId?: string): string {
  if (row.url) return `${pleiade.url}${row.url}`;
  if (row.path.startsWith('/^')) throw new Error(`${row.path}: a regular-expression route needs a \`url\` in its row`);
  const filled = row.path.replace(/:(\w+)/g, (_match, name: string) => {
    if (name === 'boardId') return targetOf(row).boardId;
    if (name === 'connectorId' && connectorId) return connectorId;
    throw new Error(`${row.path}: no value to put in :${name}; extend access-matrix.test.ts`);
  });
  return `${pleiade.url}${filled}`;
}

async function send(row: AccessRow): Promise<Response> {
  // Anonymous rows each use a fresh cookie-less browser, so no earlier row leaves a session behind.
  const browser = row.persona === 'anonymous' ? new TestBrowser() : browserOf(row.persona);
  const url = urlOf(row, row.path.includes(':connectorId') ? await freshConnectorId() : undefined);
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
  if (row.method === 'PUT' && hasBoardParam(row.path)) {
    // A valid save: the target board as it is, at its current version.
    const { owner, boardId } = targetOf(row);
    const board = await boardOf(browserOf(owner), boardId);
    return api(browser, url, 'PUT', { version: board.version, widgets: board.widgets });
  }
  return api(browser, url, row.method, {});
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
    for (const persona of ['elu', 'admin', 'operator', 'agent-b'] as const) {
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
      const target = hasBoardParam(row.path) ? targetOf(row) : undefined;
      const before = target && changes ? await boardOf(browserOf(target.owner), target.boardId) : undefined;

      const response = await send(row);
      const body = await response.text();
      expect(response.status, body.slice(0, 300)).toBe(row.status);

      if (target && before && response.status >= 400) {
        // A refused call leaves the board exactly as it was.
        expect(await boardOf(browserOf(target.owner), target.boardId)).toEqual(before);
      }
      if (row.persona !== 'anonymous') {
        const me = await api(browserOf(row.persona), `${pleiade.url}/api/me`);
        if (row.path === '/auth/logout') expect(me.status, 'signed out').toBe(401);
        else if (response.status >= 400) expect(me.status, 'a refused call leaves the persona signed in').toBe(200);
      }
    });
  }
});
