import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { expect } from 'vitest';
import { apiErrorBodySchema, boardListSchema, boardSchema, type Board, type BoardList } from '@pleiade/contracts';
import type { TestBrowser } from './http-client.js';
import { api } from './pleiade.js';

/**
 * Small factories for board tests: the board list and a board as the API gives them, and boards of
 * the collectivité stored directly, as its administration stores them.
 */

export async function boardListOf(baseUrl: string, browser: TestBrowser): Promise<BoardList> {
  const response = await api(browser, `${baseUrl}/api/boards`);
  expect(response.status, 'reading the board list').toBe(200);
  return boardListSchema.parse(await response.json());
}

export async function boardById(baseUrl: string, browser: TestBrowser, boardId: string): Promise<Board> {
  const response = await api(browser, `${baseUrl}/api/boards/${boardId}`);
  expect(response.status, `reading board ${boardId}`).toBe(200);
  return boardSchema.parse(await response.json());
}

/** A new board of the person's, through the API. */
export async function createBoardVia(baseUrl: string, browser: TestBrowser, name: string): Promise<Board> {
  const response = await api(browser, `${baseUrl}/api/boards`, 'POST', { name });
  expect(response.status, `creating board ${name}`).toBe(201);
  return boardSchema.parse(await response.json());
}

/** Status and error of a refused call, without the request id: two refusals compare equal when they say the same. */
export async function refusalOf(response: Response): Promise<{ status: number; code: string; message: string }> {
  const { code, message } = apiErrorBodySchema.parse(await response.json()).error;
  return { status: response.status, code, message };
}

/** A template or published board of a collectivité, with no widget, stored as the administration stores it. */
export async function storeSharedBoard(
  databaseUrl: string,
  options: { collectiviteId: string; kind: 'TEMPLATE' | 'PUBLISHED'; audience: string[]; name: string },
): Promise<string> {
  const id = randomUUID();
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      'INSERT INTO board (id, collectivite_id, kind, owner_id, audience, name) VALUES ($1, $2, $3, NULL, $4, $5)',
      [id, options.collectiviteId, options.kind, options.audience, options.name],
    );
  } finally {
    await client.end();
  }
  return id;
}
