import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, boardSchema, meSchema, type Board, type WidgetInstance } from '@pleiade/contracts';
import { TestBrowser, signIn } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

let pleiade: TestPleiade;
let agent: TestBrowser;

beforeAll(async () => {
  pleiade = await startTestPleiade();
  agent = await signIn(pleiade.url, 'agent');
});
afterAll(async () => {
  await pleiade?.stop();
});

async function currentBoard(browser: TestBrowser): Promise<Board> {
  const response = await api(browser, `${pleiade.url}/api/boards/current`);
  expect(response.status).toBe(200);
  return boardSchema.parse(await response.json());
}

async function errorOf(response: Response) {
  return apiErrorBodySchema.parse(await response.json()).error;
}

function notes(text: string, x = 0, y = 10): WidgetInstance {
  return { id: randomUUID(), kind: 'notes', options: { text }, layout: { lg: { x, y, w: 4, h: 4 } } };
}

describe('identity', () => {
  it('gives the signed-in agent name, collectivité and role', async () => {
    const response = await api(agent, `${pleiade.url}/api/me`);
    expect(response.status).toBe(200);
    const me = meSchema.parse(await response.json());
    expect(me).toMatchObject({
      displayName: 'Camille Martin',
      role: 'agent',
      groups: ['agents', 'app-nextcloud', 'app-pastell'],
      collectivite: { slug: 'demo-a', name: 'Commune de démonstration A' },
    });
    // What the SPA asks the policies with: the same collectivité id as the API's.
    expect(me.collectivite.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.stringify(me)).not.toMatch(/token/i);
  });

  it('answers 401 JSON, never a redirect, to anonymous API calls', async () => {
    const anonymous = new TestBrowser();
    for (const [method, path] of [
      ['GET', '/api/me'],
      ['GET', '/api/boards/current'],
      ['GET', '/api/apps'],
      ['PUT', `/api/boards/${randomUUID()}`],
    ] as const) {
      const response = await api(
        anonymous,
        `${pleiade.url}${path}`,
        method,
        method === 'PUT' ? { version: 1, widgets: [] } : undefined,
      );
      expect(response.status, `${method} ${path}`).toBe(401);
      expect((await errorOf(response)).code).toBe('UNAUTHENTICATED');
    }
  });

  it('shows launcher links only to the groups allowed', async () => {
    const agentLinks = (await (await api(agent, `${pleiade.url}/api/apps`)).json()) as { links: { label: string }[] };
    expect(agentLinks.links.map((link) => link.label)).toEqual(['Messagerie', 'Fichiers', 'Pastell']);
    const elu = await signIn(pleiade.url, 'elu');
    const eluLinks = (await (await api(elu, `${pleiade.url}/api/apps`)).json()) as { links: { label: string }[] };
    expect(eluLinks.links.map((link) => link.label)).toEqual(['Messagerie', 'Parapheur', 'Séances']);
  });
});

describe('board layout', () => {
  it('creates a first board from the default at first sign-in', async () => {
    const board = await currentBoard(agent);
    expect(board.version).toBe(1);
    expect(board.readOnly).toBe(false);
    expect(board.widgets.map((widget) => widget.kind)).toEqual(['welcome', 'app-launcher', 'notes']);
    expect((await currentBoard(agent)).id).toBe(board.id);
  });

  it('stores an update and bumps the version', async () => {
    const board = await currentBoard(agent);
    const moved = board.widgets.map((widget, index) =>
      index === 0 ? { ...widget, layout: { ...widget.layout, lg: { x: 6, y: 2, w: 5, h: 3 } } } : widget,
    );
    const widgets = [...moved, notes('Appeler la préfecture')];
    const response = await api(agent, `${pleiade.url}/api/boards/${board.id}`, 'PUT', {
      version: board.version,
      widgets,
    });
    expect(response.status).toBe(200);
    const saved = boardSchema.parse(await response.json());
    expect(saved.version).toBe(board.version + 1);
    const reloaded = await currentBoard(agent);
    expect(reloaded.version).toBe(saved.version);
    expect(reloaded.widgets).toEqual(widgets);
  });

  it('answers 409 to a save made on a stale version and keeps the newer data', async () => {
    const board = await currentBoard(agent);
    const first = await api(agent, `${pleiade.url}/api/boards/${board.id}`, 'PUT', {
      version: board.version,
      widgets: [notes('first')],
    });
    expect(first.status).toBe(200);
    const stale = await api(agent, `${pleiade.url}/api/boards/${board.id}`, 'PUT', {
      version: board.version,
      widgets: [notes('stale')],
    });
    expect(stale.status).toBe(409);
    expect((await errorOf(stale)).code).toBe('BOARD_VERSION_CONFLICT');
    const current = await currentBoard(agent);
    expect(
      current.widgets.map((widget) => ('options' in widget && widget.kind === 'notes' ? widget.options.text : '')),
    ).toEqual(['first']);
  });

  it('lets exactly one of two concurrent saves on the same version win', async () => {
    const board = await currentBoard(agent);
    const responses = await Promise.all(
      ['a', 'b', 'c'].map((text) =>
        api(agent, `${pleiade.url}/api/boards/${board.id}`, 'PUT', { version: board.version, widgets: [notes(text)] }),
      ),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 409, 409]);
    expect((await currentBoard(agent)).version).toBe(board.version + 1);
  });
});

describe('bad input', () => {
  let board: Board;
  beforeAll(async () => {
    board = await currentBoard(agent);
  });

  async function put(body: unknown, init: { raw?: string; contentType?: string } = {}) {
    return agent.request(`${pleiade.url}/api/boards/${board.id}`, {
      method: 'PUT',
      headers: { 'content-type': init.contentType ?? 'application/json', 'x-requested-with': 'pleiade' },
      body: init.raw ?? JSON.stringify(body),
    });
  }

  it('answers 400 with field paths for wrong types', async () => {
    const response = await put({
      version: 'deux',
      widgets: [{ ...notes('x'), layout: { lg: { x: -1, y: 0, w: 'large', h: 4 } } }],
    });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    const paths = error.details?.map((detail) => detail.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(['body.version', 'body.widgets.0.layout.lg.x', 'body.widgets.0.layout.lg.w']),
    );
  });

  it('answers 400 for 10,000 widgets', async () => {
    const widgets = Array.from({ length: 10_000 }, () => ({
      id: randomUUID(),
      kind: 'welcome',
      options: {},
      layout: { lg: { x: 0, y: 0, w: 2, h: 2 } },
    }));
    const response = await put({ version: board.version, widgets });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.widgets' })]));
  });

  it('answers 400 with the path when a board holds more widgets than allowed', async () => {
    const widgets = Array.from({ length: 41 }, (_, index) => notes('', 0, index));
    const response = await put({ version: board.version, widgets });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.details?.some((detail) => detail.path === 'body.widgets')).toBe(true);
  });

  it('answers 413 with the JSON error body to a 5 MB body', async () => {
    const response = await put(undefined, {
      raw: JSON.stringify({ version: 1, widgets: [notes('x'.repeat(5 * 1024 * 1024))] }),
    });
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers 400 naming the kind for an unknown widget kind', async () => {
    const response = await put({ version: board.version, widgets: [{ ...notes('x'), kind: 'bitcoin-miner' }] });
    expect(response.status).toBe(400);
    const error = await errorOf(response);
    expect(error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'body.widgets.0.kind' })]));
  });

  it('refuses widgets outside the grid, too big or too many of one kind', async () => {
    const outside = await put({
      version: board.version,
      widgets: [{ ...notes('x'), layout: { lg: { x: 10, y: 0, w: 4, h: 4 } } }],
    });
    expect(outside.status).toBe(400);
    const twoWelcomes = await put({
      version: board.version,
      widgets: [1, 2].map(() => ({
        id: randomUUID(),
        kind: 'welcome',
        options: {},
        layout: { lg: { x: 0, y: 0, w: 4, h: 3 } },
      })),
    });
    expect(twoWelcomes.status).toBe(400);
    const tooTall = await put({
      version: board.version,
      widgets: [{ ...notes('x'), layout: { lg: { x: 0, y: 0, w: 4, h: 99 } } }],
    });
    expect(tooTall.status).toBe(400);
  });

  it('answers 400 to malformed JSON, 415 to another media type, 403 without the anti-CSRF header', async () => {
    expect((await put(undefined, { raw: '{"version":' })).status).toBe(400);
    expect((await put(undefined, { raw: 'version=1', contentType: 'application/x-www-form-urlencoded' })).status).toBe(
      415,
    );
    const noHeader = await agent.request(`${pleiade.url}/api/boards/${board.id}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ version: board.version, widgets: [] }),
    });
    expect(noHeader.status).toBe(403);
  });

  it('loses nothing when a save is refused', async () => {
    const before = await currentBoard(agent);
    await put({ version: before.version, widgets: [{ ...notes('x'), kind: 'unknown' }] });
    expect(await currentBoard(agent)).toEqual(before);
  });
});

describe('tenants and roles', () => {
  it('keeps a user of demo-b from reading or writing a board of demo-a', async () => {
    const boardOfA = await currentBoard(agent);
    const agentB = await signIn(pleiade.url, 'agent-b');
    const meB = meSchema.parse(await (await api(agentB, `${pleiade.url}/api/me`)).json());
    expect(meB.collectivite.slug).toBe('demo-b');

    const read = await api(agentB, `${pleiade.url}/api/boards/${boardOfA.id}`);
    expect(read.status).toBe(404);
    const write = await api(agentB, `${pleiade.url}/api/boards/${boardOfA.id}`, 'PUT', {
      version: boardOfA.version,
      widgets: [],
    });
    expect(write.status).toBe(404);
    expect(await currentBoard(agent)).toEqual(boardOfA);

    const boardOfB = await currentBoard(agentB);
    expect(boardOfB.id).not.toBe(boardOfA.id);
  });

  it('keeps another agent of the same collectivité from another person’s board', async () => {
    const boardOfAgent = await currentBoard(agent);
    const admin = await signIn(pleiade.url, 'admin');
    expect((await api(admin, `${pleiade.url}/api/boards/${boardOfAgent.id}`)).status).toBe(404);
  });

  it('gives élus a read-only board and refuses their saves', async () => {
    const elu = await signIn(pleiade.url, 'elu');
    const board = await currentBoard(elu);
    expect(board.readOnly).toBe(true);
    const response = await api(elu, `${pleiade.url}/api/boards/${board.id}`, 'PUT', {
      version: board.version,
      widgets: [],
    });
    expect(response.status).toBe(403);
    expect((await currentBoard(elu)).widgets).toHaveLength(board.widgets.length);
  });
});
