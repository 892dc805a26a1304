import {
  MAX_WIDGETS_PER_BOARD,
  WIDGET_CONTRACTS,
  WIDGET_TITLES,
  can,
  diffBoards,
  isWidgetKind,
  type Board,
  type TemplateUpdate,
} from '@pleiade/contracts';
import type { Prisma } from '../generated/prisma/client.js';
import { authorize } from '../auth/authorize.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import { boardAccessFields, boardResourceOf, widgetResourceOf, type BoardAccessRow } from './board-access.js';
import { boardInclude, presentBoard } from './board-presenter.js';
import { lockBoardList } from './home-board.js';
import { enforceTemplate, mergeTemplate } from './template-merge.js';
import {
  storedWidgetFields,
  storedWidgetsFromJson,
  storedWidgetsJson,
  storedWidgetsOf,
  widgetRowsOf,
  type StoredWidget,
} from './shared-widgets.js';

/**
 * Templates as people receive them: a personal copy for each member of a template's audience,
 * the home board it gives them, the newer versions they may merge or reset to, and the locks
 * enforced on every copy when a version is published. The boards published to them, too.
 *
 * The board list and the home board (home-board.ts, personal-boards.ts) reach these through
 * prepared-boards.ts.
 */

type Tx = Prisma.TransactionClient;

const NO_TEMPLATE = 'Ce tableau n’est la copie d’aucun modèle que vous recevez.';

/** Templates and published boards whose audience names one of the person's groups (not all of them for administrators). */
function forMyGroups(principal: Principal, kind: 'TEMPLATE' | 'PUBLISHED'): Prisma.BoardWhereInput {
  return { collectiviteId: principal.collectiviteId, kind, audience: { hasSome: [...principal.groups] } };
}

/** Takes the template's row lock: a version being published is wholly there or not at all. */
async function lockTemplate(tx: Tx, templateId: string): Promise<void> {
  await tx.$queryRaw`SELECT 1 FROM board WHERE id = ${templateId}::uuid FOR SHARE`;
}

async function templateWidgets(tx: Tx, templateId: string): Promise<StoredWidget[]> {
  return storedWidgetsOf(
    await tx.widgetInstance.findMany({ where: { boardId: templateId }, select: storedWidgetFields }),
  );
}

/**
 * Gives the person a copy of each template of their groups they have not received yet (a new
 * member of « Finances » gets the « Finances » template). Once only: a copy they delete does not
 * come back unasked. Élus own no board: they receive none.
 */
export async function receiveTemplates(db: Db, principal: Principal): Promise<void> {
  if (!can(principal, 'collectivite.createBoard', { collectiviteId: principal.collectiviteId })) return;
  const templates = await db.board.findMany({
    where: { ...forMyGroups(principal, 'TEMPLATE'), receipts: { none: { userId: principal.userId } } },
    select: { id: true, ...boardAccessFields },
  });
  for (const template of templates) {
    if (!can(principal, 'board.copy', boardResourceOf(template))) continue;
    await db.$transaction(async (tx) => {
      // Two first visits at once: the receipt's primary key lets one of them make the copy.
      const { count } = await tx.templateReceipt.createMany({
        data: [{ userId: principal.userId, templateId: template.id }],
        skipDuplicates: true,
      });
      if (count === 0) return;
      await lockTemplate(tx, template.id);
      const current = await tx.board.findUniqueOrThrow({
        where: { id: template.id },
        select: { name: true, revision: true },
      });
      await createCopy(tx, principal, { id: template.id, ...current }, await templateWidgets(tx, template.id));
    });
  }
}

/** The person's copy of a template, after their other boards (their tabs). */
async function createCopy(
  tx: Tx,
  principal: Principal,
  template: { id: string; name: string; revision: number },
  widgets: StoredWidget[],
): Promise<string> {
  await lockBoardList(tx, principal.userId);
  const position = await tx.board.count({
    where: { kind: 'PERSONAL', ownerId: principal.userId, collectiviteId: principal.collectiviteId },
  });
  const board = await tx.board.create({
    data: {
      name: template.name,
      position,
      kind: 'PERSONAL',
      ownerId: principal.userId,
      collectiviteId: principal.collectiviteId,
      templateId: template.id,
      templateRevision: template.revision,
      templateBase: storedWidgetsJson(widgets),
    },
  });
  await tx.widgetInstance.createMany({ data: widgetRowsOf(board.id, widgets) });
  return board.id;
}

/**
 * The person's copy of their best-matching template: among the templates of their groups they
 * have a copy of, the one of highest priority (1 first; then by name). Null when none.
 */
export async function templateHomeBoardId(db: Db, principal: Principal): Promise<string | null> {
  const copies = await db.board.findMany({
    where: {
      kind: 'PERSONAL',
      ownerId: principal.userId,
      collectiviteId: principal.collectiviteId,
      template: { is: forMyGroups(principal, 'TEMPLATE') },
    },
    select: { id: true, createdAt: true, template: { select: { priority: true, name: true } } },
  });
  copies.sort(
    (a, b) =>
      (a.template?.priority ?? 0) - (b.template?.priority ?? 0) ||
      (a.template?.name ?? '').localeCompare(b.template?.name ?? '', 'fr') ||
      a.createdAt.getTime() - b.createdAt.getTime(),
  );
  return copies[0]?.id ?? null;
}

/**
 * GET /api/kiosk/:boardId — a published board for a council-chamber screen: only for those who
 * read it, signed in (policy `board.openKiosk`); anything else answers as the board read would.
 */
export async function getKioskBoard(db: Db, principal: Principal, boardId: string): Promise<Board> {
  const board = await db.board.findFirst({
    where: { id: boardId, collectiviteId: principal.collectiviteId },
    include: boardInclude,
  });
  if (!board) throw new AppError('NOT_FOUND', 'Tableau introuvable.');
  authorize(principal, 'board.openKiosk', boardResourceOf(board));
  return presentBoard(board, principal);
}

/**
 * When a template's version is published: on every copy, its locked widgets are put back at their
 * place, the others it no longer locks are released, and its widgets' audiences apply at once
 * (template-merge.ts). Each copy changed gets a new version, so an editor open on it reloads
 * instead of overwriting.
 */
export async function enforceTemplateOnCopies(
  tx: Tx,
  templateId: string,
  widgets: readonly StoredWidget[],
): Promise<number> {
  const copies = await tx.board.findMany({
    where: { templateId },
    select: { id: true, templateBase: true, widgets: { select: storedWidgetFields } },
  });
  let changed = 0;
  for (const copy of copies) {
    const enforced = enforceTemplate(storedWidgetsFromJson(copy.templateBase), widgets, storedWidgetsOf(copy.widgets));
    if (!enforced) continue;
    await tx.board.update({ where: { id: copy.id }, data: { version: { increment: 1 }, updatedAt: new Date() } });
    await tx.widgetInstance.deleteMany({ where: { boardId: copy.id } });
    await tx.widgetInstance.createMany({ data: widgetRowsOf(copy.id, enforced) });
    changed += 1;
  }
  return changed;
}

const copyFields = {
  id: true,
  templateId: true,
  templateRevision: true,
  templateBase: true,
  ...boardAccessFields,
} as const;

/** The person's copy and the template it copies, if they may read both. */
async function copyAndTemplate(db: Db | Tx, principal: Principal, boardId: string) {
  const copy = await db.board.findFirst({
    where: { id: boardId, collectiviteId: principal.collectiviteId },
    select: copyFields,
  });
  if (!copy) throw new AppError('NOT_FOUND', 'Tableau introuvable.');
  authorize(principal, 'board.read', boardResourceOf(copy));
  const template = copy.templateId
    ? await db.board.findFirst({
        where: { id: copy.templateId, collectiviteId: principal.collectiviteId, kind: 'TEMPLATE' },
        select: { id: true, name: true, revision: true, contentRevision: true, ...boardAccessFields },
      })
    : null;
  if (!template || !can(principal, 'board.read', boardResourceOf(template)))
    throw new AppError('NOT_FOUND', NO_TEMPLATE);
  return { copy, template };
}

/** Only about what the person may see: a change to a widget restricted to other groups is left out. */
function visibleTo(principal: Principal, copy: BoardAccessRow, widgets: readonly StoredWidget[]) {
  const seen = new Set(
    widgets
      .filter((widget) => can(principal, 'widget.read', widgetResourceOf(copy, widget)))
      .map((widget) => widget.id),
  );
  return (widgetId: string) => seen.has(widgetId);
}

/** GET /api/boards/:boardId/template-update — what the template's newer version would bring. */
export async function getTemplateUpdate(db: Db, principal: Principal, boardId: string): Promise<TemplateUpdate> {
  const { copy, template } = await copyAndTemplate(db, principal, boardId);
  if (template.contentRevision <= (copy.templateRevision ?? 0)) {
    throw new AppError('NOT_FOUND', 'Aucune mise à jour du modèle n’attend ce tableau.');
  }
  const [widgets, published] = await Promise.all([
    templateWidgets(db, template.id),
    db.boardRevision.findUnique({ where: { boardId_number: { boardId: template.id, number: template.revision } } }),
  ]);
  const base = storedWidgetsFromJson(copy.templateBase);
  const sees = visibleTo(principal, copy, [...base, ...widgets]);
  const same = { name: '', audience: [], priority: 0 };
  const changes = diffBoards({ ...same, widgets: base }, { ...same, widgets }).filter(
    (change) => 'widgetId' in change && sees(change.widgetId),
  );
  return {
    template: { id: template.id, name: template.name },
    fromRevision: copy.templateRevision ?? 0,
    toRevision: template.revision,
    publishedAt: (published?.createdAt ?? new Date()).toISOString(),
    authorName: published?.authorName ?? 'Pléiade',
    changes,
  };
}

/** What a board can hold: a merge that would go beyond is refused, the copy unchanged. */
function checkLimits(widgets: readonly StoredWidget[]): void {
  const problems: { path: string; message: string }[] = [];
  if (widgets.length > MAX_WIDGETS_PER_BOARD) {
    problems.push({
      path: 'widgets',
      message: `Votre tableau aurait ${widgets.length} widgets, au plus ${MAX_WIDGETS_PER_BOARD} : retirez-en avant d’intégrer la mise à jour.`,
    });
  }
  const counts = new Map<string, number>();
  for (const widget of widgets) {
    if (!isWidgetKind(widget.kind) || !WIDGET_CONTRACTS[widget.kind].options.safeParse(widget.options ?? {}).success)
      continue;
    counts.set(widget.kind, (counts.get(widget.kind) ?? 0) + 1);
  }
  for (const [kind, count] of counts) {
    if (!isWidgetKind(kind)) continue;
    const max = WIDGET_CONTRACTS[kind].maxPerBoard;
    if (count > max) {
      problems.push({
        path: 'widgets',
        message: `Votre tableau aurait ${count} widgets « ${WIDGET_TITLES[kind]} », au plus ${max} : retirez-en avant d’intégrer la mise à jour.`,
      });
    }
  }
  if (problems.length > 0)
    throw new AppError('VALIDATION_FAILED', 'La mise à jour ne peut pas être intégrée.', problems);
}

/**
 * POST /api/boards/:boardId/template-update/merge or /reset: the person's copy takes the template's
 * current version, merged with their changes (template-merge.ts) or instead of them. Same
 * optimistic concurrency as a save: 409 if the copy changed since `version`.
 */
export async function applyTemplateUpdate(
  db: Db,
  principal: Principal,
  boardId: string,
  version: number,
  mode: 'merge' | 'reset',
): Promise<Board> {
  const saved = await db.$transaction(async (tx) => {
    const { copy, template } = await copyAndTemplate(tx, principal, boardId);
    authorize(principal, 'board.edit', boardResourceOf(copy));
    await lockTemplate(tx, template.id);
    const { count } = await tx.board.updateMany({
      where: { id: boardId, collectiviteId: principal.collectiviteId, version },
      data: { version: { increment: 1 }, updatedAt: new Date() },
    });
    if (count === 0) {
      throw new AppError(
        'BOARD_VERSION_CONFLICT',
        'Ce tableau a été modifié ailleurs depuis son chargement. Rechargez-le avant d’intégrer la mise à jour.',
      );
    }
    const current = await tx.board.findUniqueOrThrow({ where: { id: template.id }, select: { revision: true } });
    const next = await templateWidgets(tx, template.id);
    const mine = storedWidgetsOf(await tx.widgetInstance.findMany({ where: { boardId }, select: storedWidgetFields }));
    const widgets = mode === 'merge' ? mergeTemplate(storedWidgetsFromJson(copy.templateBase), next, mine) : next;
    checkLimits(widgets);
    await tx.widgetInstance.deleteMany({ where: { boardId } });
    await tx.widgetInstance.createMany({ data: widgetRowsOf(boardId, widgets) });
    await tx.board.update({
      where: { id: boardId },
      data: { templateRevision: current.revision, templateBase: storedWidgetsJson(next) },
    });
    return tx.board.findUniqueOrThrow({ where: { id: boardId }, include: boardInclude });
  });
  return presentBoard(saved, principal);
}
