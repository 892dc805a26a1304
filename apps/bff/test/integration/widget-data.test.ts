import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BREAKPOINT_NAMES,
  apiErrorBodySchema,
  boardSchema,
  connectorSchema,
  startVisioResponseSchema,
  widgetDataResponseSchema,
  type Board,
  type ConnectedWidgetKind,
  type Connector,
  type WidgetDataOf,
  type WidgetDataResponse,
} from '@pleiade/contracts';
import { DEMO_USERS, JITSI_URL_PLACEHOLDER, startSimulators, type SimUser, type Simulators } from '@pleiade/simulators';
import { FAILURE_MESSAGES } from '../../src/connectors/states.js';
import { createLogger } from '../../src/logger.js';
import { invalidationDelivered } from '../support/database.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * The widget data route against the simulators of Zimbra, Nextcloud, Matrix and Jitsi, each
 * connected to the demo collectivités with a different authentication: demo-a reads Zimbra by
 * pre-authentication, Nextcloud and Matrix with the person's own app password or token; demo-b
 * reads Nextcloud with a token exchanged at the demo IdP (RFC 8693).
 */

const LOOPBACK = ['127.0.0.1/32'];
const AS_TOKEN = `as-${randomUUID()}`;

/**
 * The demo users, the agent with two visios under way whatever the time of the test (from
 * midnight, 26 hours long): one on the collectivité's Jitsi, one elsewhere.
 */
const USERS: SimUser[] = DEMO_USERS.map((user) =>
  user.username !== 'agent'
    ? user
    : {
        ...user,
        zimbra: {
          ...user.zimbra,
          appointments: [
            ...user.zimbra.appointments,
            {
              id: '9901',
              name: 'Permanence en visio',
              location: `${JITSI_URL_PLACEHOLDER}/permanence-demo-a`,
              start: '00:00',
              durationMinutes: 26 * 60,
            },
            {
              id: '9902',
              name: 'Visio avec un prestataire',
              location: 'https://visio.prestataire.example/salle-42',
              start: '00:00',
              durationMinutes: 26 * 60,
            },
          ],
        },
      },
);

let pleiade: TestPleiade;
let sims: Simulators;
let admin: TestBrowser;
/** The installation's operator: the only one who may allow-list the simulators' loopback address. */
let operator: TestBrowser;
let agent: TestBrowser;
let agentB: TestBrowser;
let elu: TestBrowser;
const logLines: string[] = [];
const responses: string[] = [];
const connectorsA: Record<'zimbra' | 'nextcloud' | 'matrix' | 'jitsi', Connector> = {} as never;

function simUser(username: string): SimUser {
  const found = USERS.find((user) => user.username === username);
  if (!found) throw new Error(`no simulator user ${username}`);
  return found;
}

async function call(browser: TestBrowser, url: string, method = 'GET', body?: unknown) {
  const response = await api(browser, `${pleiade.url}${url}`, method, body);
  const text = await response.text();
  responses.push(text);
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

async function createConnector(browser: TestBrowser, body: Record<string, unknown>): Promise<Connector> {
  const { status, json } = await call(browser, '/api/admin/connectors', 'POST', body);
  expect(status, JSON.stringify(json)).toBe(201);
  return connectorSchema.parse(json);
}

async function setRole(subject: string, role: 'OPERATOR' | 'AGENT') {
  const client = new pg.Client({ connectionString: pleiade.database.url });
  await client.connect();
  try {
    await client.query('UPDATE app_user SET role = $1 WHERE subject = $2', [role, subject]);
    await invalidationDelivered();
  } finally {
    await client.end();
  }
}

async function boardOf(browser: TestBrowser): Promise<Board> {
  const { status, json } = await call(browser, '/api/boards/current');
  expect(status).toBe(200);
  return boardSchema.parse(json);
}

async function widgetId(browser: TestBrowser, kind: ConnectedWidgetKind): Promise<string> {
  const widget = (await boardOf(browser)).widgets.find((item) => item.kind === kind);
  if (!widget) throw new Error(`no ${kind} widget on the board`);
  return widget.id;
}

async function readData<K extends ConnectedWidgetKind>(
  browser: TestBrowser,
  kind: K,
  id?: string,
): Promise<WidgetDataResponse<K>> {
  const { status, json } = await call(browser, `/api/widgets/${id ?? (await widgetId(browser, kind))}/data`);
  expect(status, JSON.stringify(json)).toBe(200);
  return widgetDataResponseSchema(kind).parse(json) as WidgetDataResponse<K>;
}

function okData<K extends ConnectedWidgetKind>(response: WidgetDataResponse<K>): WidgetDataOf<K> {
  if (response.status !== 'ok') throw new Error(`expected data, got ${JSON.stringify(response)}`);
  return (response as { data: WidgetDataOf<K> }).data;
}

async function setPersonalSecret(browser: TestBrowser, connectorId: string, secret: string) {
  const { status, json } = await call(browser, `/api/me/connectors/${connectorId}/credential`, 'PUT', { secret });
  expect(status, JSON.stringify(json)).toBe(200);
}

async function userinfoEndpoint(issuer: string): Promise<string> {
  const response = await fetch(`${issuer}/.well-known/openid-configuration`);
  const { userinfo_endpoint: endpoint } = (await response.json()) as { userinfo_endpoint: string };
  return endpoint;
}

beforeAll(async () => {
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(chunk.toString('utf8'));
      done();
    },
  });
  pleiade = await startTestPleiade({}, createLogger('trace', sink));
  // The Nextcloud simulator validates bearer tokens at the demo IdP's userinfo, as user_oidc does.
  sims = await startSimulators({
    users: USERS,
    matrixAppService: { asToken: AS_TOKEN, userNamespaceRegex: '^@.*:demo-a\\.pleiade\\.test$' },
    nextcloudBearerUserinfoUrl: await userinfoEndpoint(pleiade.running.devIdpIssuer ?? ''),
  });

  admin = await signIn(pleiade.url, 'admin');
  operator = await signIn(pleiade.url, 'operateur');
  const common = { allowPrivateNetworks: LOOPBACK };
  connectorsA.zimbra = await createConnector(operator, {
    ...common,
    kind: 'zimbra',
    label: 'Messagerie',
    baseUrl: sims.urls.zimbra,
    authMode: 'zimbra_preauth',
    secrets: { preauthKey: sims.credentials.zimbra.preauthKeys['demo-a.pleiade.test'] },
  });
  connectorsA.nextcloud = await createConnector(operator, {
    ...common,
    kind: 'nextcloud',
    label: 'Nextcloud',
    baseUrl: sims.urls.nextcloud,
    authMode: 'personal_secret',
  });
  connectorsA.matrix = await createConnector(operator, {
    ...common,
    kind: 'matrix',
    label: 'Discussions',
    baseUrl: sims.urls.matrix,
    authMode: 'personal_secret',
  });
  connectorsA.jitsi = await createConnector(operator, {
    ...common,
    kind: 'jitsi',
    label: 'Visio',
    baseUrl: sims.urls.jitsi,
    authMode: 'none',
  });

  // demo-b's connectors, by agent-b made operator for the time of it (the role is read per request).
  agentB = await signIn(pleiade.url, 'agent-b');
  await setRole('agent-b', 'OPERATOR');
  await createConnector(agentB, {
    ...common,
    kind: 'zimbra',
    label: 'Messagerie',
    baseUrl: sims.urls.zimbra,
    authMode: 'zimbra_preauth',
    secrets: { preauthKey: sims.credentials.zimbra.preauthKeys['demo-b.pleiade.test'] },
  });
  await createConnector(agentB, {
    ...common,
    kind: 'nextcloud',
    label: 'Nextcloud',
    baseUrl: sims.urls.nextcloud,
    authMode: 'token_exchange',
    // The audience the demo IdP exchanges tokens for (DEMO_NEXTCLOUD_AUDIENCE of @pleiade/dev-idp).
    options: { tokenExchangeAudience: 'nextcloud' },
  });
  const matrixB = await createConnector(agentB, {
    ...common,
    kind: 'matrix',
    label: 'Discussions',
    baseUrl: sims.urls.matrix,
    authMode: 'personal_secret',
  });
  await setRole('agent-b', 'AGENT');

  agent = await signIn(pleiade.url, 'agent');
  elu = await signIn(pleiade.url, 'elu');
  await setPersonalSecret(agent, connectorsA.nextcloud.id, sims.credentials.nextcloud.agent?.appPassword ?? '');
  await setPersonalSecret(agent, connectorsA.matrix.id, sims.credentials.matrix.agent?.accessToken ?? '');
  await setPersonalSecret(agentB, matrixB.id, sims.credentials.matrix['agent-b']?.accessToken ?? '');
}, 60_000);
afterAll(async () => {
  await pleiade?.stop();
  await sims?.close();
});

describe('the default board of a new person', () => {
  it('has one widget per application of their collectivité, overlapping nothing at any breakpoint', async () => {
    const board = await boardOf(agent);
    expect(board.widgets.map((widget) => widget.kind)).toEqual([
      'welcome',
      'app-launcher',
      'notes',
      'mail',
      'agenda',
      'nextcloud-notifications',
      'chat',
      'visio',
    ]);
    for (const breakpoint of BREAKPOINT_NAMES) {
      const items = board.widgets.map((widget) => widget.layout[breakpoint]);
      items.forEach((a, i) => {
        items.slice(i + 1).forEach((b) => {
          if (!a || !b) throw new Error(`a widget has no ${breakpoint} layout`);
          const overlap = a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
          expect(overlap, `${breakpoint}: ${JSON.stringify(a)} and ${JSON.stringify(b)}`).toBe(false);
        });
      });
    }
    // demo-b has no Jitsi: no visio widget there.
    expect((await boardOf(agentB)).widgets.map((widget) => widget.kind)).not.toContain('visio');
  });
});

describe('each person reads their own data', () => {
  for (const username of ['agent', 'agent-b'] as const) {
    it(`${username}: Zimbra mail, Nextcloud notifications and Matrix conversations are theirs`, async () => {
      const browser = username === 'agent' ? agent : agentB;
      const other = simUser(username === 'agent' ? 'agent-b' : 'agent');
      const own = simUser(username);

      const mail = await readData(browser, 'mail');
      expect(mail).toMatchObject({ status: 'ok', source: { kind: 'zimbra', authMode: 'zimbra_preauth' } });
      const subjects = okData(mail).latest.map((message) => message.subject);
      expect(subjects.length).toBeGreaterThan(0);
      for (const subject of subjects) {
        expect(own.zimbra.messages.map((message) => message.subject)).toContain(subject);
        expect(other.zimbra.messages.map((message) => message.subject)).not.toContain(subject);
      }
      expect(okData(mail).unreadCount).toBe(own.zimbra.messages.filter((message) => message.unread).length);

      const notifications = await readData(browser, 'nextcloud-notifications');
      expect(notifications.source?.authMode).toBe(username === 'agent' ? 'personal_secret' : 'token_exchange');
      const items = okData(notifications).items;
      expect(items.map((item) => Number(item.id)).sort()).toEqual(
        own.nextcloud.notifications.map((notification) => notification.id).sort(),
      );

      const chat = okData(await readData(browser, 'chat'));
      const rooms = chat.rooms.map((room) => room.name);
      expect(rooms.length).toBeGreaterThan(0);
      for (const room of rooms) {
        expect(own.matrix.rooms.map((seed) => seed.name)).toContain(room);
        expect(other.matrix.rooms.map((seed) => seed.name)).not.toContain(room);
      }
    });
  }

  it('an élu reads their widgets’ data too (read-only is about the layout)', async () => {
    const mail = okData(await readData(elu, 'mail'));
    expect(mail.latest.map((message) => message.subject)).toEqual(expect.arrayContaining([expect.any(String)]));
    for (const message of mail.latest) {
      expect(simUser('elu').zimbra.messages.map((seed) => seed.subject)).toContain(message.subject);
    }
  });

  it('answers 404 for another person’s widget exactly as for a widget that does not exist', async () => {
    const agentMail = await widgetId(agent, 'mail');
    const error = async (browser: TestBrowser, id: string) => {
      const { status, json } = await call(browser, `/api/widgets/${id}/data`);
      const { code, message } = apiErrorBodySchema.parse(json).error;
      return { status, code, message };
    };
    for (const browser of [agentB, elu, admin]) {
      const foreign = await error(browser, agentMail);
      expect(foreign).toEqual({ status: 404, code: 'NOT_FOUND', message: expect.any(String) });
      expect(foreign).toEqual(await error(browser, randomUUID()));
    }
    // A widget that shows no application's data (notes) has none either.
    const notes = (await boardOf(agent)).widgets.find((widget) => widget.kind === 'notes');
    expect((await error(agent, notes?.id ?? '')).status).toBe(404);
    // Nor can another person start a visio from the agent's visio widget.
    const visio = await widgetId(agent, 'visio');
    expect((await call(elu, `/api/widgets/${visio}/visio`, 'POST', {})).status).toBe(404);
  });
});

describe('visio', () => {
  it('lists the agenda’s events linking to the collectivité’s Jitsi and starts a visio', async () => {
    const visio = await readData(agent, 'visio');
    expect(visio.source).toEqual({
      id: connectorsA.jitsi.id,
      kind: 'jitsi',
      label: 'Visio',
      authMode: 'none',
    });
    const data = okData(visio);
    expect(data.agendaConnected).toBe(true);
    // The agenda has both; only the one on the collectivité's Jitsi is a visio of this widget.
    expect(data.upcoming.map((event) => [event.title, event.visioUrl])).toEqual([
      ['Permanence en visio', `${sims.urls.jitsi}/permanence-demo-a`],
      ['Réunion de service (visio)', `${sims.urls.jitsi}/reunion-service-accueil-demo-a`],
    ]);

    const id = await widgetId(agent, 'visio');
    const started = await call(agent, `/api/widgets/${id}/visio`, 'POST', { roomName: 'point-equipe' });
    expect(started.status).toBe(200);
    expect(startVisioResponseSchema.parse(started.json)).toEqual({
      roomName: 'point-equipe',
      url: `${sims.urls.jitsi}/point-equipe`,
    });
    const random = startVisioResponseSchema.parse((await call(agent, `/api/widgets/${id}/visio`, 'POST', {})).json);
    expect(random.roomName).toMatch(/^[A-Za-z0-9-]{20,}$/);
    const refused = await call(agent, `/api/widgets/${id}/visio`, 'POST', { roomName: '../admin' });
    expect(refused.status).toBe(400);
    // A cross-site form cannot start one.
    const crossSite = await agent.request(`${pleiade.url}/api/widgets/${id}/visio`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
  });
});

describe('the cache', () => {
  it('reads the new address at once when an administrator changes a connector', async () => {
    const id = await widgetId(agent, 'mail');
    expect((await readData(agent, 'mail', id)).status).toBe('ok');
    const moved = await startSimulators({ users: USERS, zimbraPreauthKeys: sims.credentials.zimbra.preauthKeys });
    const update = (baseUrl: string) =>
      call(admin, `/api/admin/connectors/${connectorsA.zimbra.id}`, 'PUT', { baseUrl });
    try {
      expect((await update(moved.urls.zimbra)).status).toBe(200);
      expect((await readData(agent, 'mail', id)).status).toBe('ok');
      // Not the cached answer of the old address.
      expect(moved.requestCount('zimbra')).toBeGreaterThan(0);
    } finally {
      expect((await update(sims.urls.zimbra)).status).toBe(200);
      await moved.close();
    }
  });

  it('answers two identical reads with one upstream call, and reads again when asked to refresh', async () => {
    // A new secret is a new cache entry: the first read must go upstream.
    await setPersonalSecret(agent, connectorsA.matrix.id, sims.credentials.matrix.agent?.accessToken ?? '');
    const id = await widgetId(agent, 'chat');
    sims.resetCounts();
    expect((await readData(agent, 'chat', id)).status).toBe('ok');
    const calls = sims.requestCount('matrix');
    expect(calls).toBeGreaterThan(0);
    expect((await readData(agent, 'chat', id)).status).toBe('ok');
    expect(sims.requestCount('matrix')).toBe(calls);
    // « Actualiser »: ?refresh=1 reads the application again, the next plain read serves that.
    const refreshed = await call(agent, `/api/widgets/${id}/data?refresh=1`);
    expect(refreshed.status).toBe(200);
    expect((refreshed.json as { status: string }).status).toBe('ok');
    expect(sims.requestCount('matrix')).toBe(2 * calls);
    expect((await readData(agent, 'chat', id)).status).toBe('ok');
    expect(sims.requestCount('matrix')).toBe(2 * calls);
  });
});

describe('an application that fails', () => {
  const faults = [
    ['http500', 'unreachable'],
    ['garbage', 'invalid_response'],
    ['hang', 'timeout'],
  ] as const;
  for (const [fault, status] of faults) {
    it(`${fault}: the Nextcloud widget shows « ${status} » while Zimbra and Matrix answer without waiting`, async () => {
      // Fresh cache entries: a new Nextcloud and Matrix secret, and the élu's mail read for the first time here.
      await setPersonalSecret(agent, connectorsA.nextcloud.id, sims.credentials.nextcloud.agent?.appPassword ?? '');
      await setPersonalSecret(agent, connectorsA.matrix.id, sims.credentials.matrix.agent?.accessToken ?? '');
      const ids = {
        nextcloud: await widgetId(agent, 'nextcloud-notifications'),
        chat: await widgetId(agent, 'chat'),
        mail: await widgetId(elu, 'mail'),
      };
      sims.setFault('nextcloud', fault);
      try {
        const finished: string[] = [];
        const nextcloud = readData(agent, 'nextcloud-notifications', ids.nextcloud).then((response) => {
          finished.push('nextcloud');
          return response;
        });
        const others = await Promise.all([
          readData(agent, 'chat', ids.chat).then((response) => {
            finished.push('chat');
            return response;
          }),
          readData(elu, 'mail', ids.mail).then((response) => {
            finished.push('mail');
            return response;
          }),
        ]);
        expect(others.map((response) => response.status)).toEqual(['ok', 'ok']);
        const failed = await nextcloud;
        expect(failed).toEqual({
          status,
          message: FAILURE_MESSAGES[status],
          source: {
            id: connectorsA.nextcloud.id,
            kind: 'nextcloud',
            label: 'Nextcloud',
            authMode: 'personal_secret',
          },
        });
        if (fault === 'hang') expect(finished.indexOf('nextcloud')).toBe(2);
      } finally {
        sims.setFault('nextcloud', 'none');
      }
    }, 30_000);
  }
});

describe('the SSRF guard at API level', () => {
  it('refuses loopback, link-local and private addresses that are not allow-listed, without calling them', async () => {
    const nextcloudPort = new URL(sims.urls.nextcloud).port;
    const targets = [
      `http://127.0.0.1:${nextcloudPort}/`,
      'http://169.254.169.254/',
      'http://10.0.0.1/',
      `http://[::1]:${nextcloudPort}/`,
    ];
    const board = await boardOf(operator);
    const widgets = [];
    const client = new pg.Client({ connectionString: pleiade.database.url });
    await client.connect();
    for (const [index, baseUrl] of targets.entries()) {
      const connector = await createConnector(admin, {
        kind: 'nextcloud',
        label: `Nextcloud privé ${index}`,
        baseUrl: `https://nextcloud-${index}.interne.invalid/`,
        authMode: 'oidc_token',
      });
      // The API refuses such an address at save time; a row saved before that check, or a name
      // that now resolves to a private address, still meets the guard at every read.
      await client.query('UPDATE connector_instance SET base_url = $2 WHERE id = $1', [connector.id, baseUrl]);
      await invalidationDelivered();
      widgets.push({
        id: randomUUID(),
        kind: 'nextcloud-files' as const,
        options: { connectorId: connector.id },
        layout: { lg: { x: 0, y: 40 + index * 4, w: 4, h: 4 } },
      });
    }
    await client.end();
    const saved = await call(operator, `/api/boards/${board.id}`, 'PUT', {
      version: board.version,
      widgets: [...board.widgets, ...widgets],
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    sims.resetCounts();
    for (const widget of widgets) {
      const response = await readData(operator, 'nextcloud-files', widget.id);
      expect(response, widget.options.connectorId).toMatchObject({
        status: 'unreachable',
        message: FAILURE_MESSAGES.unreachable,
        source: { id: widget.options.connectorId },
      });
    }
    expect(sims.requestCount('nextcloud')).toBe(0);
    // Logged with the request's own logger: its id, the person, the collectivité, the connector.
    const connectorId = String(widgets[0]?.options.connectorId);
    const failed = logLines
      .flatMap((chunk) => chunk.split('\n'))
      .filter((line) => line.includes('widget read failed') && line.includes(connectorId))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(failed[0]).toMatchObject({
      reqId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      userId: expect.any(String),
      collectiviteId: expect.any(String),
      connector: connectorId,
      reason: 'ADDRESS_REFUSED',
    });
  });
});

describe('a service account', () => {
  it('reads Matrix as the signed-in person through an application service', async () => {
    const connector = await createConnector(operator, {
      kind: 'matrix',
      label: 'Discussions (service)',
      baseUrl: sims.urls.matrix,
      authMode: 'service_account',
      options: { serverName: 'demo-a.pleiade.test' },
      secrets: { asToken: AS_TOKEN },
      allowPrivateNetworks: LOOPBACK,
    });
    const board = await boardOf(operator);
    const chat = {
      id: randomUUID(),
      kind: 'chat' as const,
      options: { connectorId: connector.id },
      layout: { lg: { x: 0, y: 80, w: 4, h: 4 } },
    };
    const saved = await call(operator, `/api/boards/${board.id}`, 'PUT', {
      version: board.version,
      widgets: [...board.widgets, chat],
    });
    expect(saved.status, JSON.stringify(saved.json)).toBe(200);
    const response = await readData(operator, 'chat', chat.id);
    expect(response.source).toMatchObject({ id: connector.id, authMode: 'service_account' });
    expect(okData(response).rooms.map((room) => room.name)).toEqual(
      simUser('operateur').matrix.rooms.map((room) => room.name),
    );
  });
});

describe('secrets', () => {
  it('never appear in an API response nor in the logs', () => {
    const logs = logLines.join('');
    expect(logs).toContain('/api/widgets/');
    const secrets = [
      ...Object.values(sims.credentials.zimbra.preauthKeys),
      ...Object.values(sims.credentials.nextcloud).map((credential) => credential.appPassword),
      ...Object.values(sims.credentials.matrix).map((credential) => credential.accessToken),
      AS_TOKEN,
    ];
    const body = responses.join('\n');
    for (const secret of secrets) {
      expect(logs).not.toContain(secret);
      expect(body).not.toContain(secret);
    }
    // Nor the person's OIDC access tokens or exchanged tokens (they would appear as Bearer values).
    expect(logs).not.toMatch(/Bearer [A-Za-z0-9._~+/-]{10,}/);
    expect(body).not.toMatch(/sb1\./);
  });
});
