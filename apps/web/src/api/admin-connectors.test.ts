import { afterEach, describe, expect, it, vi } from 'vitest';
import { testId } from '../test/factories';
import {
  createConnector,
  deleteConnector,
  fetchConnectors,
  testConnectorConnection,
  updateConnector,
} from './admin-connectors';
import { ApiError } from './errors';

type FetchArgs = [input: string, init: RequestInit];

function stubFetch(response: Response) {
  const spy = vi.fn<(...args: FetchArgs) => Promise<Response>>(() => Promise.resolve(response));
  vi.stubGlobal('fetch', spy);
  return spy;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const id = testId();
const stored = {
  id,
  kind: 'imap',
  label: 'Courriel',
  baseUrl: 'https://webmail.mairie.test',
  authMode: 'personal_secret',
  options: { port: 993, tls: 'implicit' },
  secretNames: [],
  allowPrivateNetworks: [],
  enabled: true,
  createdAt: '2026-11-30T08:00:00.000Z',
  updatedAt: '2026-11-30T08:00:00.000Z',
};

afterEach(() => {
  vi.unstubAllGlobals();
});

function sent(spy: ReturnType<typeof stubFetch>) {
  const [url, init] = spy.mock.calls[0] ?? [];
  return { url, method: init?.method, headers: new Headers(init?.headers), body: init?.body };
}

describe('the connector administration API', () => {
  it('lists the collectivité’s connectors', async () => {
    const spy = stubFetch(json(200, { connectors: [stored] }));
    await expect(fetchConnectors()).resolves.toEqual([stored]);
    expect(sent(spy)).toMatchObject({ url: '/api/admin/connectors', method: 'GET' });
  });

  it('creates and updates with JSON and the anti-forgery header', async () => {
    let spy = stubFetch(json(201, stored));
    const body = {
      kind: 'imap' as const,
      label: 'Courriel',
      baseUrl: 'https://webmail.mairie.test',
      authMode: 'personal_secret' as const,
      options: {},
      secrets: {},
      allowPrivateNetworks: [],
      enabled: true,
    };
    await expect(createConnector(body)).resolves.toEqual(stored);
    let request = sent(spy);
    expect(request).toMatchObject({ url: '/api/admin/connectors', method: 'POST', body: JSON.stringify(body) });
    expect(request.headers.get('X-Requested-With')).toBe('pleiade');

    spy = stubFetch(json(200, stored));
    await updateConnector(id, { secrets: { password: null } });
    request = sent(spy);
    expect(request).toMatchObject({ url: `/api/admin/connectors/${id}`, method: 'PUT' });
    expect(request.body).toBe('{"secrets":{"password":null}}');
  });

  it('deletes (204) and tests the connection', async () => {
    let spy = stubFetch(new Response(null, { status: 204 }));
    await expect(deleteConnector(id)).resolves.toBeUndefined();
    expect(sent(spy)).toMatchObject({ url: `/api/admin/connectors/${id}`, method: 'DELETE' });

    const result = { ok: false, status: 'unreachable', reason: 'ECONNREFUSED', message: 'Injoignable.', latencyMs: 12 };
    spy = stubFetch(json(200, result));
    await expect(testConnectorConnection(id)).resolves.toEqual(result);
    expect(sent(spy)).toMatchObject({ url: `/api/admin/connectors/${id}/test`, method: 'POST' });
  });

  it('turns a refusal into an ApiError with its details', async () => {
    stubFetch(
      json(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'La requête est invalide.',
          requestId: 'req-1',
          details: [{ path: 'body.options.port', message: 'Too small' }],
        },
      }),
    );
    const error = await updateConnector(id, { options: { port: 0 } }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', details: [{ path: 'body.options.port' }] });
  });

  it('refuses an answer that is not the contract’s', async () => {
    stubFetch(json(200, { connectors: [{ ...stored, secretNames: undefined, secrets: { password: 'x' } }] }));
    await expect(fetchConnectors()).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});
