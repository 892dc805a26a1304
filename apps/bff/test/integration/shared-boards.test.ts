import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  apiErrorBodySchema,
  audienceListSchema,
  auditLogSchema,
  boardRevisionListSchema,
  boardSchema,
  describeChange,
  boardListSchema,
  sharedBoardListSchema,
  sharedBoardSchema,
  templateUpdateSchema,
  type Board,
  type BoardWidget,
  type SharedBoard,
  type SharedWidget,
} from '@pleiade/contracts';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * Boards the collectivité prepares (issue 9, points 3 to 9), through the API: templates with locked
 * and restricted widgets, copies that receive new versions, boards published to élus, history,
 * import and export, the audit log, and the collectivité's walls.
 */

let pleiade: TestPleiade;
let agent: TestBrowser;
let elu: TestBrowser;
let admin: TestBrowser;
let agentB: TestBrowser;
let adminB: TestBrowser;

const url = (path: string) => `${pleiade.url}${path}`;

async function call(browser: TestBrowser, path: string, method = 'GET', body?: unknown) {
  const response = await api(browser, url(path), method, body);
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? (JSON.parse(text) as unknown) : undefined };
}

async function ok<T>(parser: { parse(value: unknown): T }, pending: ReturnType<typeof call>, status = 200): Promise<T> {
  const { status: actual, body } = await pending;
  expect(actual, JSON.stringify(body)).toBe(status);
  return parser.parse(body);
}

async function refusal(pending: ReturnType<typeof call>) {
  const { status, body } = await pending;
  const { code, message, details } = apiErrorBodySchema.parse(body).error;
  return { status, code, message, ...(details ? { details } : {}) };
}

async function sql<T extends pg.QueryResultRow>(text: string, values: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: pleiade.database.url });
  await client.connect();
  try {
    return (await client.query<T>(text, values)).rows;
  } finally {
    await client.end();
  }
}

const at = (x: number, y: number, w: number, h: number) => ({ lg: { x, y, w, h } });

function sharedWidget(kind: string, layout: ReturnType<typeof at>, extra: Partial<SharedWidget> = {}) {
  const options = kind === 'notes' ? { text: '' } : {};
  return { id: randomUUID(), kind, options, layout, locked: false, audience: [], ...extra } as SharedWidget;
}

async function createBoard(browser: TestBrowser, kind: 'template' | 'published', name: string, audience: string[]) {
  return ok(sharedBoardSchema, call(browser, '/api/admin/boards', 'POST', { kind, name, audience }), 201);
}

/** Publishes a new version of `board` with `changes` (widgets as JSON: the server checks them). */
function publish(
  browser: TestBrowser,
  board: SharedBoard,
  changes: Partial<Omit<SharedBoard, 'widgets'>> & { widgets?: unknown[] } = {},
) {
  const next = { ...board, ...changes };
  return call(browser, `/api/admin/boards/${board.id}`, 'PUT', {
    version: next.version,
    name: next.name,
    audience: next.audience,
    priority: next.priority,
    widgets: next.widgets,
  });
}

async function current(browser: TestBrowser): Promise<Board> {
  return ok(boardSchema, call(browser, '/api/boards/current'));
}

function save(browser: TestBrowser, board: Board, widgets: BoardWidget[]) {
  return call(browser, `/api/boards/${board.id}`, 'PUT', { version: board.version, widgets });
}

/** The names of the boards published to the person, among their tabs (GET /api/boards). */
async function publishedTo(browser: TestBrowser): Promise<string[]> {
  const { boards } = await ok(boardListSchema, call(browser, '/api/boards'));
  return boards.filter((board) => board.kind === 'published').map((board) => board.name);
}

const ids = (board: { widgets: readonly { id: string }[] }) => board.widgets.map((widget) => widget.id);
const find = (board: { widgets: readonly BoardWidget[] }, id: string) =>
  board.widgets.find((widget) => widget.id === id);

beforeAll(async () => {
  pleiade = await startTestPleiade();
  [agent, elu, admin, agentB, adminB] = (await Promise.all(
    ['agent', 'elu', 'admin', 'agent-b', 'admin-b'].map((username) => signIn(pleiade.url, username)),
  )) as [TestBrowser, TestBrowser, TestBrowser, TestBrowser, TestBrowser];
});
afterAll(async () => {
  await pleiade?.stop();
});

describe('a template for a group', () => {
  const welcome = sharedWidget('welcome', at(0, 0, 4, 3), { locked: true });
  const notes = sharedWidget('notes', at(4, 0, 4, 4), { options: { text: 'Consignes du service' } });
  // Restricted to a group the agent is not in (the administrator is).
  const parapheur = sharedWidget('mail', at(8, 0, 4, 5), { audience: ['app-parapheur'] });
  let template: SharedBoard;
  let copy: Board;

  beforeAll(async () => {
    template = await createBoard(admin, 'template', 'Services', ['agents']);
    template = await ok(sharedBoardSchema, publish(admin, template, { widgets: [welcome, notes, parapheur] }));
  });

  it('is published by an administrator, version by version', () => {
    expect(template).toMatchObject({ kind: 'template', name: 'Services', audience: ['agents'], revision: 2 });
    expect(template.widgets.map((widget) => [widget.id, widget.locked, widget.audience])).toEqual([
      [welcome.id, true, []],
      [notes.id, false, []],
      [parapheur.id, false, ['app-parapheur']],
    ]);
    // Stored with a position on every screen size, so a lock holds on each of them.
    expect(Object.keys(template.widgets[0]?.layout ?? {}).sort()).toEqual(['lg', 'md', 'sm', 'xs']);
  });

  it('gives each member of the group a personal copy, as their home board; élus and others get none', async () => {
    copy = await current(agent);
    expect(copy).toMatchObject({
      kind: 'personal',
      name: 'Services',
      readOnly: false,
      template: { id: template.id, name: 'Services', updateAvailable: false },
      lockedWidgetIds: [welcome.id],
    });
    expect(ids(copy)).toEqual([welcome.id, notes.id]);
    const again = await current(agent);
    expect(again.id).toBe(copy.id);
    expect((await sql('SELECT count(*)::int AS n FROM board WHERE template_id = $1', [template.id]))[0]).toEqual({
      n: 1,
    });
    expect((await current(elu)).template).toBeNull();
    expect((await current(agentB)).template).toBeNull();
  });

  it('never sends a restricted widget, nor its data, to someone outside its groups', async () => {
    const mine = await current(admin);
    expect(mine.template?.id).toBe(template.id);
    expect(ids(mine)).toEqual([welcome.id, notes.id, parapheur.id]);
    expect((await call(admin, `/api/widgets/${parapheur.id}/data`)).status).toBe(200);
    const missing = await refusal(call(agent, `/api/widgets/${randomUUID()}/data`));
    expect(await refusal(call(agent, `/api/widgets/${parapheur.id}/data`))).toEqual(missing);
    expect(missing.status).toBe(404);
  });

  it('refuses, on a copy, to remove or move a locked widget (403), or to overwrite a hidden one (400)', async () => {
    const locked = {
      status: 403,
      code: 'FORBIDDEN',
      message:
        'Ce widget est verrouillé par l’administrateur de votre collectivité : il ne peut être ni déplacé ni retiré.',
    };
    const others = copy.widgets.filter((widget) => widget.id !== welcome.id);
    expect(await refusal(save(agent, copy, others))).toEqual(locked);
    const moved = copy.widgets.map((widget) =>
      widget.id === welcome.id ? { ...widget, layout: { ...widget.layout, lg: { x: 8, y: 8, w: 4, h: 3 } } } : widget,
    );
    expect(await refusal(save(agent, copy, moved))).toEqual(locked);
    const overwrite = { id: parapheur.id, kind: 'notes' as const, options: { text: 'x' }, layout: at(0, 10, 4, 4) };
    expect(await refusal(save(agent, copy, [...copy.widgets, overwrite]))).toMatchObject({
      status: 400,
      details: [{ path: 'body.widgets.2.id', message: 'Identifiant de widget déjà utilisé sur ce tableau.' }],
    });
    expect(await current(agent)).toEqual(copy);
  });

  it('lets the member customise their copy; a widget they cannot see is kept by their saves', async () => {
    const chat = { id: randomUUID(), kind: 'chat' as const, options: {}, layout: at(0, 12, 4, 5) };
    const widgets = copy.widgets.map((widget): BoardWidget =>
      widget.id === notes.id && widget.kind === 'notes'
        ? { ...widget, options: { text: 'Mes notes' }, layout: { ...widget.layout, lg: { x: 8, y: 0, w: 4, h: 4 } } }
        : widget,
    );
    copy = await ok(boardSchema, save(agent, copy, [...widgets, chat]));
    expect(ids(copy)).toEqual([welcome.id, notes.id, chat.id]);
    const stored = await sql<{ id: string; audience: string[] }>(
      'SELECT id, audience FROM widget_instance WHERE board_id = $1 ORDER BY position',
      [copy.id],
    );
    expect(stored).toEqual([
      { id: welcome.id, audience: [] },
      { id: notes.id, audience: [] },
      { id: chat.id, audience: [] },
      { id: parapheur.id, audience: ['app-parapheur'] },
    ]);
  });

  it('publishes a new version: copies see « Mise à jour disponible », and only its locked widgets change under them', async () => {
    const agenda = sharedWidget('agenda', at(4, 4, 4, 5));
    template = await ok(
      sharedBoardSchema,
      publish(admin, template, {
        widgets: template.widgets
          .map((widget) => {
            if (widget.id === welcome.id) return { ...widget, layout: at(4, 0, 4, 3) };
            if (widget.id === notes.id)
              return { ...widget, options: { text: 'Consignes 2027' }, layout: at(0, 0, 4, 4) };
            if (widget.id === parapheur.id) return { ...widget, layout: at(8, 0, 4, 8) };
            return widget;
          })
          .concat([agenda]),
      }),
    );
    expect(template.revision).toBe(3);
    const after = await current(agent);
    expect(after.version).toBe(copy.version + 1);
    expect(after.template).toEqual({ id: template.id, name: 'Services', updateAvailable: true });
    expect(find(after, welcome.id)?.layout.lg).toEqual({ x: 4, y: 0, w: 4, h: 3 });
    expect(find(after, notes.id)).toMatchObject({ options: { text: 'Mes notes' } });
    expect(find(after, notes.id)?.layout.lg).toMatchObject({ x: 8, y: 0 });
    expect(ids(after)).not.toContain(agenda.id);
    copy = after;

    const update = await ok(templateUpdateSchema, call(agent, `/api/boards/${copy.id}/template-update`));
    expect(update).toMatchObject({
      template: { id: template.id, name: 'Services' },
      fromRevision: 2,
      toRevision: 3,
      authorName: 'Alex Moreau',
    });
    // Only what the agent may see: nothing about the restricted widget.
    expect(update.changes.map((change) => describeChange(change))).toEqual([
      '« Bienvenue » déplacé de la colonne 1, ligne 1 à la colonne 5, ligne 1.',
      '« Notes » déplacé de la colonne 5, ligne 1 à la colonne 1, ligne 1.',
      'Réglages de « Notes » modifiés.',
      '« Agenda » ajouté en colonne 5, ligne 4.',
    ]);
    expect((await call(elu, `/api/boards/${copy.id}/template-update`)).status).toBe(404);
  });

  it('merges the new version: new widgets added, the member’s moves and settings kept, locks enforced', async () => {
    const stale = await refusal(
      call(agent, `/api/boards/${copy.id}/template-update/merge`, 'POST', { version: copy.version - 1 }),
    );
    expect(stale).toMatchObject({ status: 409, code: 'BOARD_VERSION_CONFLICT' });
    const merged = await ok(
      boardSchema,
      call(agent, `/api/boards/${copy.id}/template-update/merge`, 'POST', { version: copy.version }),
    );
    expect(merged.template?.updateAvailable).toBe(false);
    expect(merged.widgets.map((widget) => widget.kind)).toEqual(['welcome', 'notes', 'chat', 'agenda']);
    expect(find(merged, notes.id)).toMatchObject({ options: { text: 'Mes notes' } });
    expect(find(merged, notes.id)?.layout.lg).toMatchObject({ x: 8, y: 0 });
    expect(find(merged, welcome.id)?.layout.lg).toEqual({ x: 4, y: 0, w: 4, h: 3 });
    expect(merged.lockedWidgetIds).toEqual([welcome.id]);
    expect((await call(agent, `/api/boards/${copy.id}/template-update`)).status).toBe(404);
    const kept = await sql('SELECT count(*)::int AS n FROM widget_instance WHERE board_id = $1 AND id = $2', [
      copy.id,
      parapheur.id,
    ]);
    expect(kept).toEqual([{ n: 1 }]);
    copy = merged;
  });

  it('resets a copy to the template’s current version, on the member’s request', async () => {
    const reset = await ok(
      boardSchema,
      call(agent, `/api/boards/${copy.id}/template-update/reset`, 'POST', { version: copy.version }),
    );
    expect(reset.widgets.map((widget) => [widget.kind, widget.layout.lg])).toEqual(
      template.widgets
        .filter((widget) => widget.audience.length === 0)
        .map((widget) => [widget.kind, widget.layout.lg]),
    );
    expect(find(reset, notes.id)).toMatchObject({ options: { text: 'Consignes 2027' } });
    // A person with no copy of a template, and another collectivité, learn nothing.
    for (const browser of [elu, agentB]) {
      const missing = await refusal(
        call(browser, `/api/boards/${randomUUID()}/template-update/reset`, 'POST', { version: 1 }),
      );
      expect(
        await refusal(call(browser, `/api/boards/${reset.id}/template-update/reset`, 'POST', { version: 1 })),
      ).toEqual(missing);
    }
  });

  it('restricting a widget takes effect on copies at once', async () => {
    template = await ok(
      sharedBoardSchema,
      publish(admin, template, {
        widgets: template.widgets.map((widget) =>
          widget.id === notes.id ? { ...widget, audience: ['finances'] } : widget,
        ),
      }),
    );
    const mine = await current(agent);
    expect(ids(mine)).not.toContain(notes.id);
    expect(mine.template?.updateAvailable).toBe(true);
  });
  it('releases the locks of a person the template no longer reaches, and offers them no update', async () => {
    const copyId = (await current(agent)).id;
    template = await ok(sharedBoardSchema, publish(admin, template, { audience: ['finances'] }));
    const mine = await ok(boardSchema, call(agent, `/api/boards/${copyId}`));
    expect(mine).toMatchObject({ template: null, lockedWidgetIds: [] });
    const saved = await ok(
      boardSchema,
      save(
        agent,
        mine,
        mine.widgets.filter((widget) => widget.id !== welcome.id),
      ),
    );
    expect(ids(saved)).not.toContain(welcome.id);
    template = await ok(sharedBoardSchema, publish(admin, template, { audience: ['agents'] }));
  });
});

describe('a board published to the élus', () => {
  let board: SharedBoard;
  const agenda = sharedWidget('notes', at(0, 0, 6, 4), { options: { text: 'Ordre du jour du conseil' } });
  const commission = sharedWidget('notes', at(6, 0, 6, 4), {
    options: { text: 'Documents de la commission des finances' },
    audience: ['commission-finances'],
  });

  beforeAll(async () => {
    board = await createBoard(admin, 'published', 'Conseil municipal', []);
  });

  it('is a draft, seen by its administrators only, until it has an audience', async () => {
    board = await ok(sharedBoardSchema, publish(admin, board, { widgets: [agenda, commission] }));
    expect(await publishedTo(elu)).toEqual([]);
    expect((await call(elu, `/api/boards/${board.id}`)).status).toBe(404);
    board = await ok(sharedBoardSchema, publish(admin, board, { audience: ['elus'] }));
  });

  it('is listed for its audience, read-only, without the widgets restricted to other groups, and is their home board', async () => {
    expect(await publishedTo(elu)).toEqual(['Conseil municipal']);
    const seen = await ok(boardSchema, call(elu, `/api/boards/${board.id}`));
    expect(seen).toMatchObject({ kind: 'published', readOnly: true, template: null, lockedWidgetIds: [] });
    expect(ids(seen)).toEqual([agenda.id]);
    expect((await current(elu)).id).toBe(board.id);
    expect(await refusal(save(elu, seen, []))).toEqual({
      status: 403,
      code: 'FORBIDDEN',
      message: 'Ce tableau est en lecture seule.',
    });
    expect(await refusal(call(elu, `/api/widgets/${commission.id}/data`))).toMatchObject({ status: 404 });
  });

  it('does not exist for anyone else, whatever their collectivité', async () => {
    for (const browser of [agent, agentB, adminB]) {
      expect(await publishedTo(browser)).toEqual([]);
      const missing = await refusal(call(browser, `/api/boards/${randomUUID()}`));
      expect(await refusal(call(browser, `/api/boards/${board.id}`))).toEqual(missing);
    }
    const asAdmin = await ok(boardSchema, call(admin, `/api/boards/${board.id}`));
    expect(asAdmin.readOnly).toBe(true);
    expect(ids(asAdmin)).toEqual([agenda.id, commission.id]);
  });
});

describe('the history of a board', () => {
  let board: SharedBoard;
  const welcome = sharedWidget('welcome', at(0, 0, 4, 3));

  beforeAll(async () => {
    board = await createBoard(admin, 'published', 'Bureau municipal', ['elus']);
    board = await ok(sharedBoardSchema, publish(admin, board, { widgets: [welcome] }));
    board = await ok(
      sharedBoardSchema,
      publish(admin, board, { name: 'Bureau', widgets: [{ ...welcome, layout: at(4, 0, 4, 3) }] }),
    );
  });

  it('lists the versions, newest first, with their author, time and a readable diff', async () => {
    const { revisions } = await ok(boardRevisionListSchema, call(admin, `/api/admin/boards/${board.id}/revisions`));
    expect(revisions.map((revision) => [revision.number, revision.action, revision.authorName])).toEqual([
      [3, 'published', 'Alex Moreau'],
      [2, 'published', 'Alex Moreau'],
      [1, 'created', 'Alex Moreau'],
    ]);
    expect(revisions[0]?.changes?.map((change) => describeChange(change))).toEqual([
      'Nom changé : « Bureau municipal » devient « Bureau ».',
      '« Bienvenue » déplacé de la colonne 1, ligne 1 à la colonne 5, ligne 1.',
    ]);
    expect(revisions[1]?.changes?.map((change) => describeChange(change))).toEqual([
      '« Bienvenue » ajouté en colonne 1, ligne 1.',
    ]);
    expect(revisions[2]?.changes).toBeNull();
  });

  it('restores a version as a new one', async () => {
    const stale = await refusal(
      call(admin, `/api/admin/boards/${board.id}/revisions/2/restore`, 'POST', { version: board.version - 1 }),
    );
    expect(stale.status).toBe(409);
    const restored = await ok(
      sharedBoardSchema,
      call(admin, `/api/admin/boards/${board.id}/revisions/2/restore`, 'POST', { version: board.version }),
    );
    expect(restored).toMatchObject({ name: 'Bureau municipal', revision: 4 });
    expect(restored.widgets[0]?.layout.lg).toEqual({ x: 0, y: 0, w: 4, h: 3 });
    const { revisions } = await ok(boardRevisionListSchema, call(admin, `/api/admin/boards/${board.id}/revisions`));
    expect(revisions[0]).toMatchObject({ number: 4, action: 'restored', restoredFrom: 2 });
    board = restored;
  });

  it('keeps the last 20 versions', async () => {
    for (let index = 0; index < 18; index += 1) {
      board = await ok(sharedBoardSchema, publish(admin, board, { priority: (index % 5) + 1 }));
    }
    const { revisions } = await ok(boardRevisionListSchema, call(admin, `/api/admin/boards/${board.id}/revisions`));
    expect(revisions).toHaveLength(20);
    expect(revisions.map((revision) => revision.number)).toEqual(Array.from({ length: 20 }, (_, i) => 22 - i));
    expect(
      await refusal(
        call(admin, `/api/admin/boards/${board.id}/revisions/2/restore`, 'POST', { version: board.version }),
      ),
    ).toMatchObject({ status: 404, message: 'Cette version n’est plus conservée (seules les 20 dernières le sont).' });
  });
});

describe('import and export', () => {
  it('exports a board as a document that imports back as a new board', async () => {
    let board = await createBoard(admin, 'template', 'Finances', ['finances']);
    board = await ok(
      sharedBoardSchema,
      publish(admin, board, {
        widgets: [
          sharedWidget('welcome', at(0, 0, 4, 3), { locked: true }),
          sharedWidget('notes', at(4, 0, 4, 4), { options: { text: 'Budget 2027' }, audience: ['dgs'] }),
        ],
      }),
    );
    const exported = await call(admin, `/api/admin/boards/${board.id}/export`);
    expect(exported.status).toBe(200);
    expect(exported.headers.get('content-disposition')).toBe('attachment; filename=modele-finances.json');
    expect(exported.body).toMatchObject({
      format: 'pleiade.board',
      formatVersion: 1,
      kind: 'template',
      name: 'Finances',
    });
    const imported = await ok(sharedBoardSchema, call(admin, '/api/admin/board-imports', 'POST', exported.body), 201);
    expect(imported.id).not.toBe(board.id);
    expect(imported).toMatchObject({ kind: 'template', name: 'Finances', audience: ['finances'], revision: 1 });
    expect(imported.widgets.map((widget) => [widget.kind, widget.locked, widget.audience, widget.layout])).toEqual(
      board.widgets.map((widget) => [widget.kind, widget.locked, widget.audience, widget.layout]),
    );
    expect(imported.widgets.map((widget) => widget.id)).not.toContain(board.widgets[0]?.id);
  });

  it('refuses a document with unknown widgets or bad geometry, one French message per problem', async () => {
    const refused = await refusal(
      call(admin, '/api/admin/board-imports', 'POST', {
        format: 'pleiade.board',
        formatVersion: 1,
        kind: 'published',
        name: 'Import',
        audience: ['elus'],
        widgets: [
          { kind: 'meteo', options: {}, layout: at(0, 0, 4, 4) },
          { kind: 'notes', options: { text: '' }, layout: at(10, 0, 4, 4) },
        ],
      }),
    );
    expect(refused).toEqual({
      status: 400,
      code: 'VALIDATION_FAILED',
      message: 'Ce tableau ne peut pas être importé : 2 problèmes à corriger.',
      details: [
        {
          path: 'widgets.0.kind',
          message: expect.stringMatching(
            /^Widget n° 1 : le type « meteo » n’existe pas dans cette version de Pléiade/u,
          ),
        },
        {
          path: 'widgets.1.layout.lg.x',
          message:
            'Widget n° 2 (Notes) sur grand écran (lg) : il dépasse la grille de 12 colonnes (colonne 11, largeur 4).',
        },
      ],
    });
    const names = (await ok(sharedBoardListSchema, call(admin, '/api/admin/boards'))).boards.map((b) => b.name);
    expect(names).not.toContain('Import');
  });
});

describe('the administration of boards', () => {
  it('lists the collectivité’s templates and published boards with their locks, restrictions and copies', async () => {
    const { boards } = await ok(sharedBoardListSchema, call(admin, '/api/admin/boards'));
    const services = boards.find((board) => board.name === 'Services');
    expect(services).toMatchObject({ kind: 'template', lockedCount: 1, restrictedCount: 2, copies: 2 });
    expect(services?.lastRevision).toMatchObject({ authorName: 'Alex Moreau' });
    expect(boards.map((board) => board.kind)).toEqual([...boards.map((board) => board.kind)].sort().reverse());
  });

  it('lists the audiences: groups of the collectivité’s people and those its boards name', async () => {
    const { groups } = await ok(audienceListSchema, call(admin, '/api/admin/audiences'));
    // The agent and the administrator have signed in (the operator has not).
    expect(groups.find((group) => group.name === 'agents')).toMatchObject({
      members: 2,
      boards: [{ kind: 'template', name: 'Services' }],
    });
    expect(groups.find((group) => group.name === 'elus')?.boards.map((board) => board.name)).toEqual(
      expect.arrayContaining(['Conseil municipal']),
    );
    expect(groups.map((group) => group.name)).not.toContain('admins-demo-b');
  });

  it('keeps an audit log of who created, published, restored, imported and deleted what, for its administrators', async () => {
    const board = await createBoard(admin, 'published', 'Éphémère', ['elus']);
    expect((await call(admin, `/api/admin/boards/${board.id}`, 'DELETE')).status).toBe(204);
    expect((await call(admin, `/api/admin/boards/${board.id}`)).status).toBe(404);
    const { events } = await ok(auditLogSchema, call(admin, '/api/admin/audit-log'));
    expect(
      events.slice(0, 2).map((event) => [event.action, event.board.name, event.board.id, event.actorName]),
    ).toEqual([
      ['board.deleted', 'Éphémère', null, 'Alex Moreau'],
      ['board.created', 'Éphémère', null, 'Alex Moreau'],
    ]);
    expect(new Set(events.map((event) => event.action))).toEqual(
      new Set(['board.created', 'board.published', 'board.restored', 'board.imported', 'board.deleted']),
    );
    expect(events.find((event) => event.action === 'board.restored')).toMatchObject({ restoredFrom: 2, revision: 4 });
  });

  it('deleting a template leaves its copies to their owners, released from its locks', async () => {
    const template = (await ok(sharedBoardListSchema, call(admin, '/api/admin/boards'))).boards.find(
      (board) => board.name === 'Services',
    );
    const copyId = (await current(agent)).id;
    expect((await call(admin, `/api/admin/boards/${template?.id}`, 'DELETE')).status).toBe(204);
    const copy = await ok(boardSchema, call(agent, `/api/boards/${copyId}`));
    expect(copy).toMatchObject({ template: null, lockedWidgetIds: [], readOnly: false });
  });

  it('is refused to agents and élus (403), and is none of another collectivité’s business (404)', async () => {
    const { boards } = await ok(sharedBoardListSchema, call(admin, '/api/admin/boards'));
    const boardOfA = boards[0]?.id ?? '';
    for (const browser of [agent, elu, agentB]) {
      for (const path of [
        '/api/admin/boards',
        `/api/admin/boards/${boardOfA}`,
        '/api/admin/audiences',
        '/api/admin/audit-log',
      ]) {
        expect(await refusal(call(browser, path)), path).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      }
    }
    // An administrator of demo-b: their own (empty) lists, and nothing of demo-a.
    expect((await ok(sharedBoardListSchema, call(adminB, '/api/admin/boards'))).boards).toEqual([]);
    expect((await ok(auditLogSchema, call(adminB, '/api/admin/audit-log'))).events).toEqual([]);
    const groupsOfB = (await ok(audienceListSchema, call(adminB, '/api/admin/audiences'))).groups.map((g) => g.name);
    expect(groupsOfB).not.toContain('elus');
    const missing = randomUUID();
    for (const [method, suffix, body] of [
      ['GET', '', undefined],
      ['PUT', '', { version: 1, name: 'x', audience: [], priority: 1, widgets: [] }],
      ['DELETE', '', undefined],
      ['GET', '/revisions', undefined],
      ['GET', '/export', undefined],
      ['POST', '/revisions/1/restore', { version: 1 }],
    ] as const) {
      const theirs = await refusal(call(adminB, `/api/admin/boards/${boardOfA}${suffix}`, method, body));
      expect(theirs, `${method} ${suffix}`).toEqual(
        await refusal(call(adminB, `/api/admin/boards/${missing}${suffix}`, method, body)),
      );
      expect(theirs.status).toBe(404);
    }
    // And the other way round.
    const boardOfB = await createBoard(adminB, 'template', 'Services de B', ['agents']);
    expect((await call(admin, `/api/admin/boards/${boardOfB.id}`)).status).toBe(404);
    expect((await ok(sharedBoardListSchema, call(admin, '/api/admin/boards'))).boards.map((b) => b.id)).not.toContain(
      boardOfB.id,
    );
    expect((await current(agentB)).template?.id).toBe(boardOfB.id);
  });
});
