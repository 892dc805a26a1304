import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { computePreauth, parisTimeToday, startSimulators, type Simulators } from '../index.js';
import { expectKeys, timed } from '../test-support.js';

// Field names from Zimbra/zm-mailbox store/docs/soap.txt (search hits) and the JSON fault shape.
const MESSAGE_FIELDS = ['id', 'cid', 'l', 'd', 'sf', 'f', 's', 'rev', 'su', 'fr', 'e'];
const ADDRESS_FIELDS = ['a', 'd', 'p', 't'];

let sims: Simulators;

beforeAll(async () => {
  sims = await startSimulators();
});
afterAll(() => sims.close());
afterEach(() => sims.setFault('zimbra', 'none'));

type Json = Record<string, unknown>;

async function soap(body: Json, authToken?: string): Promise<{ status: number; json: Json }> {
  const envelope: Json = {
    Header: { context: { _jsns: 'urn:zimbra', ...(authToken ? { authToken: { _content: authToken } } : {}) } },
    Body: body,
  };
  const res = await fetch(`${sims.urls.zimbra}/service/soap`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(envelope),
  });
  return { status: res.status, json: (await res.json()) as Json };
}

function preauthRequest(username: string, opts: { timestamp?: number; expires?: number; key?: string } = {}): Json {
  const account = sims.credentials.zimbra.accounts[username]!;
  const domain = account.split('@')[1]!;
  const key = opts.key ?? sims.credentials.zimbra.preauthKeys[domain]!;
  const timestamp = opts.timestamp ?? Date.now();
  const expires = opts.expires ?? 0;
  return {
    AuthRequest: {
      _jsns: 'urn:zimbraAccount',
      account: { by: 'name', _content: account },
      preauth: { timestamp, expires, _content: computePreauth(key, account, 'name', expires, timestamp) },
    },
  };
}

async function login(username: string): Promise<string> {
  const { status, json } = await soap(preauthRequest(username));
  expect(status).toBe(200);
  const auth = (json.Body as Json).AuthResponse as { authToken: { _content: string }[] };
  return auth.authToken[0]!._content;
}

function fault(json: Json) {
  const f = (json.Body as Json).Fault as {
    Code: { Value: string };
    Reason: { Text: string };
    Detail: { Error: { Code: string; _jsns: string } };
  };
  return f;
}

describe('Zimbra AuthRequest with preauth', () => {
  it('returns an authToken and its lifetime in the SOAP JSON envelope', async () => {
    const { status, json } = await soap(preauthRequest('agent'));
    expect(status).toBe(200);
    expect(json._jsns).toBe('urn:zimbraSoap');
    const auth = (json.Body as Json).AuthResponse as Json;
    expect(auth._jsns).toBe('urn:zimbraAccount');
    expect(auth.authToken).toEqual([{ _content: expect.any(String) }]);
    expect(typeof auth.lifetime).toBe('number');
  });

  it.each([
    ['a wrong HMAC', { key: '00'.repeat(32) }],
    ['a timestamp older than 5 minutes', { timestamp: Date.now() - 6 * 60_000 }],
    ['an expired preauth', { timestamp: Date.now() - 2 * 60_000, expires: 60_000 }],
  ])('refuses %s with the account.AUTH_FAILED fault (HTTP 500)', async (_label, opts) => {
    const { status, json } = await soap(preauthRequest('agent', opts));
    expect(status).toBe(500);
    expectKeys((json.Body as Json).Fault, ['Code', 'Reason', 'Detail']);
    const f = fault(json);
    expect(f.Code.Value).toBe('soap:Sender');
    expect(f.Detail.Error.Code).toBe('account.AUTH_FAILED');
    expect(f.Reason.Text).toContain('authentication failed for [agent@demo-a.pleiade.test]');
  });

  it('refuses a request without a token (service.AUTH_REQUIRED) and an expired token (service.AUTH_EXPIRED)', async () => {
    const search = { SearchRequest: { _jsns: 'urn:zimbraMail', types: 'message', query: 'is:unread' } };
    const none = await soap(search);
    expect(fault(none.json).Detail.Error.Code).toBe('service.AUTH_REQUIRED');
    const token = await login('agent');
    sims.expireZimbraTokens();
    const expired = await soap(search, token);
    expect(expired.status).toBe(500);
    expect(fault(expired.json).Detail.Error.Code).toBe('service.AUTH_EXPIRED');
  });
});

describe('Zimbra mail and agenda', () => {
  it('SearchRequest types=message is:unread returns m[] with e, su, d, fr, newest first', async () => {
    const token = await login('agent');
    const { status, json } = await soap(
      {
        SearchRequest: {
          _jsns: 'urn:zimbraMail',
          types: 'message',
          query: 'in:inbox is:unread',
          sortBy: 'dateDesc',
          limit: 2,
          offset: 0,
        },
      },
      token,
    );
    expect(status).toBe(200);
    const res = (json.Body as Json).SearchResponse as { m: Json[]; more: boolean; offset: number; sortBy: string };
    expect(res).toMatchObject({ sortBy: 'dateDesc', offset: 0, more: true, _jsns: 'urn:zimbraMail' });
    expect(res.m).toHaveLength(2);
    for (const m of res.m) {
      expectKeys(m, MESSAGE_FIELDS);
      expect(m.f).toContain('u');
      for (const e of m.e as unknown[]) expectKeys(e, ADDRESS_FIELDS);
    }
    const [first, second] = res.m;
    expect((first!.e as { t: string; p: string }[]).find((e) => e.t === 'f')?.p).toBe('Service état civil');
    expect(second!.su).toBe('Contrôle de légalité : accusé de réception');
    expect(first!.d as number).toBeGreaterThan(second!.d as number);
  });

  it('GetFolderRequest /Inbox gives the unread count u and total n', async () => {
    const token = await login('agent');
    const { json } = await soap({ GetFolderRequest: { _jsns: 'urn:zimbraMail', folder: { path: '/Inbox' } } }, token);
    const folder = ((json.Body as Json).GetFolderResponse as { folder: Json[] }).folder[0]!;
    expect(folder).toMatchObject({ id: '2', name: 'Inbox', absFolderPath: '/Inbox', u: 3, n: 4 });
  });

  it("SearchRequest types=appointment expands today's instances between calExpandInstStart and End", async () => {
    const token = await login('agent');
    const now = new Date();
    const start = parisTimeToday(now, '00:00').getTime();
    const end = start + 24 * 3600_000;
    const { json } = await soap(
      {
        SearchRequest: {
          _jsns: 'urn:zimbraMail',
          types: 'appointment',
          calExpandInstStart: start,
          calExpandInstEnd: end,
          query: 'inid:10',
        },
      },
      token,
    );
    const appts = ((json.Body as Json).SearchResponse as { appt: Json[] }).appt;
    expect(appts.map((a) => a.name)).toEqual(['Point équipe accueil', 'Commission urbanisme']);
    const commission = appts[1]!;
    expect(commission).toMatchObject({ loc: 'Salle du conseil', dur: 90 * 60_000, allDay: false });
    expect(commission.inst).toEqual([{ s: parisTimeToday(now, '14:00').getTime() }]);
    // Tomorrow: only tomorrow's item; items without an instance in the range are left out.
    const tomorrow = await soap(
      {
        SearchRequest: {
          _jsns: 'urn:zimbraMail',
          types: 'appointment',
          calExpandInstStart: end,
          calExpandInstEnd: end + 86_400_000,
          query: 'in:"Calendar"',
        },
      },
      token,
    );
    const tomorrowAppts = ((tomorrow.json.Body as Json).SearchResponse as { appt: Json[] }).appt;
    expect(tomorrowAppts.map((a) => a.name)).toEqual(['Réunion de service (visio)']);
    // Two days ahead and beyond the seeds: nothing.
    const later = await soap(
      {
        SearchRequest: {
          _jsns: 'urn:zimbraMail',
          types: 'appointment',
          calExpandInstStart: end + 3 * 86_400_000,
          calExpandInstEnd: end + 4 * 86_400_000,
          query: 'inid:10',
        },
      },
      token,
    );
    expect((later.json.Body as Json).SearchResponse).not.toHaveProperty('appt');
  });

  describe('SearchRequest parameters as Zimbra reads them (SearchParams.parse)', () => {
    const week = () => {
      const start = parisTimeToday(new Date(), '00:00').getTime();
      return { calExpandInstStart: start, calExpandInstEnd: start + 7 * 86_400_000 };
    };
    async function search(token: string, request: Json) {
      const { status, json } = await soap({ SearchRequest: { _jsns: 'urn:zimbraMail', ...request } }, token);
      return { status, json, response: (json.Body as Json).SearchResponse as Json | undefined };
    }

    it('runs the default query (in:inbox) when there is none: an appointment search then finds nothing', async () => {
      const token = await login('agent');
      const withoutQuery = await search(token, { types: 'appointment', sortBy: 'none', ...week() });
      expect(withoutQuery.status).toBe(200);
      expect(withoutQuery.response).not.toHaveProperty('appt');
      const inbox = await search(token, { types: 'appointment', query: 'in:inbox', ...week() });
      expect(inbox.response).not.toHaveProperty('appt');
      for (const query of [
        'inid:10',
        'inid:"10"',
        '(inid:10 OR inid:"12")',
        'in:calendar',
        'in:/Calendar',
        'is:anywhere',
      ]) {
        const found = await search(token, { types: 'appointment', query, ...week() });
        expect((found.response?.appt as Json[] | undefined)?.length, query).toBeGreaterThan(0);
      }
      // Messages without a query: the inbox's.
      const messages = await search(token, { types: 'message' });
      expect((messages.response?.m as Json[]).length).toBe(4);
      const calendarMessages = await search(token, { types: 'message', query: 'inid:10' });
      expect(calendarMessages.response).not.toHaveProperty('m');
    });

    it('reads limit as Zimbra does: absent or not positive means 10, above 1000 means 1000', async () => {
      const token = await login('agent');
      for (const limit of [undefined, 0, -5]) {
        const { response } = await search(token, {
          types: 'message',
          query: 'in:inbox',
          ...(limit === undefined ? {} : { limit }),
        });
        expect((response?.m as Json[]).length, String(limit)).toBe(4);
      }
      const one = await search(token, { types: 'message', query: 'in:inbox', limit: 1 });
      expect(one.response?.m as Json[]).toHaveLength(1);
    });

    it('refuses a search without types (Zimbra searches conversations) and an operator it does not know', async () => {
      const token = await login('agent');
      const noTypes = await search(token, { query: 'in:inbox' });
      expect(noTypes.status).toBe(500);
      expect(fault(noTypes.json).Detail.Error.Code).toBe('service.INVALID_REQUEST');
      const unknown = await search(token, { types: 'message', query: 'under:inbox' });
      expect(unknown.status).toBe(500);
      expect(fault(unknown.json).Detail.Error.Code).toBe('mail.QUERY_PARSE_ERROR');
    });
  });

  it("a token only reads its own user's mailbox", async () => {
    const token = await login('agent-b');
    const { json } = await soap(
      { SearchRequest: { _jsns: 'urn:zimbraMail', types: 'message', query: 'is:unread', limit: 50 } },
      token,
    );
    const subjects = ((json.Body as Json).SearchResponse as { m: { su: string }[] }).m.map((m) => m.su);
    expect(subjects).toEqual(['Vigilance orange neige et verglas']);
  });

  it('answers service.UNKNOWN_DOCUMENT for a request it does not implement', async () => {
    const { status, json } = await soap({ NoOpRequest: { _jsns: 'urn:zimbraMail' } });
    expect(status).toBe(500);
    expect(fault(json).Detail.Error.Code).toBe('service.UNKNOWN_DOCUMENT');
  });
});

describe('Zimbra simulator controls', () => {
  it('adds the configured latency', async () => {
    const slow = await startSimulators({ latencyMs: 150 });
    try {
      const { ms } = await timed(() => fetch(`${slow.urls.zimbra}/service/soap`, { method: 'POST', body: '{}' }));
      expect(ms).toBeGreaterThanOrEqual(140);
    } finally {
      await slow.close();
    }
  });

  it('fault modes: hang, http500, garbage', async () => {
    const post = (signal?: AbortSignal) =>
      fetch(`${sims.urls.zimbra}/service/soap`, {
        method: 'POST',
        body: JSON.stringify({ Body: preauthRequest('agent') }),
        signal,
      });
    sims.setFault('zimbra', 'hang');
    await expect(post(AbortSignal.timeout(200))).rejects.toThrow(/timeout|aborted/i);
    sims.setFault('zimbra', 'http500');
    const res500 = await post();
    expect(res500.status).toBe(500);
    expect(res500.headers.get('content-type')).toContain('text/html');
    sims.setFault('zimbra', 'garbage');
    await expect((await post()).json()).rejects.toThrow(SyntaxError);
  });

  it('counts requests', async () => {
    sims.resetCounts();
    await login('agent');
    await login('elu');
    expect(sims.requestCount('zimbra')).toBe(2);
  });
});
