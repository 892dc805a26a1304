import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boardSchema, meSchema } from '@pleiade/contracts';
import { Invalidations } from '../../src/db/invalidation.js';
import { createLogger } from '../../src/logger.js';
import { createBoardVia } from '../support/boards.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';
import { createUnreachableNextcloudVia } from '../support/revocation.js';

/**
 * A person's write, answered by an instance, is what that instance serves them next: the
 * database trigger's message may reach the process a moment after the answer, so the answer
 * waits for it (http/own-writes.ts). Before that wait, the language loop read a stale language
 * in most runs (1 to 4 rounds in 100), as CI once did with a single round.
 */

let pleiade: TestPleiade;

beforeAll(async () => {
  pleiade = await startTestPleiade();
});
afterAll(async () => {
  await pleiade?.stop();
});

describe('Invalidations.caughtUp', () => {
  let pool: pg.Pool;
  let writer: pg.Client;
  let invalidations: Invalidations;
  const heard: string[] = [];

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: pleiade.database.url, max: 2 });
    writer = new pg.Client({ connectionString: pleiade.database.url });
    await writer.connect();
    invalidations = await Invalidations.start({
      databaseUrl: pleiade.database.url,
      pool,
      logger: createLogger('silent'),
    });
    invalidations.on((key) => heard.push(key));
  });
  afterAll(async () => {
    await invalidations?.close();
    await writer?.end();
    await pool?.end();
  });

  it('resolves once the invalidation of a write committed by another connection has been applied here', async () => {
    const { rows } = await writer.query<{ id: string }>('SELECT id FROM collectivite ORDER BY id LIMIT 1');
    const collectiviteId = rows[0]!.id;
    for (let round = 0; round < 50; round += 1) {
      heard.length = 0;
      await writer.query('UPDATE collectivite SET name = name WHERE id = $1', [collectiviteId]);
      await invalidations.caughtUp();
      expect(heard).toContain(`collectivite:${collectiviteId}`);
    }
  });

  it('never hands its own marks to the caches as keys', async () => {
    heard.length = 0;
    await invalidations.caughtUp();
    await invalidations.caughtUp();
    expect(heard).toEqual([]);
  });

  it('resolves at once once closed, the channel being down', async () => {
    const closed = await Invalidations.start({
      databaseUrl: pleiade.database.url,
      pool,
      logger: createLogger('silent'),
    });
    await closed.close();
    expect(closed.live).toBe(false);
    await expect(closed.caughtUp()).resolves.toBeUndefined();
  });
});

describe('the instance that answered a write serves it next', () => {
  let agent: TestBrowser;

  beforeAll(async () => {
    agent = await signIn(pleiade.url, 'agent');
  });

  it('a language chosen, read back by /api/me every time', async () => {
    const stale: string[] = [];
    for (let round = 0; round < 100; round += 1) {
      const language = round % 2 ? 'fr' : 'en';
      expect((await api(agent, `${pleiade.url}/api/me/language`, 'PUT', { language })).status).toBe(204);
      const me = meSchema.parse(await (await api(agent, `${pleiade.url}/api/me`)).json());
      if (me.language !== language) stale.push(`round ${round}: ${me.language} for ${language}`);
    }
    expect(stale).toEqual([]);
  });

  it('a widget taken off the board: its data is refused on the very next read', async () => {
    const operator = await signIn(pleiade.url, 'operateur');
    const connectorId = await createUnreachableNextcloudVia(pleiade.url, operator);
    let board = await createBoardVia(pleiade.url, agent, 'Tableau des écritures');
    const save = async (widgets: unknown[]) => {
      const saved = await api(agent, `${pleiade.url}/api/boards/${board.id}`, 'PUT', {
        version: board.version,
        widgets,
      });
      expect(saved.status).toBe(200);
      board = boardSchema.parse(await saved.json());
    };
    const stale: number[] = [];
    for (let round = 0; round < 30; round += 1) {
      const widgetId = crypto.randomUUID();
      await save([
        {
          id: widgetId,
          kind: 'nextcloud-notifications',
          options: { connectorId },
          layout: { lg: { x: 0, y: 0, w: 4, h: 4 } },
        },
      ]);
      const data = `${pleiade.url}/api/widgets/${widgetId}/data`;
      // Read twice: the widget is now in the process cache.
      expect((await api(agent, data)).status).toBe(200);
      expect((await api(agent, data)).status).toBe(200);
      await save([]);
      const after = (await api(agent, data)).status;
      if (after !== 404) stale.push(round);
    }
    expect(stale).toEqual([]);
  });
});
