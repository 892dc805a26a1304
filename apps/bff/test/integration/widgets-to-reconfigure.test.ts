import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiErrorBodySchema,
  boardSchema,
  bottomOf,
  isUnavailable,
  layoutOn,
  type Board,
  type BoardWidget,
} from '@pleiade/contracts';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * No silent loss: a stored widget this version cannot show (options that no longer match its
 * contract, a kind it does not know) is kept as stored, shown « à reconfigurer », and changes only
 * when its person reconfigures or removes it. The broken widgets are written straight into the
 * database, as a contract change or a downgrade leaves them.
 */

let pleiade: TestPleiade;
let agent: TestBrowser;

interface StoredRow {
  id: string;
  kind: string;
  options: unknown;
  layout: unknown;
}

async function query<T extends pg.QueryResultRow>(text: string, values: unknown[]): Promise<T[]> {
  const client = new pg.Client({ connectionString: pleiade.database.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

async function storedWidgets(boardId: string): Promise<StoredRow[]> {
  return query<StoredRow>(
    'SELECT id, kind, options, layout FROM widget_instance WHERE board_id = $1 ORDER BY position',
    [boardId],
  );
}

async function storeWidget(boardId: string, row: StoredRow): Promise<void> {
  await query(
    `INSERT INTO widget_instance (id, board_id, kind, options, layout, position)
     VALUES ($1, $2, $3, $4, $5, (SELECT COALESCE(MAX(position), -1) + 1 FROM widget_instance WHERE board_id = $2))`,
    [row.id, boardId, row.kind, JSON.stringify(row.options), JSON.stringify(row.layout)],
  );
}

async function currentBoard(): Promise<{ board: Board; raw: string }> {
  const response = await api(agent, `${pleiade.url}/api/boards/current`);
  expect(response.status).toBe(200);
  const raw = await response.text();
  return { board: boardSchema.parse(JSON.parse(raw)), raw };
}

async function save(board: Board, widgets: BoardWidget[]) {
  const response = await api(agent, `${pleiade.url}/api/boards/${board.id}`, 'PUT', {
    version: board.version,
    widgets,
  });
  return { status: response.status, body: (await response.json()) as unknown };
}

const brokenNote: StoredRow = {
  id: randomUUID(),
  kind: 'notes',
  // A note from a version where a note held a title and paragraphs.
  options: { title: 'Réunion', paragraphs: ['Budget 2027', 'Voirie'] },
  layout: { lg: { x: 0, y: 20, w: 4, h: 4 } },
};
const unknownKind: StoredRow = {
  id: randomUUID(),
  kind: 'meteo',
  options: { city: 'Villeurbanne' },
  layout: { lg: { x: 4, y: 20, w: 3, h: 3 }, xs: { x: 0, y: 30, w: 1, h: 3 } },
};
const brokenMail: StoredRow = {
  id: randomUUID(),
  kind: 'mail',
  options: { connectorId: 'la-messagerie' },
  layout: { lg: { x: 8, y: 20, w: 4, h: 5 } },
};

beforeAll(async () => {
  pleiade = await startTestPleiade();
  agent = await signIn(pleiade.url, 'agent');
  const { board } = await currentBoard();
  for (const row of [brokenNote, unknownKind, brokenMail]) await storeWidget(board.id, row);
});
afterAll(async () => {
  await pleiade?.stop();
});

describe('a widget that no longer matches its contract, or of an unknown kind', () => {
  it('is in the board, marked to reconfigure, without its stored options', async () => {
    const { board, raw } = await currentBoard();
    const unavailable = board.widgets.filter(isUnavailable);
    expect(unavailable).toEqual([
      { id: brokenNote.id, state: 'needs_reconfiguration', kind: 'notes', layout: brokenNote.layout },
      { id: unknownKind.id, state: 'needs_reconfiguration', kind: null, layout: unknownKind.layout },
      { id: brokenMail.id, state: 'needs_reconfiguration', kind: 'mail', layout: brokenMail.layout },
    ]);
    expect(board.widgets.filter((widget) => !isUnavailable(widget)).map((widget) => widget.kind)).toEqual([
      'welcome',
      'app-launcher',
      'notes',
    ]);
    for (const secret of ['Budget 2027', 'Villeurbanne', 'meteo', 'la-messagerie']) expect(raw).not.toContain(secret);
  });

  it('is kept as stored by every save that lists it, at the place the person gives it', async () => {
    const { board } = await currentBoard();
    const moved = board.widgets.map((widget) =>
      widget.id === unknownKind.id ? { ...widget, layout: { lg: { x: 0, y: 40, w: 6, h: 4 } } } : widget,
    );
    const { status, body } = await save(board, moved);
    expect(status, JSON.stringify(body)).toBe(200);
    expect(boardSchema.parse(body).widgets).toEqual(moved);
    const stored = await storedWidgets(board.id);
    expect(stored.find((row) => row.id === unknownKind.id)).toEqual({
      ...unknownKind,
      layout: { lg: { x: 0, y: 40, w: 6, h: 4 } },
    });
    expect(stored.find((row) => row.id === brokenNote.id)).toEqual(brokenNote);
  });

  it('is kept when the person changes another widget (a note typed, a widget added)', async () => {
    const { board } = await currentBoard();
    const widgets = board.widgets.map((widget) =>
      !isUnavailable(widget) && widget.kind === 'notes' ? { ...widget, options: { text: 'Appeler la DGS' } } : widget,
    );
    expect((await save(board, widgets)).status).toBe(200);
    const ids = (await storedWidgets(board.id)).map((row) => row.id);
    expect(ids).toEqual(expect.arrayContaining([brokenNote.id, unknownKind.id, brokenMail.id]));
  });

  it('never has its data read with other options than those chosen', async () => {
    const response = await api(agent, `${pleiade.url}/api/widgets/${brokenMail.id}/data`);
    expect(response.status).toBe(404);
  });

  it('is reconfigured by saving a working widget in its place, and removed by saving without it', async () => {
    const { board } = await currentBoard();
    const widgets = board.widgets.flatMap((widget): BoardWidget[] => {
      if (widget.id === brokenNote.id)
        return [{ id: widget.id, kind: 'notes', options: { text: '' }, layout: widget.layout }];
      return widget.id === unknownKind.id ? [] : [widget];
    });
    expect((await save(board, widgets)).status).toBe(200);
    const stored = await storedWidgets(board.id);
    expect(stored.find((row) => row.id === brokenNote.id)).toMatchObject({ kind: 'notes', options: { text: '' } });
    expect(stored.map((row) => row.id)).not.toContain(unknownKind.id);
    expect(stored.find((row) => row.id === brokenMail.id)).toEqual(brokenMail);
  });

  it('cannot be made up: a widget to reconfigure that the board does not hold is refused', async () => {
    const { board } = await currentBoard();
    const invented: BoardWidget = {
      id: randomUUID(),
      state: 'needs_reconfiguration',
      kind: null,
      layout: { lg: { x: 0, y: 50, w: 3, h: 3 } },
    };
    const { status, body } = await save(board, [...board.widgets, invented]);
    expect(status).toBe(400);
    expect(apiErrorBodySchema.parse(body).error.details).toEqual([
      {
        path: `body.widgets.${board.widgets.length}.id`,
        message: 'Ce widget à reconfigurer n’est pas sur ce tableau.',
      },
    ]);
    expect((await currentBoard()).board).toEqual(board);
  });
});

describe('a stored position that no longer parses', () => {
  it('is replaced by a place under the other widgets; the widget and its options are kept', async () => {
    const { board } = await currentBoard();
    const lost = { id: randomUUID(), kind: 'notes', options: { text: 'Garder ceci' }, layout: { lg: { x: 'gauche' } } };
    await storeWidget(board.id, lost);
    const shown = (await currentBoard()).board.widgets.find((widget) => widget.id === lost.id);
    expect(shown).toMatchObject({ kind: 'notes', options: { text: 'Garder ceci' } });
    // Under the others as the board shows them (compacted).
    expect(shown?.layout.lg).toMatchObject({ x: 0, y: bottomOf(layoutOn(board.widgets, 'lg')) });
  });
});
