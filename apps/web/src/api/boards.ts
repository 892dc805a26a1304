import { boardListSchema, boardSchema, type Board, type BoardList, type UpdateBoardRequest } from '@pleiade/contracts';
import { noContent, request } from './client';

/** A person's boards (/api/boards): the list of their tabs, one board, and changes to the list. */

function boardUrl(boardId: string): string {
  return `/api/boards/${encodeURIComponent(boardId)}`;
}

export function fetchBoardList(signal?: AbortSignal): Promise<BoardList> {
  return request('GET', '/api/boards', boardListSchema, signal ? { signal } : {});
}

export function fetchBoard(boardId: string, signal?: AbortSignal): Promise<Board> {
  return request('GET', boardUrl(boardId), boardSchema, signal ? { signal } : {});
}

export function createBoard(name: string): Promise<Board> {
  return request('POST', '/api/boards', boardSchema, { body: { name } });
}

export function updateBoard(boardId: string, body: UpdateBoardRequest): Promise<BoardList> {
  return request('PATCH', boardUrl(boardId), boardListSchema, { body });
}

/** `keepalive` when the page is going away with a deletion still waiting for its « Annuler ». */
export function deleteBoard(boardId: string, options: { keepalive?: boolean } = {}): Promise<void> {
  return request('DELETE', boardUrl(boardId), noContent, { keepalive: options.keepalive ?? false });
}

/** null lets Pléiade choose the home board again. */
export function chooseHomeBoard(boardId: string | null): Promise<BoardList> {
  return request('PUT', '/api/me/home-board', boardListSchema, { body: { boardId } });
}
