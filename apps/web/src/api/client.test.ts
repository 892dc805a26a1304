import { afterEach, describe, expect, it, vi } from 'vitest';
import { testId, widget } from '../test/factories';
import { fetchAppLinks, fetchMe, saveBoard } from './client';
import { ApiError } from './errors';

type FetchArgs = [input: string, init: RequestInit];

function stubFetch(response: Response | Error) {
  const spy = vi.fn<(...args: FetchArgs) => Promise<Response>>(() =>
    response instanceof Error ? Promise.reject(response) : Promise.resolve(response),
  );
  vi.stubGlobal('fetch', spy);
  return spy;
}

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });
}

const me = {
  id: testId(),
  displayName: 'Camille Martin',
  email: 'camille.martin@demo-a.test',
  role: 'agent',
  groups: ['agents'],
  collectivite: { id: testId(), slug: 'demo-a', name: 'Commune de démonstration A' },
  language: null,
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('API client', () => {
  it('reads with the session cookie and parses the body with the contract schema', async () => {
    const spy = stubFetch(json(200, me));
    await expect(fetchMe()).resolves.toEqual(me);
    const [url, init] = spy.mock.calls[0] ?? [];
    expect(url).toBe('/api/me');
    expect(init?.method).toBe('GET');
    expect(init?.credentials).toBe('same-origin');
    expect(new Headers(init?.headers).has('X-Requested-With')).toBe(false);
  });

  it('sends the anti-forgery header and JSON on a save, with keepalive when asked', async () => {
    const boardId = testId();
    const widgets = [widget('notes', { x: 0, y: 0, w: 4, h: 4 })];
    const saved = {
      id: boardId,
      name: 'Mon tableau de bord',
      version: 4,
      readOnly: false,
      updatedAt: '2025-03-03T08:00:00.000Z',
      kind: 'personal',
      widgets,
      lockedWidgetIds: [],
      template: null,
    };
    const spy = stubFetch(json(200, saved));
    await expect(saveBoard(boardId, { version: 3, widgets }, { keepalive: true })).resolves.toEqual(saved);
    const [url, init] = spy.mock.calls[0] ?? [];
    expect(url).toBe(`/api/boards/${boardId}`);
    expect(init?.method).toBe('PUT');
    expect(init?.keepalive).toBe(true);
    const headers = new Headers(init?.headers);
    expect(headers.get('X-Requested-With')).toBe('pleiade');
    expect(headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(String(init?.body))).toEqual({ version: 3, widgets });
  });

  it('turns an error body into an ApiError', async () => {
    stubFetch(json(409, { error: { code: 'BOARD_VERSION_CONFLICT', message: 'Version périmée.', requestId: 'r-9' } }));
    const error = await saveBoard(testId(), { version: 1, widgets: [] }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 409, code: 'BOARD_VERSION_CONFLICT', requestId: 'r-9' });
  });

  it('refuses a success body that does not match the contract', async () => {
    stubFetch(json(200, { links: [{ id: 'not-a-uuid', label: 'x' }] }, { 'x-request-id': 'r-1' }));
    await expect(fetchAppLinks()).rejects.toMatchObject({ code: 'INVALID_RESPONSE', requestId: 'r-1' });
  });

  it('reports an unreachable server as a network error', async () => {
    stubFetch(new TypeError('Failed to fetch'));
    await expect(fetchMe()).rejects.toMatchObject({ status: 0, code: 'NETWORK_ERROR' });
  });
});

describe('an ended session', () => {
  it('is remembered from a SESSION_EXPIRED answer to any call, not from a plain 401', async () => {
    const { isSessionExpired } = await import('./session-expiry');
    stubFetch(json(401, { error: { code: 'UNAUTHENTICATED', message: 'Vous n’êtes pas connecté.', requestId: 'r1' } }));
    await expect(fetchMe()).rejects.toBeInstanceOf(ApiError);
    expect(isSessionExpired()).toBe(false);
    stubFetch(json(401, { error: { code: 'SESSION_EXPIRED', message: 'Votre session a expiré.', requestId: 'r2' } }));
    await expect(fetchAppLinks()).rejects.toMatchObject({ code: 'SESSION_EXPIRED' });
    expect(isSessionExpired()).toBe(true);
  });
});
