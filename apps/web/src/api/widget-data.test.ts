import { afterEach, describe, expect, it, vi } from 'vitest';
import { testId } from '../test/factories';
import {
  deletePersonalCredential,
  fetchMyConnectors,
  fetchWidgetData,
  savePersonalCredential,
  startVisio,
  widgetDataKeys,
  widgetDataQuery,
} from './widget-data';

type FetchArgs = [input: string, init: RequestInit];

function stubFetch(...responses: Response[]) {
  const spy = vi.fn<(...args: FetchArgs) => Promise<Response>>();
  for (const response of responses) spy.mockResolvedValueOnce(response);
  vi.stubGlobal('fetch', spy);
  return spy;
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
}

const source = { id: testId(), kind: 'zimbra', label: 'Messagerie de la mairie', authMode: 'zimbra_preauth' };

const mail = {
  status: 'ok',
  fetchedAt: '2025-03-05T09:00:00.000Z',
  stale: false,
  source,
  data: {
    unreadCount: 3,
    latest: [
      {
        id: '257',
        from: 'Claire Dubois',
        subject: 'Conseil municipal <b>jeudi</b>',
        receivedAt: '2025-03-05T08:12:00Z',
        url: 'https://mail.demo-a.test/#1',
      },
    ],
    appUrl: 'https://mail.demo-a.test/',
  },
};

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('widget data', () => {
  it('reads a widget by its id and parses the data of its kind', async () => {
    const widgetId = testId();
    const spy = stubFetch(json(200, mail));
    await expect(fetchWidgetData(widgetId, 'mail')).resolves.toEqual(mail);
    const [url, init] = spy.mock.calls[0] ?? [];
    expect(url).toBe(`/api/widgets/${widgetId}/data`);
    expect(init?.method).toBe('GET');
  });

  it('asks the BFF to read the application again on « Actualiser »', async () => {
    const widgetId = testId();
    const spy = stubFetch(json(200, mail));
    await fetchWidgetData(widgetId, 'mail', undefined, true);
    expect(spy.mock.calls[0]?.[0]).toBe(`/api/widgets/${widgetId}/data?refresh=1`);
  });

  it('passes a failure state through, with its French message and source', async () => {
    const failure = { status: 'credentials_missing', message: 'Reliez votre compte pour voir vos messages.', source };
    stubFetch(json(200, failure));
    await expect(fetchWidgetData(testId(), 'mail')).resolves.toEqual(failure);
  });

  it('refuses data of another kind', async () => {
    stubFetch(json(200, mail));
    await expect(fetchWidgetData(testId(), 'agenda')).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('refuses a link that is not http(s), even inside otherwise valid data', async () => {
    const poisoned = structuredClone(mail);
    poisoned.data.appUrl = 'javascript:alert(1)';
    stubFetch(json(200, poisoned));
    await expect(fetchWidgetData(testId(), 'mail')).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('refuses an unknown failure status', async () => {
    stubFetch(json(200, { status: 'on_fire', message: 'x' }));
    await expect(fetchWidgetData(testId(), 'chat')).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });

  it('turns an API error into an ApiError with the server’s message', async () => {
    stubFetch(json(404, { error: { code: 'NOT_FOUND', message: 'Widget introuvable.', requestId: 'r-1' } }));
    await expect(fetchWidgetData(testId(), 'mail')).rejects.toMatchObject({
      status: 404,
      message: 'Widget introuvable.',
    });
  });

  it('keys each widget’s data by its id and saved connector, under one prefix', () => {
    const widgetId = testId();
    const connectorId = testId();
    expect(widgetDataQuery(widgetId, 'mail').queryKey).toEqual(['widgets', widgetId, 'data', 'default']);
    expect(widgetDataQuery(widgetId, 'mail', connectorId).queryKey).toEqual(['widgets', widgetId, 'data', connectorId]);
    expect(widgetDataQuery(widgetId, 'mail').queryKey.slice(0, 1)).toEqual(widgetDataKeys.all);
    expect(widgetDataQuery(widgetId, 'mail').refetchIntervalInBackground).toBe(false);
  });
});

describe('start a visio', () => {
  it('posts the room name with the anti-forgery header and returns the meeting link', async () => {
    const widgetId = testId();
    const answer = { roomName: 'conseil-municipal', url: 'https://visio.demo-a.test/conseil-municipal?jwt=abc' };
    const spy = stubFetch(json(201, answer));
    await expect(startVisio(widgetId, { roomName: 'conseil-municipal' })).resolves.toEqual(answer);
    const [url, init] = spy.mock.calls[0] ?? [];
    expect(url).toBe(`/api/widgets/${widgetId}/visio`);
    expect(init?.method).toBe('POST');
    expect(new Headers(init?.headers).get('X-Requested-With')).toBe('pleiade');
    expect(JSON.parse(String(init?.body))).toEqual({ roomName: 'conseil-municipal' });
  });

  it('refuses a meeting link that is not http(s)', async () => {
    stubFetch(json(201, { roomName: 'x', url: 'javascript:alert(1)' }));
    await expect(startVisio(testId(), {})).rejects.toMatchObject({ code: 'INVALID_RESPONSE' });
  });
});

describe('personal connectors', () => {
  it('lists the person’s connectors', async () => {
    const list = {
      connectors: [
        {
          ...source,
          kind: 'nextcloud',
          authMode: 'personal_secret',
          appUrl: 'https://cloud.demo-a.test/',
          personalCredential: { set: false, username: null, updatedAt: null },
        },
      ],
    };
    const spy = stubFetch(json(200, list));
    await expect(fetchMyConnectors()).resolves.toEqual(list);
    expect(spy.mock.calls[0]?.[0]).toBe('/api/me/connectors');
  });

  it('saves a credential with PUT and revokes it with DELETE, accepting an empty answer', async () => {
    const connectorId = testId();
    const spy = stubFetch(new Response(null, { status: 204 }), new Response(null, { status: 204 }));
    await savePersonalCredential(connectorId, { username: 'cmartin', secret: 'app-pass' });
    await deletePersonalCredential(connectorId);
    const [putUrl, putInit] = spy.mock.calls[0] ?? [];
    expect(putUrl).toBe(`/api/me/connectors/${connectorId}/credential`);
    expect(putInit?.method).toBe('PUT');
    expect(JSON.parse(String(putInit?.body))).toEqual({ username: 'cmartin', secret: 'app-pass' });
    const [deleteUrl, deleteInit] = spy.mock.calls[1] ?? [];
    expect(deleteUrl).toBe(`/api/me/connectors/${connectorId}/credential`);
    expect(deleteInit?.method).toBe('DELETE');
    expect(new Headers(deleteInit?.headers).get('X-Requested-With')).toBe('pleiade');
  });

  it('reports a refused credential with the server’s message and details', async () => {
    stubFetch(
      json(400, {
        error: {
          code: 'VALIDATION_FAILED',
          message: 'Requête invalide.',
          requestId: 'r-2',
          details: [{ path: 'secret', message: 'le mot de passe d’application ou le jeton est requis' }],
        },
      }),
    );
    await expect(savePersonalCredential(testId(), { secret: 'x' })).rejects.toMatchObject({
      status: 400,
      details: [{ path: 'secret', message: 'le mot de passe d’application ou le jeton est requis' }],
    });
  });
});
