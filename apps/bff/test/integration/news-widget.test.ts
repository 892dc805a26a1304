import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  boardSchema,
  connectorSchema,
  newsDataSchema,
  widgetDataResponseSchema,
  type Board,
  type Connector,
  type WidgetDataResponse,
} from '@pleiade/contracts';
import { startSimulators, type Simulators } from '@pleiade/simulators';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/**
 * The « Actualités » widget through the API: a feed set by the collectivité (a `news` connector,
 * its loopback address allowed by the operator) read by the BFF for the widget; another
 * collectivité's members get nothing of it; a hostile feed is a failure state, never a 5xx.
 */

let pleiade: TestPleiade;
let sims: Simulators;
let operator: TestBrowser;
let admin: TestBrowser;
let agent: TestBrowser;
let agentB: TestBrowser;
let feed: Connector;
let hostile: Connector;

async function call(browser: TestBrowser, path: string, method = 'GET', body?: unknown) {
  const response = await api(browser, `${pleiade.url}${path}`, method, body);
  const text = await response.text();
  return { status: response.status, json: text ? (JSON.parse(text) as unknown) : undefined };
}

async function createFeed(label: string, feedPath: string): Promise<Connector> {
  const { status, json } = await call(operator, '/api/admin/connectors', 'POST', {
    kind: 'news',
    label,
    baseUrl: sims.urls.feeds,
    authMode: 'none',
    options: { feedPath },
    allowPrivateNetworks: ['127.0.0.1/32'],
  });
  expect(status, JSON.stringify(json)).toBe(201);
  return connectorSchema.parse(json);
}

/** Puts a news widget (reading `connectorId`, or the first feed) on the person's board; its id. */
async function addNewsWidget(browser: TestBrowser, connectorId?: string): Promise<string> {
  const board = boardSchema.parse((await call(browser, '/api/boards/current')).json);
  const id = randomUUID();
  const widgets = [
    ...board.widgets,
    {
      id,
      kind: 'news',
      options: connectorId ? { connectorId } : {},
      layout: { lg: { x: 0, y: 40 + board.widgets.length * 5, w: 4, h: 5 } },
    },
  ];
  const saved = await call(browser, `/api/boards/${board.id}`, 'PUT', { version: board.version, widgets });
  expect(saved.status, JSON.stringify(saved.json)).toBe(200);
  expect((boardSchema.parse(saved.json) as Board).widgets.some((widget) => widget.id === id)).toBe(true);
  return id;
}

async function read(browser: TestBrowser, widgetId: string) {
  const { status, json } = await call(browser, `/api/widgets/${widgetId}/data`);
  expect(status, JSON.stringify(json)).toBe(200);
  return widgetDataResponseSchema('news').parse(json) as WidgetDataResponse<'news'>;
}

beforeAll(async () => {
  pleiade = await startTestPleiade();
  sims = await startSimulators();
  [operator, admin, agent, agentB] = (await Promise.all(
    ['operateur', 'admin', 'agent', 'agent-b'].map((username) => signIn(pleiade.url, username)),
  )) as [TestBrowser, TestBrowser, TestBrowser, TestBrowser];
  feed = await createFeed('Actualités de la mairie', '/demo-a/rss.xml');
  hostile = await createFeed('Flux piégé', '/hostile/script.rss');
}, 60_000);
afterAll(async () => {
  await pleiade?.stop();
  await sims?.close();
});

describe('the news widget', () => {
  it('shows the articles of the collectivité’s feed, as text with links to them', async () => {
    const response = await read(agent, await addNewsWidget(agent, feed.id));
    expect(response.status).toBe('ok');
    const data = newsDataSchema.parse((response as { data?: unknown }).data);
    expect(data.items).toHaveLength(5);
    expect(data.items.every((item) => item.url?.startsWith(sims.urls.feeds.replace(/\/$/, '')))).toBe(true);
    expect(JSON.stringify(data)).not.toMatch(/<[a-z]/i);
  });

  it('reads the feed once for the whole collectivité (cached)', async () => {
    const before = sims.requestCount('feeds');
    await read(admin, await addNewsWidget(admin, feed.id));
    await read(agent, await addNewsWidget(agent, feed.id));
    expect(sims.requestCount('feeds') - before).toBe(0);
  });

  it('turns a hostile feed into harmless text', async () => {
    const response = await read(agent, await addNewsWidget(agent, hostile.id));
    expect(response.status).toBe('ok');
    const text = JSON.stringify(response);
    expect(text).not.toMatch(/<script|onerror=|javascript:/i);
  });

  it('gives another collectivité nothing of it: its feed is not theirs', async () => {
    const response = await read(agentB, await addNewsWidget(agentB, feed.id));
    expect(response.status).toBe('not_configured');
    expect(JSON.stringify(response)).not.toContain('Mairie de Demo A');
  });

  it('lets only the operator allow the feed’s private address', async () => {
    const { status } = await call(admin, '/api/admin/connectors', 'POST', {
      kind: 'news',
      label: 'Flux interne',
      baseUrl: sims.urls.feeds,
      authMode: 'none',
      options: { feedPath: '/demo-a/rss.xml' },
      allowPrivateNetworks: ['127.0.0.1/32'],
    });
    expect(status).toBe(403);
  });
});
