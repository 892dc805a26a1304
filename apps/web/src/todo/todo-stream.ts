import { todoEventSchema, type TodoEvent } from '@pleiade/contracts';
import { apiErrorFromResponse, invalidResponseError, networkError } from '../api/errors';
import { markSessionExpired } from '../api/session-expiry';

export const TODO_STREAM_PATH = '/api/todo/stream';

/**
 * Reads GET /api/todo/stream: each NDJSON line, checked against the contract, handed to `onEvent`
 * as it arrives. Throws ApiError when the stream cannot start, or breaks before its `done` line.
 */
export async function readTodoStream(
  onEvent: (event: TodoEvent) => void,
  options: { refresh?: boolean; signal?: AbortSignal } = {},
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(`${TODO_STREAM_PATH}${options.refresh ? '?refresh=1' : ''}`, {
      credentials: 'same-origin',
      headers: { Accept: 'application/x-ndjson' },
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw networkError();
  }
  const requestId = response.headers.get('x-request-id');
  if (!response.ok || !response.body) {
    let body: unknown;
    try {
      body = JSON.parse(await response.text()) as unknown;
    } catch {
      body = undefined;
    }
    const error = apiErrorFromResponse(response.status, body, requestId);
    if (error.code === 'SESSION_EXPIRED') markSessionExpired();
    throw error;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let done = false;
  const handle = (line: string) => {
    if (line.trim() === '') return;
    let parsed;
    try {
      parsed = todoEventSchema.safeParse(JSON.parse(line));
    } catch {
      throw invalidResponseError(response.status, requestId);
    }
    if (!parsed.success) throw invalidResponseError(response.status, requestId);
    if (parsed.data.type === 'done') done = true;
    onEvent(parsed.data);
  };
  try {
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      buffer += chunk.value;
      let newline = buffer.indexOf('\n');
      while (newline >= 0) {
        handle(buffer.slice(0, newline));
        buffer = buffer.slice(newline + 1);
        newline = buffer.indexOf('\n');
      }
    }
    handle(buffer);
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    if (error instanceof Error && error.name === 'ApiError') throw error;
    throw networkError();
  }
  if (!done) throw networkError();
}
