import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { boardSchema, connectorSchema } from '@pleiade/contracts';
import { createBoardVia } from './boards.js';
import { signIn, type TestBrowser } from './http-client.js';
import { api, startTestPleiade, type TestPleiade } from './pleiade.js';

/** What a change made through one instance may take to reach the other's process caches. */
export const PROPAGATION_LIMIT_MS = 1_000;
const COOKIE = 'pleiade.sid';

/**
 * A Nextcloud connector with personal secrets, created through the API by `operator`, on a port
 * nothing listens on (9): a widget on it reads « unreachable » with a credential given,
 * « credentials_missing » without. Answers its id.
 */
export async function createUnreachableNextcloudVia(baseUrl: string, operator: TestBrowser): Promise<string> {
  const created = await api(operator, `${baseUrl}/api/admin/connectors`, 'POST', {
    kind: 'nextcloud',
    label: 'Nextcloud',
    baseUrl: 'http://127.0.0.1:9/',
    authMode: 'personal_secret',
    allowPrivateNetworks: ['127.0.0.1/32'],
  });
  expect(created.status).toBe(201);
  return connectorSchema.parse(await created.json()).id;
}

/**
 * Two BFF instances on one database (and one Redis when `env` names it), as behind a load
 * balancer: each change is made through the first, its effect awaited on the second, whose
 * caches hold the previous answer (read twice before the change). The safety TTL being 15 s, an
 * effect within PROPAGATION_LIMIT_MS can only come from the invalidation message.
 */
export function describeRevocationAcrossInstances(env: Record<string, string> = {}): void {
  let first: TestPleiade;
  let second: TestPleiade;
  let db: pg.Client;
  let admin: TestBrowser;
  let connectorId: string;

  beforeAll(async () => {
    first = await startTestPleiade(env);
    // The same data folder: the same session secret and connector keys, as two replicas of one installation.
    second = await startTestPleiade({ ...env, DATABASE_URL: first.database.url, EMBEDDED_DATA_DIR: first.dataDir });
    db = new pg.Client({ connectionString: first.database.url });
    await db.connect();
    admin = await signIn(first.url, 'admin');
    const operator = await signIn(first.url, 'operateur');
    connectorId = await createUnreachableNextcloudVia(first.url, operator);
  });
  afterAll(async () => {
    await db?.end();
    await second?.stop();
    await first?.stop();
  });

  /** The browser's session cookie, presented to the second instance. */
  function onSecond(browser: TestBrowser, path: string, method = 'GET', body?: unknown) {
    const cookie = browser.jar.get(first.url, COOKIE);
    if (cookie) browser.jar.set(second.url, COOKIE, cookie);
    return api(browser, `${second.url}${path}`, method, body);
  }

  /** Polls the second instance until `done` holds; answers how long it took. */
  async function within(limitMs: number, probe: () => Promise<boolean>): Promise<number> {
    const started = performance.now();
    for (;;) {
      if (await probe()) return performance.now() - started;
      if (performance.now() - started > limitMs) throw new Error(`not seen within ${limitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async function widgetOnNewBoard(browser: TestBrowser): Promise<{ boardId: string; widgetId: string }> {
    const board = await createBoardVia(first.url, browser, `Tableau ${Math.random().toString(36).slice(2, 8)}`);
    const widgetId = crypto.randomUUID();
    const saved = await api(browser, `${first.url}/api/boards/${board.id}`, 'PUT', {
      version: board.version,
      widgets: [
        {
          id: widgetId,
          kind: 'nextcloud-notifications',
          options: { connectorId },
          layout: { lg: { x: 0, y: 0, w: 4, h: 4 } },
        },
      ],
    });
    expect(saved.status).toBe(200);
    boardSchema.parse(await saved.json());
    return { boardId: board.id, widgetId };
  }

  async function widgetState(browser: TestBrowser, widgetId: string) {
    const response = await onSecond(browser, `/api/widgets/${widgetId}/data`);
    return {
      http: response.status,
      body: (response.status === 200 ? await response.json() : undefined) as
        { status: string; source?: { label: string } } | undefined,
    };
  }

  it('a role changed in the database', async () => {
    const agent = await signIn(first.url, 'agent');
    const me = async () => (await (await onSecond(agent, '/api/me')).json()) as { id: string; role: string };
    const before = await me();
    expect(before.role).toBe('agent');
    expect((await me()).role).toBe('agent');
    await db.query(`UPDATE app_user SET role = 'ELU' WHERE id = $1`, [before.id]);
    try {
      const took = await within(PROPAGATION_LIMIT_MS, async () => (await me()).role === 'elu');
      expect(took).toBeLessThan(PROPAGATION_LIMIT_MS);
    } finally {
      await db.query(`UPDATE app_user SET role = 'AGENT' WHERE id = $1`, [before.id]);
    }
  });

  it('a language chosen', async () => {
    const agent = await signIn(first.url, 'agent-b');
    const language = async () =>
      ((await (await onSecond(agent, '/api/me')).json()) as { language: string | null }).language;
    expect(await language()).not.toBe('en');
    expect(await language()).not.toBe('en');
    expect((await api(agent, `${first.url}/api/me/language`, 'PUT', { language: 'en' })).status).toBe(204);
    try {
      const took = await within(PROPAGATION_LIMIT_MS, async () => (await language()) === 'en');
      expect(took).toBeLessThan(PROPAGATION_LIMIT_MS);
    } finally {
      await api(agent, `${first.url}/api/me/language`, 'PUT', { language: 'fr' });
    }
  });

  it('a connector changed by its administrator', async () => {
    const agent = await signIn(first.url, 'agent');
    const { widgetId } = await widgetOnNewBoard(agent);
    expect((await widgetState(agent, widgetId)).body?.source?.label).toBe('Nextcloud');
    expect((await widgetState(agent, widgetId)).body?.source?.label).toBe('Nextcloud');
    const changed = await api(admin, `${first.url}/api/admin/connectors/${connectorId}`, 'PUT', {
      label: 'Fichiers de la mairie',
    });
    expect(changed.status).toBe(200);
    const took = await within(
      PROPAGATION_LIMIT_MS,
      async () => (await widgetState(agent, widgetId)).body?.source?.label === 'Fichiers de la mairie',
    );
    expect(took).toBeLessThan(PROPAGATION_LIMIT_MS);
    // Disabled: the widget has nothing to read from any more.
    expect(
      (await api(admin, `${first.url}/api/admin/connectors/${connectorId}`, 'PUT', { enabled: false })).status,
    ).toBe(200);
    try {
      await within(
        PROPAGATION_LIMIT_MS,
        async () => (await widgetState(agent, widgetId)).body?.status === 'not_configured',
      );
    } finally {
      await api(admin, `${first.url}/api/admin/connectors/${connectorId}`, 'PUT', {
        enabled: true,
        label: 'Nextcloud',
      });
    }
  });

  it('a personal credential revoked', async () => {
    const agent = await signIn(first.url, 'agent');
    const { widgetId } = await widgetOnNewBoard(agent);
    const url = `${first.url}/api/me/connectors/${connectorId}/credential`;
    expect((await api(agent, url, 'PUT', { secret: 'mot-de-passe-application-de-test' })).status).toBe(200);
    await within(PROPAGATION_LIMIT_MS, async () => (await widgetState(agent, widgetId)).body?.status === 'unreachable');
    expect((await widgetState(agent, widgetId)).body?.status).toBe('unreachable');
    expect((await api(agent, url, 'DELETE')).status).toBe(204);
    const took = await within(
      PROPAGATION_LIMIT_MS,
      async () => (await widgetState(agent, widgetId)).body?.status === 'credentials_missing',
    );
    expect(took).toBeLessThan(PROPAGATION_LIMIT_MS);
  });

  it('a board deleted', async () => {
    const agent = await signIn(first.url, 'agent');
    const { boardId, widgetId } = await widgetOnNewBoard(agent);
    await within(PROPAGATION_LIMIT_MS, async () => (await widgetState(agent, widgetId)).http === 200);
    expect((await widgetState(agent, widgetId)).http).toBe(200);
    expect((await api(agent, `${first.url}/api/boards/${boardId}`, 'DELETE')).status).toBe(204);
    const took = await within(PROPAGATION_LIMIT_MS, async () => (await widgetState(agent, widgetId)).http === 404);
    expect(took).toBeLessThan(PROPAGATION_LIMIT_MS);
  });

  it('a sign-out', async () => {
    const agent = await signIn(first.url, 'elu');
    expect((await onSecond(agent, '/api/me')).status).toBe(200);
    expect((await onSecond(agent, '/api/me')).status).toBe(200);
    const stale = agent.jar.get(first.url, COOKIE) ?? '';
    const out = await agent.request(`${first.url}/auth/logout`, { method: 'POST', headers: { origin: first.url } });
    expect(out.status).toBe(303);
    agent.jar.set(first.url, COOKIE, stale);
    const took = await within(PROPAGATION_LIMIT_MS, async () => (await onSecond(agent, '/api/me')).status === 401);
    expect(took).toBeLessThan(PROPAGATION_LIMIT_MS);
  });
}
