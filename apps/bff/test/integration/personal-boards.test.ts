import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_BOARD_NAME,
  MAX_PERSONAL_BOARDS,
  boardListSchema,
  boardSchema,
  meSchema,
  type BoardList,
} from '@pleiade/contracts';
import { TestBrowser, signIn } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';
import { boardById, boardListOf, createBoardVia, refusalOf, storeSharedBoard } from '../support/boards.js';

/**
 * Several boards per person (issue 9, point 1): the list (tabs), create, rename, move, delete, and
 * the home board. Each person is a demo account signed in once; the blocks run in order.
 */

let pleiade: TestPleiade;
let agent: TestBrowser;
let elu: TestBrowser;
let admin: TestBrowser;
let agentB: TestBrowser;
let collectiviteA: string;

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

const list = (browser: TestBrowser) => boardListOf(pleiade.url, browser);
const names = (boards: BoardList) => boards.boards.map((board) => board.name);
const call = (browser: TestBrowser, method: string, path: string, body?: unknown) =>
  api(browser, `${pleiade.url}${path}`, method, body);

describe('the board list', () => {
  it('gives a person their first board at their first visit, once, even asked twice at the same time', async () => {
    const [first, second] = await Promise.all([list(admin), list(admin)]);
    expect(first).toEqual(second);
    expect(first.boards).toEqual([
      { id: first.homeBoardId, name: DEFAULT_BOARD_NAME, kind: 'personal', readOnly: false },
    ]);
    expect(first.chosenHomeBoardId).toBeNull();
    const current = boardSchema.parse(await (await call(admin, 'GET', '/api/boards/current')).json());
    expect(current.id).toBe(first.homeBoardId);
    expect(current.widgets.map((widget) => widget.kind)).toEqual(['welcome', 'app-launcher', 'notes']);
  });

  it('needs a session', async () => {
    expect((await api(new TestBrowser(), `${pleiade.url}/api/boards`)).status).toBe(401);
  });
});

describe('creating, renaming, moving and deleting boards', () => {
  it('creates an empty board after the others, with a trimmed name', async () => {
    const before = await list(agent);
    const created = await createBoardVia(pleiade.url, agent, '  Suivi des marchés  ');
    expect(created).toMatchObject({ name: 'Suivi des marchés', version: 1, readOnly: false, widgets: [] });
    const after = await list(agent);
    expect(names(after)).toEqual([...names(before), 'Suivi des marchés']);
    // A new board does not become the home board.
    expect(after.homeBoardId).toBe(before.homeBoardId);
    expect((await boardById(pleiade.url, agent, created.id)).widgets).toEqual([]);
  });

  it('refuses a bad name with the field and a French message', async () => {
    for (const body of [{ name: '   ' }, {}, { name: 'x'.repeat(61) }, { name: 'A\u0007' }]) {
      const response = await call(agent, 'POST', '/api/boards', body);
      expect(response.status, JSON.stringify(body)).toBe(400);
      const { error } = (await response.json()) as {
        error: { code: string; details: { path: string; message: string }[] };
      };
      expect(error.code).toBe('VALIDATION_FAILED');
      expect(error.details[0]).toMatchObject({
        path: 'body.name',
        message: expect.stringMatching(/^(Donnez|Le nom)/u),
      });
    }
    // Nothing but a name: no owner, kind or audience from the request.
    expect((await call(agent, 'POST', '/api/boards', { name: 'A', ownerId: randomUUID() })).status).toBe(400);
    expect((await call(agent, 'POST', '/api/boards', { name: 'A', kind: 'PUBLISHED' })).status).toBe(400);
    const empty = await call(agent, 'POST', '/api/boards', { name: '' });
    expect(((await empty.json()) as { error: { details: unknown[] } }).error.details).toEqual([
      { path: 'body.name', message: 'Donnez un nom au tableau.' },
    ]);
  });

  it('renames a board and moves it among the tabs; a place past the last puts it last', async () => {
    const budget = await createBoardVia(pleiade.url, agent, 'Budget');
    let boards = await list(agent);
    expect(names(boards)).toEqual([DEFAULT_BOARD_NAME, 'Suivi des marchés', 'Budget']);

    const renamed = await call(agent, 'PATCH', `/api/boards/${budget.id}`, { name: 'Budget 2027' });
    expect(renamed.status).toBe(200);
    expect(names(boardListSchema.parse(await renamed.json()))).toEqual([
      DEFAULT_BOARD_NAME,
      'Suivi des marchés',
      'Budget 2027',
    ]);
    // The rename changes no widget and no version: an editor open elsewhere keeps saving.
    expect(await boardById(pleiade.url, agent, budget.id)).toMatchObject({ name: 'Budget 2027', version: 1 });

    const moved = await call(agent, 'PATCH', `/api/boards/${budget.id}`, { position: 0 });
    expect(names(boardListSchema.parse(await moved.json()))).toEqual([
      'Budget 2027',
      DEFAULT_BOARD_NAME,
      'Suivi des marchés',
    ]);
    await call(agent, 'PATCH', `/api/boards/${budget.id}`, { position: MAX_PERSONAL_BOARDS });
    boards = await list(agent);
    expect(names(boards)).toEqual([DEFAULT_BOARD_NAME, 'Suivi des marchés', 'Budget 2027']);

    const both = await call(agent, 'PATCH', `/api/boards/${budget.id}`, { name: 'Budget', position: 1 });
    expect(names(boardListSchema.parse(await both.json()))).toEqual([
      DEFAULT_BOARD_NAME,
      'Budget',
      'Suivi des marchés',
    ]);
    expect((await call(agent, 'PATCH', `/api/boards/${budget.id}`, {})).status).toBe(400);
  });

  it('keeps the order of the tabs 0…n-1 when moves race', async () => {
    const before = await list(agent);
    const ids = before.boards.map((board) => board.id);
    const responses = await Promise.all(
      ids.flatMap((id) => [0, 1, 2].map((position) => call(agent, 'PATCH', `/api/boards/${id}`, { position }))),
    );
    expect(responses.map((response) => response.status)).toEqual(ids.flatMap(() => [200, 200, 200]));
    const after = await list(agent);
    expect([...after.boards.map((board) => board.id)].sort()).toEqual([...ids].sort());
    const client = new pg.Client({ connectionString: pleiade.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ position: number }>(
        'SELECT position FROM board WHERE id = ANY($1::uuid[]) ORDER BY position',
        [ids],
      );
      expect(rows.map((row) => row.position)).toEqual(ids.map((_, index) => index));
    } finally {
      await client.end();
    }
  });

  it('deletes a board; a person keeps at least one', async () => {
    const spare = await createBoardVia(pleiade.url, agent, 'À supprimer');
    const deleted = await call(agent, 'DELETE', `/api/boards/${spare.id}`);
    expect(deleted.status).toBe(204);
    expect(names(await list(agent))).not.toContain('À supprimer');
    expect((await call(agent, 'GET', `/api/boards/${spare.id}`)).status).toBe(404);

    // The administrator has only their first board.
    const [only] = (await list(admin)).boards;
    expect(await refusalOf(await call(admin, 'DELETE', `/api/boards/${only?.id ?? ''}`))).toEqual({
      status: 409,
      code: 'LAST_PERSONAL_BOARD',
      message: 'C’est votre seul tableau : créez-en un autre avant de supprimer celui-ci.',
    });
    expect((await list(admin)).boards).toHaveLength(1);
  });

  it('lets a person own at most MAX_PERSONAL_BOARDS boards, exactly, even when creations race', async () => {
    const operator = await signIn(pleiade.url, 'operateur');
    await list(operator);
    const responses = await Promise.all(
      Array.from({ length: MAX_PERSONAL_BOARDS + 3 }, (_, index) =>
        call(operator, 'POST', '/api/boards', { name: `Tableau ${index + 2}` }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 201)).toHaveLength(MAX_PERSONAL_BOARDS - 1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(4);
    const refused = responses.find((response) => response.status === 409);
    expect(await refusalOf(refused as Response)).toEqual({
      status: 409,
      code: 'BOARD_LIMIT_REACHED',
      message: `Vous avez déjà ${MAX_PERSONAL_BOARDS} tableaux, le maximum : supprimez-en un pour en créer un autre.`,
    });
    const boards = await list(operator);
    expect(boards.boards).toHaveLength(MAX_PERSONAL_BOARDS);
  });
});

describe('the home board', () => {
  it('is the person’s choice, opened by /api/boards/current, until they let Pléiade choose again', async () => {
    const before = await list(agent);
    const other = before.boards.find((board) => board.id !== before.homeBoardId);
    if (!other) throw new Error('the agent has several boards here');
    const chosen = await call(agent, 'PUT', '/api/me/home-board', { boardId: other.id });
    expect(chosen.status).toBe(200);
    expect(boardListSchema.parse(await chosen.json())).toMatchObject({
      homeBoardId: other.id,
      chosenHomeBoardId: other.id,
    });
    const current = boardSchema.parse(await (await call(agent, 'GET', '/api/boards/current')).json());
    expect(current.id).toBe(other.id);

    const automatic = boardListSchema.parse(
      await (await call(agent, 'PUT', '/api/me/home-board', { boardId: null })).json(),
    );
    expect(automatic).toMatchObject({ homeBoardId: before.boards[0]?.id, chosenHomeBoardId: null });
  });

  it('falls back to the first board when the chosen one is deleted', async () => {
    const extra = await createBoardVia(pleiade.url, agent, 'Accueil provisoire');
    await call(agent, 'PUT', '/api/me/home-board', { boardId: extra.id });
    expect((await list(agent)).homeBoardId).toBe(extra.id);
    expect((await call(agent, 'DELETE', `/api/boards/${extra.id}`)).status).toBe(204);
    const after = await list(agent);
    expect(after).toMatchObject({ homeBoardId: after.boards[0]?.id, chosenHomeBoardId: null });
  });

  it('cannot be a board of another person or collectivité (404, as a missing one), nor a template (403)', async () => {
    const ofAgent = (await list(agent)).homeBoardId;
    for (const browser of [admin, elu, agentB]) {
      const before = await list(browser);
      const refused = await refusalOf(await call(browser, 'PUT', '/api/me/home-board', { boardId: ofAgent }));
      expect(refused).toEqual(
        await refusalOf(await call(browser, 'PUT', '/api/me/home-board', { boardId: randomUUID() })),
      );
      expect(refused).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(await list(browser)).toEqual(before);
    }
    const template = await storeSharedBoard(pleiade.database.url, {
      collectiviteId: collectiviteA,
      kind: 'TEMPLATE',
      audience: ['agents'],
      name: 'Services',
    });
    expect(await refusalOf(await call(agent, 'PUT', '/api/me/home-board', { boardId: template }))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Un modèle ne peut pas être votre tableau d’accueil : choisissez la copie que vous en avez reçue.',
    });
    expect((await call(agent, 'PUT', '/api/me/home-board', { boardId: 'accueil' })).status).toBe(400);
  });
});

describe('an élu', () => {
  let council: string;

  beforeAll(async () => {
    council = await storeSharedBoard(pleiade.database.url, {
      collectiviteId: collectiviteA,
      kind: 'PUBLISHED',
      audience: ['elus'],
      name: 'Conseil municipal',
    });
  });

  it('sees their own read-only board, then the boards published for them, and lands on the first of those', async () => {
    const boards = await list(elu);
    expect(boards.boards).toEqual([
      { id: expect.any(String), name: DEFAULT_BOARD_NAME, kind: 'personal', readOnly: true },
      { id: council, name: 'Conseil municipal', kind: 'published', readOnly: true },
    ]);
    // Élus own no board they could change: the board prepared for them is their home (prepared-boards.ts).
    expect(boards).toMatchObject({ homeBoardId: council, chosenHomeBoardId: null });
    // Not the agents: the board is published to the élus only.
    expect((await list(agent)).boards.map((board) => board.id)).not.toContain(council);
  });

  it('creates, renames, moves and deletes no board (403, nothing changed)', async () => {
    const before = await list(elu);
    const own = before.boards.find((board) => board.kind === 'personal')?.id ?? '';
    const refusals = [
      await refusalOf(await call(elu, 'POST', '/api/boards', { name: 'Le mien' })),
      await refusalOf(await call(elu, 'PATCH', `/api/boards/${own}`, { name: 'Renommé' })),
      await refusalOf(await call(elu, 'PATCH', `/api/boards/${own}`, { position: 1 })),
      await refusalOf(await call(elu, 'DELETE', `/api/boards/${own}`)),
      await refusalOf(await call(elu, 'PATCH', `/api/boards/${council}`, { name: 'Renommé' })),
      await refusalOf(await call(elu, 'DELETE', `/api/boards/${council}`)),
    ];
    expect(refusals.map((refusal) => refusal.status)).toEqual([403, 403, 403, 403, 403, 403]);
    expect(refusals[0]?.message).toBe('Les élus consultent les tableaux préparés pour eux : ils n’en créent pas.');
    expect(refusals[1]?.message).toBe('Ce tableau est en lecture seule.');
    expect(await list(elu)).toEqual(before);
  });

  it('chooses a board published for them as their home board', async () => {
    const chosen = boardListSchema.parse(
      await (await call(elu, 'PUT', '/api/me/home-board', { boardId: council })).json(),
    );
    expect(chosen).toMatchObject({ homeBoardId: council, chosenHomeBoardId: council });
    const current = boardSchema.parse(await (await call(elu, 'GET', '/api/boards/current')).json());
    expect(current).toMatchObject({ id: council, name: 'Conseil municipal', readOnly: true });
  });
});

describe('another person or collectivité', () => {
  it('answers 404 for a board of someone else, exactly as for a missing one, and changes nothing', async () => {
    const target = (await list(agent)).boards[0];
    if (!target) throw new Error('the agent has a board');
    const before = await list(agent);
    for (const browser of [admin, agentB]) {
      for (const [method, body] of [
        ['PATCH', { name: 'Pris' }],
        ['PATCH', { position: 0 }],
        ['DELETE', undefined],
      ] as const) {
        const refused = await refusalOf(await call(browser, method, `/api/boards/${target.id}`, body));
        expect(refused, `${method} ${JSON.stringify(body)}`).toEqual(
          await refusalOf(await call(browser, method, `/api/boards/${randomUUID()}`, body)),
        );
        expect(refused.status).toBe(404);
      }
    }
    expect(await list(agent)).toEqual(before);
  });

  it('lists only their own boards', async () => {
    const boards = await list(agentB);
    expect(boards.boards).toHaveLength(1);
    const ofA = new Set((await list(agent)).boards.map((board) => board.id));
    expect(boards.boards.some((board) => ofA.has(board.id))).toBe(false);
  });
});
