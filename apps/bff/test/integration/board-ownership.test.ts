import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema, boardSchema, meSchema, sharedBoardSchema, type Board } from '@pleiade/contracts';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * Boards of the collectivité (templates, published boards) next to people's own, read and saved
 * through the policies of @pleiade/contracts. No route creates them yet: they are stored directly,
 * as the administration will.
 */

let pleiade: TestPleiade;
let agent: TestBrowser;
let elu: TestBrowser;
let admin: TestBrowser;
let agentB: TestBrowser;
let collectiviteA: string;

const LAYOUT = { lg: { x: 0, y: 0, w: 4, h: 4 } };

interface StoredWidget {
  id: string;
  kind: string;
  options: unknown;
}

async function sql(text: string, values: unknown[]): Promise<void> {
  const client = new pg.Client({ connectionString: pleiade.database.url });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

/** A board of the collectivité, stored as the administration will store it. */
async function storeSharedBoard(
  kind: 'TEMPLATE' | 'PUBLISHED',
  audience: string[],
  widgets: StoredWidget[],
  collectiviteId = collectiviteA,
): Promise<string> {
  const id = randomUUID();
  await sql(
    'INSERT INTO board (id, collectivite_id, kind, owner_id, audience, name) VALUES ($1, $2, $3, NULL, $4, $5)',
    [id, collectiviteId, kind, audience, kind === 'TEMPLATE' ? 'Services' : 'Conseil municipal'],
  );
  for (const [position, widget] of widgets.entries()) {
    await sql(
      'INSERT INTO widget_instance (id, board_id, kind, options, layout, position) VALUES ($1, $2, $3, $4, $5, $6)',
      [widget.id, id, widget.kind, JSON.stringify(widget.options), JSON.stringify(LAYOUT), position],
    );
  }
  return id;
}

async function read(browser: TestBrowser, boardId: string) {
  const response = await api(browser, `${pleiade.url}/api/boards/${boardId}`);
  const body = (await response.json()) as unknown;
  return { status: response.status, body };
}

async function boardOf(browser: TestBrowser, boardId: string): Promise<Board> {
  const { status, body } = await read(browser, boardId);
  expect(status, JSON.stringify(body)).toBe(200);
  return boardSchema.parse(body);
}

async function save(browser: TestBrowser, board: Board, widgets = board.widgets) {
  const response = await api(browser, `${pleiade.url}/api/boards/${board.id}`, 'PUT', {
    version: board.version,
    widgets,
  });
  const body = (await response.json()) as unknown;
  return { status: response.status, body };
}

/** The error of a refused call, without its request id: two refusals compare equal when they say the same. */
async function refusal(response: Promise<{ status: number; body: unknown }>) {
  const { status, body } = await response;
  const { code, message } = apiErrorBodySchema.parse(body).error;
  return { status, code, message };
}

async function widgetData(browser: TestBrowser, widgetId: string) {
  const response = await api(browser, `${pleiade.url}/api/widgets/${widgetId}/data`);
  return { status: response.status, body: (await response.json()) as unknown };
}

beforeAll(async () => {
  pleiade = await startTestPleiade();
  agent = await signIn(pleiade.url, 'agent');
  elu = await signIn(pleiade.url, 'elu');
  admin = await signIn(pleiade.url, 'admin');
  agentB = await signIn(pleiade.url, 'agent-b');
  collectiviteA = meSchema.parse(await (await api(agent, `${pleiade.url}/api/me`)).json()).collectivite.id;
});
afterAll(async () => {
  await pleiade?.stop();
});

describe('a board published to the élus', () => {
  const mail = { id: randomUUID(), kind: 'mail', options: {} };
  const note = { id: randomUUID(), kind: 'notes', options: { text: 'Ordre du jour du conseil' } };
  let boardId: string;

  beforeAll(async () => {
    boardId = await storeSharedBoard('PUBLISHED', ['elus'], [note, mail]);
  });

  it('is read-only for its audience, and its saves are refused with 403', async () => {
    const board = await boardOf(elu, boardId);
    expect(board).toMatchObject({ name: 'Conseil municipal', readOnly: true });
    expect(board.widgets.map((widget) => widget.id)).toEqual([note.id, mail.id]);
    expect(await refusal(save(elu, board, []))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Ce tableau est en lecture seule.',
    });
    expect(await boardOf(elu, boardId)).toEqual(board);
  });

  it('does not exist for people outside its audience nor for another collectivité', async () => {
    const board = await boardOf(admin, boardId);
    for (const browser of [agent, agentB]) {
      const missing = randomUUID();
      expect(await refusal(read(browser, boardId))).toEqual(await refusal(read(browser, missing)));
      expect(await refusal(save(browser, board, []))).toEqual(
        await refusal(save(browser, { ...board, id: missing }, [])),
      );
      expect((await refusal(read(browser, boardId))).status).toBe(404);
    }
    expect(await boardOf(admin, boardId)).toEqual(board);
  });

  it('is changed by the collectivité’s administrators in the administration only, version by version', async () => {
    const board = await boardOf(admin, boardId);
    expect(board.readOnly).toBe(true);
    expect(await refusal(save(admin, board))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message:
        'Un modèle ou un tableau publié se modifie dans l’administration, où chaque modification devient une nouvelle version.',
    });
    const shared = sharedBoardSchema.parse(
      await (await api(admin, `${pleiade.url}/api/admin/boards/${boardId}`)).json(),
    );
    const published = await api(admin, `${pleiade.url}/api/admin/boards/${boardId}`, 'PUT', {
      version: shared.version,
      name: shared.name,
      audience: shared.audience,
      priority: shared.priority,
      widgets: shared.widgets,
    });
    expect(published.status).toBe(200);
    expect(sharedBoardSchema.parse(await published.json())).toMatchObject({
      version: shared.version + 1,
      revision: shared.revision + 1,
    });
  });

  it('lets its audience read its widgets’ data, and nobody else', async () => {
    // No application is connected here: the read is allowed and answers « à configurer ».
    const allowed = await widgetData(elu, mail.id);
    expect(allowed.status).toBe(200);
    expect(allowed.body).toMatchObject({ status: 'not_configured' });
    for (const browser of [agent, agentB]) {
      const refused = await refusal(widgetData(browser, mail.id));
      expect(refused).toEqual(await refusal(widgetData(browser, randomUUID())));
      expect(refused.status).toBe(404);
    }
  });

  it('never hides a person’s own widget that has the same id (ids are unique per board only)', async () => {
    const own = boardSchema.parse(await (await api(agent, `${pleiade.url}/api/boards/current`)).json());
    const twin = { id: mail.id, kind: 'mail' as const, options: {}, layout: { lg: { x: 0, y: 20, w: 4, h: 5 } } };
    expect((await save(agent, own, [...own.widgets, twin])).status).toBe(200);
    expect((await widgetData(agent, mail.id)).status).toBe(200);
    expect((await widgetData(elu, mail.id)).status).toBe(200);
  });
});

describe('a template for some groups', () => {
  let boardId: string;

  beforeAll(async () => {
    boardId = await storeSharedBoard('TEMPLATE', ['agents'], [{ id: randomUUID(), kind: 'welcome', options: {} }]);
  });

  it('is read by its audience, who cannot change it', async () => {
    const board = await boardOf(agent, boardId);
    expect(board.readOnly).toBe(true);
    expect((await refusal(save(agent, board))).status).toBe(403);
  });

  it('does not exist for the others, whatever the collectivité', async () => {
    expect((await refusal(read(elu, boardId))).status).toBe(404);
    const boardOfB = await storeSharedBoard('TEMPLATE', ['agents'], [], (await collectiviteOf(agentB)).id);
    expect((await boardOf(agentB, boardOfB)).readOnly).toBe(true);
    for (const browser of [agent, elu, admin]) expect((await refusal(read(browser, boardOfB))).status).toBe(404);
  });
});

async function collectiviteOf(browser: TestBrowser) {
  return meSchema.parse(await (await api(browser, `${pleiade.url}/api/me`)).json()).collectivite;
}
