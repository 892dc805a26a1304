import {
  audienceListSchema,
  auditLogSchema,
  boardRevisionListSchema,
  boardSchema,
  sharedBoardListSchema,
  sharedBoardSchema,
  templateUpdateSchema,
  type AudienceList,
  type AuditLog,
  type Board,
  type BoardRevision,
  type CreateSharedBoardRequest,
  type SaveSharedBoardRequest,
  type SharedBoard,
  type SharedBoardSummary,
  type TemplateUpdate,
} from '@pleiade/contracts';
import { request, type Parser } from './client';

/**
 * Boards the collectivité prepares. The administration's (/api/admin/boards, /api/admin/board-imports,
 * /api/admin/audiences, /api/admin/audit-log) and people's (the template update of their copy, the kiosk).
 */
const BASE = '/api/admin/boards';

export function sharedBoardUrl(boardId: string): string {
  return `${BASE}/${encodeURIComponent(boardId)}`;
}

/** Where « Exporter » downloads the board's JSON document (the BFF names the file). */
export function exportUrl(boardId: string): string {
  return `${sharedBoardUrl(boardId)}/export`;
}

const noContent: Parser<void> = {
  safeParse: (data) => (data === undefined ? { success: true, data: undefined } : { success: false }),
};

const withSignal = (signal?: AbortSignal) => (signal ? { signal } : {});

export async function fetchSharedBoards(signal?: AbortSignal): Promise<SharedBoardSummary[]> {
  return (await request('GET', BASE, sharedBoardListSchema, withSignal(signal))).boards;
}

export function fetchSharedBoard(boardId: string, signal?: AbortSignal): Promise<SharedBoard> {
  return request('GET', sharedBoardUrl(boardId), sharedBoardSchema, withSignal(signal));
}

export function createSharedBoard(body: CreateSharedBoardRequest): Promise<SharedBoard> {
  return request('POST', BASE, sharedBoardSchema, { body });
}

/** Publishes a new version; 409 when another administrator published since `body.version`. */
export function publishSharedBoard(boardId: string, body: SaveSharedBoardRequest): Promise<SharedBoard> {
  return request('PUT', sharedBoardUrl(boardId), sharedBoardSchema, { body });
}

export function deleteSharedBoard(boardId: string): Promise<void> {
  return request('DELETE', sharedBoardUrl(boardId), noContent);
}

export async function fetchRevisions(boardId: string, signal?: AbortSignal): Promise<BoardRevision[]> {
  return (await request('GET', `${sharedBoardUrl(boardId)}/revisions`, boardRevisionListSchema, withSignal(signal)))
    .revisions;
}

export function restoreRevision(boardId: string, number: number, version: number): Promise<SharedBoard> {
  return request('POST', `${sharedBoardUrl(boardId)}/revisions/${number}/restore`, sharedBoardSchema, {
    body: { version },
  });
}

/** The document as read from a file: the BFF checks it and answers each problem in French. */
export function importSharedBoard(document: unknown): Promise<SharedBoard> {
  return request('POST', '/api/admin/board-imports', sharedBoardSchema, { body: document });
}

export function fetchAudiences(signal?: AbortSignal): Promise<AudienceList> {
  return request('GET', '/api/admin/audiences', audienceListSchema, withSignal(signal));
}

export function fetchAuditLog(signal?: AbortSignal): Promise<AuditLog> {
  return request('GET', '/api/admin/audit-log', auditLogSchema, withSignal(signal));
}

/** What the newer version of the template a person's board copies would bring. */
export function fetchTemplateUpdate(boardId: string, signal?: AbortSignal): Promise<TemplateUpdate> {
  return request(
    'GET',
    `/api/boards/${encodeURIComponent(boardId)}/template-update`,
    templateUpdateSchema,
    withSignal(signal),
  );
}

export function applyTemplateUpdate(boardId: string, mode: 'merge' | 'reset', version: number): Promise<Board> {
  return request('POST', `/api/boards/${encodeURIComponent(boardId)}/template-update/${mode}`, boardSchema, {
    body: { version },
  });
}

/** A published board for the kiosk mode (only for those who read it). */
export function fetchKioskBoard(boardId: string, signal?: AbortSignal): Promise<Board> {
  return request('GET', `/api/kiosk/${encodeURIComponent(boardId)}`, boardSchema, withSignal(signal));
}
