import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectorSchema, todoEventSchema, type Connector, type TodoEvent } from '@pleiade/contracts';
import { DEMO_USERS, startSimulators, type SimUser, type Simulators } from '@pleiade/simulators';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * « À traiter » against the Zimbra, Nextcloud and Matrix simulators, two collectivités: each
 * person receives their own actionable items only, streamed source by source, and a failing
 * application is marked failed without holding back the others.
 */

const LOOPBACK = ['127.0.0.1/32'];

let pleiade: TestPleiade;
let sims: Simulators;
let agent: TestBrowser;
let agentB: TestBrowser;
let elu: TestBrowser;
const connectorsA: Connector[] = [];
const connectorsB: Connector[] = [];
let brokenB: Connector;

function simUser(username: string): SimUser {
  const found = DEMO_USERS.find((user) => user.username === username);
  if (!found) throw new Error(`no simulator user ${username}`);
  return found;
}

async function createConnector(browser: TestBrowser, body: Record<string, unknown>): Promise<Connector> {
  const response = await api(browser, `${pleiade.url}/api/admin/connectors`, 'POST', {
    allowPrivateNetworks: LOOPBACK,
    ...body,
  });
  const json = (await response.json()) as unknown;
  expect(response.status, JSON.stringify(json)).toBe(201);
  return connectorSchema.parse(json);
}

async function setRole(subject: string, role: 'OPERATOR' | 'AGENT') {
  const client = new pg.Client({ connectionString: pleiade.database.url });
  await client.connect();
  try {
    await client.query('UPDATE app_user SET role = $1 WHERE subject = $2', [role, subject]);
  } finally {
    await client.end();
  }
}

async function setPersonalSecret(browser: TestBrowser, connectorId: string, secret: string) {
  const response = await api(browser, `${pleiade.url}/api/me/connectors/${connectorId}/credential`, 'PUT', { secret });
  expect(response.status).toBe(200);
}

/** The stream's lines, each checked against the contract, with the instant each arrived. */
async function readStream(browser: TestBrowser): Promise<TodoEvent[]> {
  const response = await api(browser, `${pleiade.url}/api/todo/stream`);
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
  const text = await response.text();
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => todoEventSchema.parse(JSON.parse(line)));
}

function itemsOf(events: readonly TodoEvent[]) {
  return events.flatMap((event) => (event.type === 'items' ? event.items : []));
}

/** What each person may see: their own flagged or high-priority unread mail, notifications and mentions. */
function expectedTitles(username: string): string[] {
  const user = simUser(username);
  return [
    ...user.zimbra.messages.filter((m) => m.unread && (m.flagged || m.highPriority)).map((m) => m.subject),
    ...user.nextcloud.notifications.map((n) => n.subject),
    ...user.matrix.rooms.filter((room) => room.highlightCount > 0).map((room) => room.name),
  ];
}

beforeAll(async () => {
  pleiade = await startTestPleiade();
  sims = await startSimulators({ users: DEMO_USERS });
  const operator = await signIn(pleiade.url, 'operateur');
  connectorsA.push(
    await createConnector(operator, {
      kind: 'zimbra',
      label: 'Messagerie',
      baseUrl: sims.urls.zimbra,
      authMode: 'zimbra_preauth',
      secrets: { preauthKey: sims.credentials.zimbra.preauthKeys['demo-a.pleiade.test'] },
    }),
    await createConnector(operator, {
      kind: 'nextcloud',
      label: 'Nextcloud',
      baseUrl: sims.urls.nextcloud,
      authMode: 'personal_secret',
    }),
    await createConnector(operator, {
      kind: 'matrix',
      label: 'Discussions',
      baseUrl: sims.urls.matrix,
      authMode: 'personal_secret',
    }),
  );
  // A kind without actionable items is not queried.
  await createConnector(operator, { kind: 'jitsi', label: 'Visio', baseUrl: sims.urls.jitsi, authMode: 'none' });

  agentB = await signIn(pleiade.url, 'agent-b');
  await setRole('agent-b', 'OPERATOR');
  connectorsB.push(
    await createConnector(agentB, {
      kind: 'zimbra',
      label: 'Messagerie',
      baseUrl: sims.urls.zimbra,
      authMode: 'zimbra_preauth',
      secrets: { preauthKey: sims.credentials.zimbra.preauthKeys['demo-b.pleiade.test'] },
    }),
    await createConnector(agentB, {
      kind: 'matrix',
      label: 'Discussions',
      baseUrl: sims.urls.matrix,
      authMode: 'personal_secret',
    }),
  );
  // An application that does not answer (nothing listens on port 9 of the loopback).
  brokenB = await createConnector(agentB, {
    kind: 'nextcloud',
    label: 'Nextcloud en panne',
    baseUrl: 'http://127.0.0.1:9',
    authMode: 'service_account',
    secrets: { username: 'svc', password: 'svc-password' },
  });
  await setRole('agent-b', 'AGENT');

  agent = await signIn(pleiade.url, 'agent');
  elu = await signIn(pleiade.url, 'elu');
  const [, nextcloudA, matrixA] = connectorsA;
  await setPersonalSecret(agent, nextcloudA?.id ?? '', sims.credentials.nextcloud.agent?.appPassword ?? '');
  await setPersonalSecret(agent, matrixA?.id ?? '', sims.credentials.matrix.agent?.accessToken ?? '');
  await setPersonalSecret(elu, nextcloudA?.id ?? '', sims.credentials.nextcloud.elu?.appPassword ?? '');
  await setPersonalSecret(agentB, connectorsB[1]?.id ?? '', sims.credentials.matrix['agent-b']?.accessToken ?? '');
}, 60_000);
afterAll(async () => {
  await pleiade?.stop();
  await sims?.close();
});

describe('« À traiter »', () => {
  it('streams the agent’s own items from each application, sources first and `done` last', async () => {
    const events = await readStream(agent);
    expect(events[0]).toEqual({
      type: 'sources',
      sources: connectorsA.map((connector) => ({
        connectorId: connector.id,
        kind: connector.kind,
        label: connector.label,
      })),
    });
    expect(events.at(-1)).toEqual({ type: 'done' });
    const answered = events.filter((event) => event.type === 'items').map((event) => event.connectorId);
    expect(answered.sort()).toEqual(connectorsA.map((connector) => connector.id).sort());
    const items = itemsOf(events);
    expect(items.map((item) => item.title).sort()).toEqual(expectedTitles('agent').sort());
    for (const item of items) {
      expect(connectorsA.map((connector) => connector.id)).toContain(item.connectorId);
      expect(item.id.startsWith(`${item.connectorId}:`)).toBe(true);
      expect(item.url).toMatch(/^https?:\/\//);
    }
    // The mail the agent flagged and the one sent with high priority, with their sender.
    const mail = items.filter((item) => item.kind === 'zimbra');
    expect(mail.map((item) => item.status).sort()).toEqual(['Message important non lu', 'Message suivi non lu']);
    expect(mail.find((item) => item.title.startsWith('Contrôle de légalité'))?.context).toBe('De Préfecture du Rhône');
  });

  it('never gives a person another collectivité’s or another person’s items', async () => {
    const agentTitles = expectedTitles('agent');
    const eventsB = await readStream(agentB);
    const itemsB = itemsOf(eventsB);
    expect(itemsB.map((item) => item.title).sort()).toEqual(
      expectedTitles('agent-b')
        .filter((title) => !simUser('agent-b').nextcloud.notifications.some((n) => n.subject === title))
        .sort(),
    );
    for (const item of itemsB) {
      expect(connectorsB.map((connector) => connector.id)).toContain(item.connectorId);
      expect(agentTitles).not.toContain(item.title);
    }
    const sourcesB = eventsB[0]?.type === 'sources' ? eventsB[0].sources.map((source) => source.connectorId) : [];
    for (const connector of connectorsA) expect(sourcesB).not.toContain(connector.id);

    // The élu shares the agent's connectors but reads with their own credentials (none for Matrix).
    const eventsElu = await readStream(elu);
    const itemsElu = itemsOf(eventsElu);
    expect(itemsElu.length).toBeGreaterThan(0);
    for (const item of itemsElu) expect(agentTitles).not.toContain(item.title);
    expect(itemsElu.map((item) => item.title)).toContain('Inauguration de la médiathèque – discours');
    expect(eventsElu).toContainEqual({
      type: 'failed',
      connectorId: connectorsA[2]?.id,
      status: 'credentials_missing',
      message: expect.any(String),
    });
  });

  it('marks a failing application failed while the others deliver their items', async () => {
    const events = await readStream(agentB);
    const failed = events.find((event) => event.type === 'failed' && event.connectorId === brokenB.id);
    expect(failed).toMatchObject({ status: 'unreachable', message: expect.stringMatching(/[a-zé]/) });
    expect(events.filter((event) => event.type === 'items')).toHaveLength(connectorsB.length);
    expect(events.at(-1)).toEqual({ type: 'done' });
  });

  it('answers 401 without a session', async () => {
    const response = await fetch(`${pleiade.url}/api/todo/stream`);
    expect(response.status).toBe(401);
  });
});
