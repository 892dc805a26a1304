import {
  MAX_REVISIONS,
  REVISION_ACTIONS,
  AUDIT_ACTIONS,
  diffBoards,
  type AuditAction,
  type AuditEvent,
  type BoardRevision,
  type RevisionAction,
  type SharedBoardKind,
} from '@pleiade/contracts';
import type { Prisma } from '../generated/prisma/client.js';
import type { Principal } from '../auth/principal.js';
import type { Db } from '../db/client.js';
import { fromDbKind, toDbKind } from './board-access.js';
import { storedWidgetsFromJson, storedWidgetsJson, type StoredWidget } from './shared-widgets.js';

/**
 * The versions of templates and published boards (table board_revision, the last MAX_REVISIONS of
 * each) and the collectivité's audit log (table audit_event): who created, published, restored,
 * imported or deleted which board, when. Both are written in the transaction of the change itself.
 */

type Tx = Prisma.TransactionClient;

export interface BoardVersion {
  name: string;
  audience: string[];
  priority: number;
  widgets: StoredWidget[];
}

export async function recordRevision(
  tx: Tx,
  principal: Principal | null,
  boardId: string,
  number: number,
  action: RevisionAction,
  version: BoardVersion,
  restoredFrom: number | null = null,
): Promise<void> {
  await tx.boardRevision.create({
    data: {
      boardId,
      number,
      action,
      name: version.name,
      audience: version.audience,
      priority: version.priority,
      widgets: storedWidgetsJson(version.widgets),
      restoredFrom,
      authorId: principal?.userId ?? null,
      authorName: principal?.displayName ?? 'Pléiade',
    },
  });
  await tx.boardRevision.deleteMany({ where: { boardId, number: { lte: number - MAX_REVISIONS } } });
}

export async function recordAudit(
  tx: Tx,
  principal: Principal | null,
  collectiviteId: string,
  action: AuditAction,
  board: { id: string | null; kind: SharedBoardKind; name: string },
  revision: number | null,
  restoredFrom: number | null = null,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      collectiviteId,
      action,
      actorId: principal?.userId ?? null,
      actorName: principal?.displayName ?? 'Pléiade',
      boardId: board.id,
      boardKind: toDbKind[board.kind],
      boardName: board.name,
      revision,
      details: restoredFrom === null ? {} : { restoredFrom },
    },
  });
}

function revisionActionOf(action: string): RevisionAction {
  return (REVISION_ACTIONS as readonly string[]).includes(action) ? (action as RevisionAction) : 'published';
}

export function versionOf(row: {
  name: string;
  audience: string[];
  priority: number;
  widgets: Prisma.JsonValue;
}): BoardVersion {
  return {
    name: row.name,
    audience: row.audience,
    priority: row.priority,
    widgets: storedWidgetsFromJson(row.widgets),
  };
}

/** The versions kept, newest first, each with what changed since the one before it. */
export async function listRevisions(db: Db, boardId: string): Promise<BoardRevision[]> {
  const rows = await db.boardRevision.findMany({ where: { boardId }, orderBy: { number: 'desc' } });
  return rows.map((row, index) => {
    const previous = rows[index + 1];
    const version = versionOf(row);
    return {
      number: row.number,
      action: revisionActionOf(row.action),
      authorName: row.authorName,
      createdAt: row.createdAt.toISOString(),
      restoredFrom: row.restoredFrom,
      name: row.name,
      widgetCount: version.widgets.length,
      changes: previous ? diffBoards(versionOf(previous), version) : null,
    };
  });
}

/** The collectivité's audit log, newest first. */
export async function listAuditEvents(db: Db, collectiviteId: string, limit = 200): Promise<AuditEvent[]> {
  const rows = await db.auditEvent.findMany({
    where: { collectiviteId },
    orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    take: limit,
  });
  return rows.flatMap((row): AuditEvent[] => {
    if (!(AUDIT_ACTIONS as readonly string[]).includes(row.action)) return [];
    const details = row.details && typeof row.details === 'object' && !Array.isArray(row.details) ? row.details : {};
    const restoredFrom = typeof details.restoredFrom === 'number' ? details.restoredFrom : null;
    const kind = row.boardKind ? fromDbKind[row.boardKind] : null;
    return [
      {
        id: row.id,
        at: row.createdAt.toISOString(),
        action: row.action as AuditAction,
        actorName: row.actorName,
        board: { id: row.boardId, kind: kind === 'personal' ? null : kind, name: row.boardName },
        revision: row.revision,
        restoredFrom,
      },
    ];
  });
}
