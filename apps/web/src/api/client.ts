import {
  appLinksResponseSchema,
  boardSchema,
  meSchema,
  type AppLinksResponse,
  type Board,
  type Language,
  type Me,
  type SaveBoardRequest,
} from '@pleiade/contracts';
import { apiErrorFromResponse, invalidResponseError, networkError } from './errors';
import { markSessionExpired } from './session-expiry';

/** Anything with zod's safeParse: the contract schemas. */
export interface Parser<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false };
}

/** A 204: nothing to parse, and anything else is unexpected. */
export const noContent: Parser<void> = {
  safeParse: (data) => (data === undefined ? { success: true, data: undefined } : { success: false }),
};

export type Method = 'GET' | 'PUT' | 'PATCH' | 'POST' | 'DELETE';

export interface RequestOptions {
  body?: unknown;
  /** Lets the request outlive the page (pagehide); the browser caps such bodies at 64 KiB. */
  keepalive?: boolean;
  signal?: AbortSignal;
}

/** The BFF refuses state-changing requests without it: a cross-site form cannot set a custom header. */
const CSRF_HEADERS = { 'X-Requested-With': 'pleiade', 'Content-Type': 'application/json' } as const;

async function readJson(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** One API call: CSRF header on mutations, the stable error body to ApiError, the answer parsed by `schema`. */
export async function request<T>(
  method: Method,
  path: string,
  schema: Parser<T>,
  options: RequestOptions = {},
): Promise<T> {
  const init: RequestInit = {
    method,
    credentials: 'same-origin',
    headers: method === 'GET' ? { Accept: 'application/json' } : { Accept: 'application/json', ...CSRF_HEADERS },
  };
  if (options.body !== undefined) init.body = JSON.stringify(options.body);
  if (options.keepalive) init.keepalive = true;
  if (options.signal) init.signal = options.signal;

  let response: Response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  const requestId = response.headers.get('x-request-id');
  let body: unknown;
  try {
    body = await readJson(response);
  } catch {
    throw networkError();
  }
  if (!response.ok) {
    const error = apiErrorFromResponse(response.status, body, requestId);
    if (error.code === 'SESSION_EXPIRED') markSessionExpired();
    throw error;
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalidResponseError(response.status, requestId);
  return parsed.data;
}

export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return request('GET', '/api/me', meSchema, signal ? { signal } : {});
}

/** Keeps the person's language for their next sign-in, on any device. */
export function saveLanguage(language: Language): Promise<void> {
  return request('PUT', '/api/me/language', noContent, { body: { language } });
}

export function saveBoard(
  boardId: string,
  body: SaveBoardRequest,
  options: { keepalive?: boolean } = {},
): Promise<Board> {
  return request('PUT', `/api/boards/${encodeURIComponent(boardId)}`, boardSchema, {
    body,
    keepalive: options.keepalive ?? false,
  });
}

export function fetchAppLinks(signal?: AbortSignal): Promise<AppLinksResponse> {
  return request('GET', '/api/apps', appLinksResponseSchema, signal ? { signal } : {});
}

/** Full-page navigations handled by the BFF (OIDC), not API calls. */
export const LOGIN_URL = '/auth/login';
export const LOGOUT_URL = '/auth/logout';
