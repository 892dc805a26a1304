import {
  isUnavailable,
  parseBoardDocument,
  sameJson,
  toBoardDocument,
  type AudienceList,
  type BoardDocument,
  type CreateSharedBoardRequest,
  type ErrorDetail,
  type SaveSharedBoardRequest,
  type SharedBoard,
  type SharedBoardKind,
  type SharedBoardList,
  type SharedWidget,
} from '@pleiade/contracts';
import { randomUUID } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.js';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { boardAccessFields, boardResourceOf, fromDbKind, toDbKind } from './board-access.js';
import { presentWidgets } from './board-presenter.js';
import { recordAudit, recordRevision, versionOf, type BoardVersion } from './history.js';
import {
  arrangeWidgets,
  storedWidgetFields,
  storedWidgetsOf,
  widgetRowsOf,
  type StoredWidget,
} from './shared-widgets.js';
import { enforceTemplateOnCopies } from './templates.js';

/**
 * The administration of a collectivité's templates and published boards (/api/admin/boards): each
 * change is a version (history.ts) and an entry of the audit log, in the transaction of the change.
 * Every lookup is scoped to the administrator's collectivité; the policies (`board.administer`)
 * decide within it, so a board of another collectivité, or a person's own, answers 404.
 */

type Tx = Prisma.TransactionClient;

const SHARED_KINDS = [toDbKind.template, toDbKind.published];
const BOARD_NOT_FOUND = 'Tableau introuvable.';
const CONFLICT =
  'Ce tableau a été publié par un autre administrateur depuis son chargement. Rechargez-le : vos modifications ne sont pas perdues tant que vous ne quittez pas la page.';

const sharedFields = {
  id: true,
  name: true,
  priority: true,
  version: true,
  revision: true,
  contentRevision: true,
  updatedAt: true,
  ...boardAccessFields,
} as const;

function sharedKindOf(kind: Parameters<typeof boardResourceOf>[0]['kind']): SharedBoardKind {
  const shared = fromDbKind[kind];
  if (shared === 'personal') throw new AppError('NOT_FOUND', BOARD_NOT_FOUND);
  return shared;
}

/** A template or published board of the administrator's collectivité that they may administer. */
async function findAdministered(db: Db | Tx, principal: Principal, boardId: string) {
  const board = await db.board.findFirst({
    where: { id: boardId, collectiviteId: principal.collectiviteId },
    select: sharedFields,
  });
  if (!board) throw new AppError('NOT_FOUND', BOARD_NOT_FOUND);
  authorize(principal, 'board.administer', boardResourceOf(board));
  return { ...board, sharedKind: sharedKindOf(board.kind) };
}

async function readWidgets(db: Db | Tx, boardId: string): Promise<StoredWidget[]> {
  return storedWidgetsOf(await db.widgetInstance.findMany({ where: { boardId }, select: storedWidgetFields }));
}

/** GET /api/admin/boards/:boardId */
export async function getSharedBoard(db: Db | Tx, principal: Principal, boardId: string): Promise<SharedBoard> {
  const board = await findAdministered(db, principal, boardId);
  const [rows, copies] = await Promise.all([
    db.widgetInstance.findMany({ where: { boardId }, select: storedWidgetFields }),
    db.board.count({ where: { templateId: boardId } }),
  ]);
  return {
    id: board.id,
    kind: board.sharedKind,
    name: board.name,
    audience: board.audience,
    priority: board.priority,
    version: board.version,
    revision: board.revision,
    updatedAt: board.updatedAt.toISOString(),
    copies,
    widgets: presentWidgets(rows).map(({ row, widget }): SharedWidget => ({
      ...widget,
      locked: row.locked,
      audience: row.audience,
    })),
  };
}

/** GET /api/admin/boards */
export async function listSharedBoards(db: Db, principal: Principal): Promise<SharedBoardList> {
  const boards = await db.board.findMany({
    where: { collectiviteId: principal.collectiviteId, kind: { in: SHARED_KINDS } },
    select: {
      ...sharedFields,
      widgets: { select: { locked: true, audience: true } },
      _count: { select: { copies: true } },
      revisions: { orderBy: { number: 'desc' }, take: 1, select: { number: true, authorName: true, createdAt: true } },
    },
    orderBy: [{ kind: 'asc' }, { priority: 'asc' }, { name: 'asc' }, { createdAt: 'asc' }],
  });
  return {
    boards: boards.map((board) => {
      const last = board.revisions[0];
      return {
        id: board.id,
        kind: sharedKindOf(board.kind),
        name: board.name,
        audience: board.audience,
        priority: board.priority,
        revision: board.revision,
        updatedAt: board.updatedAt.toISOString(),
        widgetCount: board.widgets.length,
        lockedCount: board.widgets.filter((widget) => widget.locked).length,
        restrictedCount: board.widgets.filter((widget) => widget.audience.length > 0).length,
        copies: board._count.copies,
        lastRevision: last
          ? { number: last.number, authorName: last.authorName, createdAt: last.createdAt.toISOString() }
          : null,
      };
    }),
  };
}

/**
 * A new template or published board of `collectiviteId`, with its first version; `principal` null
 * when Pléiade itself creates it (the demo's boards).
 */
export async function createSharedBoardVersion(
  tx: Tx,
  principal: Principal | null,
  collectiviteId: string,
  kind: SharedBoardKind,
  version: BoardVersion,
  action: 'created' | 'imported',
): Promise<string> {
  const widgets = arrangeWidgets(version.widgets, false);
  const board = await tx.board.create({
    data: {
      collectiviteId,
      kind: toDbKind[kind],
      name: version.name,
      audience: version.audience,
      priority: version.priority,
      revision: 1,
      contentRevision: 1,
    },
  });
  await tx.widgetInstance.createMany({ data: widgetRowsOf(board.id, widgets) });
  await recordRevision(tx, principal, board.id, 1, action, { ...version, widgets });
  const audit = action === 'created' ? 'board.created' : 'board.imported';
  await recordAudit(tx, principal, collectiviteId, audit, { id: board.id, kind, name: version.name }, 1);
  return board.id;
}

/** POST /api/admin/boards — an empty template or published board. */
export async function createSharedBoard(
  db: Db,
  principal: Principal,
  request: CreateSharedBoardRequest,
): Promise<SharedBoard> {
  return db.$transaction(async (tx) => {
    const id = await createSharedBoardVersion(
      tx,
      principal,
      principal.collectiviteId,
      request.kind,
      { ...request, widgets: [] },
      'created',
    );
    return getSharedBoard(tx, principal, id);
  });
}

/**
 * Writes a new version of a board the administrator holds at `version` (optimistic concurrency,
 * 409 otherwise): name, audience, priority and widgets, recorded in the history and the audit log.
 * A template's copies get its locks and audiences at once, and are offered the rest.
 */
async function writeVersion(
  tx: Tx,
  principal: Principal,
  boardId: string,
  expectedVersion: number,
  next: BoardVersion,
  action: 'published' | 'restored',
  restoredFrom: number | null = null,
): Promise<void> {
  const board = await findAdministered(tx, principal, boardId);
  const { count } = await tx.board.updateMany({
    where: { id: boardId, collectiviteId: principal.collectiviteId, version: expectedVersion },
    data: { version: { increment: 1 }, updatedAt: new Date() },
  });
  if (count === 0) throw new AppError('BOARD_VERSION_CONFLICT', CONFLICT);
  const widgets = arrangeWidgets(next.widgets, false);
  const contentChanged = !sameJson(await readWidgets(tx, boardId), widgets);
  const revision = board.revision + 1;
  await tx.board.update({
    where: { id: boardId },
    data: {
      name: next.name,
      audience: next.audience,
      priority: next.priority,
      revision,
      ...(contentChanged ? { contentRevision: revision } : {}),
    },
  });
  await tx.widgetInstance.deleteMany({ where: { boardId } });
  await tx.widgetInstance.createMany({ data: widgetRowsOf(boardId, widgets) });
  await recordRevision(tx, principal, boardId, revision, action, { ...next, widgets }, restoredFrom);
  await recordAudit(
    tx,
    principal,
    principal.collectiviteId,
    action === 'published' ? 'board.published' : 'board.restored',
    { id: boardId, kind: board.sharedKind, name: next.name },
    revision,
    restoredFrom,
  );
  if (board.sharedKind === 'template' && contentChanged) await enforceTemplateOnCopies(tx, boardId, widgets);
}

/**
 * The widgets of a new version from the request: a widget to reconfigure keeps its stored kind and
 * options (it is sent back without them); one the board does not hold is refused.
 */
function requestedWidgets(request: SaveSharedBoardRequest['widgets'], stored: readonly StoredWidget[]): StoredWidget[] {
  const byId = new Map(stored.map((widget) => [widget.id, widget]));
  const problems: ErrorDetail[] = [];
  const widgets = request.flatMap((widget, position): StoredWidget[] => {
    const access = { locked: widget.locked, audience: widget.audience };
    if (!isUnavailable(widget)) {
      return [{ id: widget.id, kind: widget.kind, options: widget.options, layout: widget.layout, ...access }];
    }
    const kept = byId.get(widget.id);
    if (!kept) {
      problems.push({
        path: `body.widgets.${position}.id`,
        message: 'Ce widget à reconfigurer n’est pas sur ce tableau.',
      });
      return [];
    }
    return [{ ...kept, layout: widget.layout, ...access }];
  });
  if (problems.length > 0) throw new AppError('VALIDATION_FAILED', 'La requête est invalide.', problems);
  return widgets;
}

/** PUT /api/admin/boards/:boardId — publishes a new version. */
export async function publishSharedBoard(
  db: Db,
  principal: Principal,
  boardId: string,
  request: SaveSharedBoardRequest,
): Promise<SharedBoard> {
  return db.$transaction(async (tx) => {
    await findAdministered(tx, principal, boardId);
    const widgets = requestedWidgets(request.widgets, await readWidgets(tx, boardId));
    await writeVersion(tx, principal, boardId, request.version, { ...request, widgets }, 'published');
    return getSharedBoard(tx, principal, boardId);
  });
}

/** POST /api/admin/boards/:boardId/revisions/:number/restore — a new version with an older one's content. */
export async function restoreRevision(
  db: Db,
  principal: Principal,
  boardId: string,
  number: number,
  version: number,
): Promise<SharedBoard> {
  return db.$transaction(async (tx) => {
    await findAdministered(tx, principal, boardId);
    const revision = await tx.boardRevision.findUnique({ where: { boardId_number: { boardId, number } } });
    if (!revision)
      throw new AppError('NOT_FOUND', 'Cette version n’est plus conservée (seules les 20 dernières le sont).');
    await writeVersion(tx, principal, boardId, version, versionOf(revision), 'restored', number);
    return getSharedBoard(tx, principal, boardId);
  });
}

/**
 * DELETE /api/admin/boards/:boardId. The copies of a template stay their owners' boards, released
 * from its locks; its history goes with it; the audit log keeps its name.
 */
export async function deleteSharedBoard(db: Db, principal: Principal, boardId: string): Promise<void> {
  await db.$transaction(async (tx) => {
    const board = await findAdministered(tx, principal, boardId);
    authorize(principal, 'board.delete', boardResourceOf(board));
    await tx.widgetInstance.updateMany({ where: { board: { templateId: boardId } }, data: { locked: false } });
    await tx.auditEvent.updateMany({ where: { boardId }, data: { boardId: null } });
    await recordAudit(
      tx,
      principal,
      principal.collectiviteId,
      'board.deleted',
      { id: null, kind: board.sharedKind, name: board.name },
      board.revision,
    );
    await tx.board.delete({ where: { id: boardId } });
  });
}

/** GET /api/admin/boards/:boardId/export */
export async function exportSharedBoard(db: Db, principal: Principal, boardId: string): Promise<BoardDocument> {
  const board = await findAdministered(db, principal, boardId);
  return toBoardDocument({ ...board, kind: board.sharedKind, widgets: await readWidgets(db, boardId) });
}

/**
 * POST /api/admin/board-imports — a new board from a document, checked with the same contracts as
 * the API. Refused with every problem in French (details), nothing created.
 */
export async function importSharedBoard(db: Db, principal: Principal, document: unknown): Promise<SharedBoard> {
  const parsed = parseBoardDocument(document);
  if (!parsed.ok) {
    throw new AppError(
      'VALIDATION_FAILED',
      parsed.problems.length === 1
        ? 'Ce tableau ne peut pas être importé : 1 problème à corriger.'
        : `Ce tableau ne peut pas être importé : ${parsed.problems.length} problèmes à corriger.`,
      parsed.problems.slice(0, 100),
    );
  }
  const { board } = parsed;
  const widgets: StoredWidget[] = board.widgets.map((widget) => ({
    id: randomUUID(),
    kind: widget.kind,
    options: widget.options as Prisma.JsonValue,
    layout: widget.layout,
    locked: widget.locked,
    audience: widget.audience,
  }));
  return db.$transaction(async (tx) => {
    const id = await createSharedBoardVersion(
      tx,
      principal,
      principal.collectiviteId,
      board.kind,
      { ...board, widgets },
      'imported',
    );
    return getSharedBoard(tx, principal, id);
  });
}

/**
 * GET /api/admin/audiences — the groups met among the collectivité's people at their last sign-in
 * (with how many have each), and those its boards name, with the boards for each.
 */
export async function listAudiences(db: Db, principal: Principal): Promise<AudienceList> {
  const [members, boards] = await Promise.all([
    db.$queryRaw<{ name: string; members: number }[]>`
      SELECT g AS name, count(*)::int AS members
      FROM app_user, unnest(groups) AS g
      WHERE collectivite_id = ${principal.collectiviteId}::uuid
      GROUP BY g`,
    db.board.findMany({
      where: { collectiviteId: principal.collectiviteId, kind: { in: SHARED_KINDS } },
      select: { id: true, kind: true, name: true, audience: true },
      orderBy: [{ kind: 'asc' }, { name: 'asc' }],
    }),
  ]);
  const groups = new Map<string, AudienceList['groups'][number]>();
  const entry = (name: string) => {
    const found = groups.get(name) ?? { name, members: 0, boards: [] };
    groups.set(name, found);
    return found;
  };
  for (const row of members) entry(row.name).members = row.members;
  for (const board of boards) {
    for (const group of board.audience) {
      entry(group).boards.push({ id: board.id, kind: sharedKindOf(board.kind), name: board.name });
    }
  }
  return { groups: [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, 'fr')) };
}
