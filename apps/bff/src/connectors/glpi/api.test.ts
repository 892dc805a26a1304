import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  DEMO_BUSINESS,
  parisTimeToday,
  startSimulators,
  withHostileBusinessText,
  type Simulators,
} from '@pleiade/simulators';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UpstreamError } from '../states.js';
import { UpstreamClient } from '../upstream-client.js';
import {
  decodeGlpiText,
  findUserId,
  listOpenTickets,
  openSession,
  readMyOpenTickets,
  ticketLink,
  wallClockToIso,
  type GlpiAuth,
} from './api.js';

// Against the GLPI simulator (packages/simulators/src/glpi), on a fixed clock.
const now = parisTimeToday(new Date(), '11:00');
let sims: Simulators;
const clients: UpstreamClient[] = [];

beforeAll(async () => {
  sims = await startSimulators({ now: () => now });
});
afterAll(() => sims.close());
afterEach(() => {
  sims.setFault('glpi', 'none');
  for (const c of clients.splice(0)) c.close();
});

function client(baseUrl = sims.urls.glpi): UpstreamClient {
  const created = new UpstreamClient({
    instanceId: 'glpi-test',
    baseUrl,
    allowPrivateNetworks: ['127.0.0.1/32'],
    resilience: { retries: 0 },
  });
  clients.push(created);
  return created;
}

const appToken = () => sims.credentials.glpi.appToken ?? undefined;
const userToken = (username: string): GlpiAuth => ({
  kind: 'user_token',
  userToken: sims.credentials.glpi.userTokens[username] ?? '',
  appToken: appToken(),
});
const technical = (collectivite: 'demo-a' | 'demo-b', personLogin: string): GlpiAuth => ({
  kind: 'technical_account',
  ...sims.credentials.glpi.technicalAccounts[collectivite],
  personLogin,
  appToken: appToken(),
});

async function failureOf(promise: Promise<unknown>): Promise<UpstreamError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof UpstreamError)) throw new Error(`expected an UpstreamError, got ${String(error)}`);
  return error;
}

describe('GLPI: my open tickets with the person’s own token', () => {
  it('lists the person’s open tickets, last changed first, normalised and linked', async () => {
    const before = sims.glpiOpenSessions();
    const list = await readMyOpenTickets(client(), sims.urls.glpi, userToken('agent'), { limit: 10 });
    expect(list).toMatchObject({ total: 2, dropped: 0 });
    expect(list.tickets).toEqual([
      {
        id: 1042,
        title: 'Imprimante du guichet état civil hors service',
        status: 2,
        statusLabel: 'En cours (attribué)',
        priority: 4,
        priorityLabel: 'Haute',
        openedAt: new Date(Math.floor((now.getTime() - 26 * 3_600_000) / 1000) * 1000).toISOString(),
        updatedAt: new Date(Math.floor((now.getTime() - 35 * 60_000) / 1000) * 1000).toISOString(),
        url: `${sims.urls.glpi}/front/ticket.form.php?id=1042`,
      },
      expect.objectContaining({ id: 1051, status: 1, statusLabel: 'Nouveau', priorityLabel: 'Moyenne' }),
    ]);
    // The ticket it only observes (1055) and its solved and closed ones are not "my open tickets".
    expect(sims.glpiOpenSessions()).toBe(before);
  });

  it('honours the limit and still gives the total', async () => {
    const list = await readMyOpenTickets(client(), sims.urls.glpi, userToken('agent'), { limit: 1 });
    expect(list.total).toBe(2);
    expect(list.tickets.map((t) => t.id)).toEqual([1042]);
  });

  it('an élu sees their one waiting ticket; agent-b only demo-b’s', async () => {
    expect(
      (await readMyOpenTickets(client(), sims.urls.glpi, userToken('elu'), { limit: 10 })).tickets.map((t) => [
        t.id,
        t.statusLabel,
      ]),
    ).toEqual([[1047, 'En attente']]);
    expect(
      (await readMyOpenTickets(client(), sims.urls.glpi, userToken('agent-b'), { limit: 10 })).tickets.map((t) => t.id),
    ).toEqual([2003, 2007]);
  });

  it('gives the text the person typed, never GLPI 10’s HTML encoding', async () => {
    const hostile = await startSimulators({
      now: () => now,
      business: withHostileBusinessText(DEMO_BUSINESS, ['<script>alert("x")</script> & co']),
    });
    try {
      const list = await readMyOpenTickets(
        client(hostile.urls.glpi),
        hostile.urls.glpi,
        {
          kind: 'user_token',
          userToken: hostile.credentials.glpi.userTokens.agent ?? '',
          appToken: hostile.credentials.glpi.appToken ?? undefined,
        },
        { limit: 10 },
      );
      expect(list.tickets[0]?.title).toBe(
        'Imprimante du guichet état civil hors service <script>alert("x")</script> & co',
      );
    } finally {
      await hostile.close();
    }
  });
});

describe('GLPI: my open tickets through a technical account', () => {
  it('looks the person up by login and reads only their tickets', async () => {
    const before = sims.glpiOpenSessions();
    const list = await readMyOpenTickets(client(), sims.urls.glpi, technical('demo-a', 'agent'), { limit: 10 });
    expect(list.tickets.map((t) => t.id)).toEqual([1042, 1051]);
    expect(list.dropped).toBe(0);
    const b = await readMyOpenTickets(client(), sims.urls.glpi, technical('demo-b', 'agent-b'), { limit: 10 });
    expect(b.tickets.map((t) => t.id)).toEqual([2003, 2007]);
    expect(sims.glpiOpenSessions()).toBe(before);
  });

  it('a person unknown to GLPI, or of another entity, gets an empty list', async () => {
    expect(await readMyOpenTickets(client(), sims.urls.glpi, technical('demo-a', 'inconnu'), { limit: 10 })).toEqual({
      total: 0,
      tickets: [],
      dropped: 0,
    });
    expect(
      (await readMyOpenTickets(client(), sims.urls.glpi, technical('demo-a', 'agent-b'), { limit: 10 })).tickets,
    ).toEqual([]);
  });

  it('the user lookup wants an exact login, not GLPI’s LIKE match', async () => {
    const c = client();
    const session = await openSession(c, technical('demo-a', 'agent'));
    expect(await findUserId(c, session, 'agent')).toBe(7);
    expect(await findUserId(c, session, 'agen')).toBeUndefined();
  });

  it('drops, and counts, rows that are not the person’s when GLPI ignores the filter', async () => {
    // A GLPI behind a plugin or a bug that answers every ticket of the entity.
    const server = http.createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://x');
      res.setHeader('content-type', 'application/json; charset=UTF-8');
      if (url.pathname.endsWith('/initSession')) return res.end('{"session_token":"0123456789abcdef0123"}');
      if (url.pathname.endsWith('/killSession')) return res.end('true');
      if (url.pathname.endsWith('/search/User'))
        return res.end('{"totalcount":1,"count":1,"data":[{"1":"agent","2":7}]}');
      res.end(
        JSON.stringify({
          totalcount: 3,
          count: 3,
          data: [
            {
              '1': 'Le mien',
              '2': 1,
              '12': 2,
              '3': 3,
              '4': 'agent',
              '15': '2026-12-01 09:00:00',
              '19': '2026-12-02 10:00:00',
            },
            { '1': 'Celui d’un autre', '2': 2, '12': 1, '3': 3, '4': 'jdupont', '15': null, '19': null },
            { '1': 'À plusieurs', '2': 3, '12': 1, '3': 3, '4': ['mbernard', 'agent'], '15': null, '19': null },
          ],
        }),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const list = await readMyOpenTickets(
        client(url),
        url,
        { kind: 'technical_account', login: 'pleiade', password: 'x', personLogin: 'agent' },
        { limit: 10 },
      );
      expect(list.tickets.map((t) => t.title)).toEqual(['Le mien', 'À plusieurs']);
      expect(list).toMatchObject({ total: 2, dropped: 1 });
      expect(list.tickets[0]?.openedAt).toBe('2026-12-01T08:00:00.000Z');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });
});

describe('GLPI failures', () => {
  it('names refused credentials, a refused API client and missing rights', async () => {
    expect(
      (
        await failureOf(
          readMyOpenTickets(
            client(),
            sims.urls.glpi,
            { kind: 'user_token', userToken: 'faux', appToken: appToken() },
            { limit: 5 },
          ),
        )
      ).reason,
    ).toBe('GLPI_LOGIN_REFUSED');
    expect(
      (
        await failureOf(
          readMyOpenTickets(client(), sims.urls.glpi, { ...userToken('agent'), appToken: 'faux' }, { limit: 5 }),
        )
      ).reason,
    ).toBe('GLPI_API_CLIENT_REFUSED');
    // A Self-Service account configured as the technical account may not search users.
    const before = sims.glpiOpenSessions();
    const selfService: GlpiAuth = {
      kind: 'technical_account',
      login: 'agent',
      password: 'demo',
      personLogin: 'agent',
      appToken: appToken(),
    };
    const rights = await failureOf(readMyOpenTickets(client(), sims.urls.glpi, selfService, { limit: 5 }));
    expect(rights).toMatchObject({ status: 'credentials_refused', reason: 'GLPI_RIGHT_MISSING' });
    expect(sims.glpiOpenSessions()).toBe(before);
  });

  it('a session GLPI no longer knows is refused with its own reason', async () => {
    const c = client();
    const session = await openSession(c, userToken('agent'));
    sims.expireGlpiSessions();
    const error = await failureOf(listOpenTickets(c, session, sims.urls.glpi, { requester: 'myself', limit: 5 }));
    expect(error).toMatchObject({ status: 'credentials_refused', reason: 'GLPI_SESSION_INVALID' });
  });

  it('an HTML 500 is an unreachable application', async () => {
    sims.setFault('glpi', 'http500');
    expect(
      (await failureOf(readMyOpenTickets(client(), sims.urls.glpi, userToken('agent'), { limit: 5 }))).status,
    ).toBe('unreachable');
  });
});

describe('GLPI helpers', () => {
  it('decodes character references once', () => {
    expect(decodeGlpiText('Imprimante &#38; scanner &#60;b&#62; &amp;lt; &#x1F600; &#0;')).toBe(
      'Imprimante & scanner <b> &lt; 😀 &#0;',
    );
  });

  it('turns GLPI’s wall-clock dates into UTC instants, summer and winter', () => {
    expect(wallClockToIso('2026-07-01 14:00:00', 'Europe/Paris')).toBe('2026-07-01T12:00:00.000Z');
    expect(wallClockToIso('2026-01-15 14:00:00', 'Europe/Paris')).toBe('2026-01-15T13:00:00.000Z');
    expect(wallClockToIso('hier', 'Europe/Paris')).toBeUndefined();
    expect(wallClockToIso(null, 'Europe/Paris')).toBeUndefined();
  });

  it('builds the deep link under a GLPI installed in a sub-path', () => {
    expect(ticketLink('https://mairie.example/glpi', 42)).toBe(
      'https://mairie.example/glpi/front/ticket.form.php?id=42',
    );
  });
});
