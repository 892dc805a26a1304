import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiErrorBodySchema, boardSchema } from '@pleiade/contracts';
import { createDb } from '../../src/db/client.js';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../../src/db/embedded.js';
import { isDatabaseUnavailable } from '../../src/db/unavailable.js';
import { createLogger } from '../../src/logger.js';
import { freePort } from '../../src/net.js';
import { startPleiade, type RunningPleiade } from '../../src/server.js';
import { createBareDatabase } from '../support/database.js';
import { testLookup } from '../support/dns.js';
import { signIn, type TestBrowser } from '../support/http-client.js';
import { api, testConfig } from '../support/pleiade.js';

/*
 * PostgreSQL really stops under a running Pléiade: its own embedded server, stopped and started
 * again by the test (no mock). The API must say so (503, French, Retry-After), then recover alone.
 */

let dir: string;
let port: number;
let database: EmbeddedDatabase | undefined;
let running: RunningPleiade;
let agent: TestBrowser;

const startDatabase = async () => {
  database = await startEmbeddedPostgres({ dataDir: path.join(dir, 'postgres'), port, databases: ['pleiade'] });
  return database;
};

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-db-down-'));
  port = await freePort();
  const db = await startDatabase();
  const config = testConfig({ DATABASE_URL: db.url('pleiade'), EMBEDDED_DATA_DIR: path.join(dir, 'data') });
  running = await startPleiade(config, createLogger('silent'), { lookup: testLookup });
  agent = await signIn(running.url, 'agent');
}, 180_000);

afterAll(async () => {
  await running?.close();
  await database?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function expectUnavailable(response: Response, label: string) {
  const text = await response.text();
  expect(response.status, `${label}: ${text.slice(0, 200)}`).toBe(503);
  const retryAfter = Number(response.headers.get('retry-after'));
  expect(Number.isInteger(retryAfter) && retryAfter > 0, `${label}: Retry-After ${retryAfter}`).toBe(true);
  const { error } = apiErrorBodySchema.parse(JSON.parse(text));
  expect(error.code).toBe('SERVICE_UNAVAILABLE');
  expect(error.message).toMatch(/base de données.*Réessayez/);
}

describe('PostgreSQL down', () => {
  it('answers 503 with a French message and Retry-After, then serves again once it is back', async () => {
    const board = boardSchema.parse(await (await api(agent, `${running.url}/api/boards/current`)).json());
    await database?.stop();
    database = undefined;

    await expectUnavailable(await api(agent, `${running.url}/api/boards/current`), 'GET board');
    await expectUnavailable(
      await api(agent, `${running.url}/api/boards/${board.id}`, 'PUT', {
        version: board.version,
        widgets: board.widgets,
      }),
      'PUT board',
    );
    await expectUnavailable(await api(agent, `${running.url}/api/me`), 'GET me');
    // Without a session nothing needs the database: still the usual 401.
    expect((await fetch(`${running.url}/api/me`, { headers: { accept: 'application/json' } })).status).toBe(401);
    expect((await fetch(`${running.url}/readyz`)).status).toBe(503);
    expect((await fetch(`${running.url}/healthz`)).status).toBe(200);

    await startDatabase();
    // The pools open new connections by themselves; the session was kept in PostgreSQL.
    let status = 0;
    for (let attempt = 0; attempt < 20 && status !== 200; attempt += 1) {
      status = (await api(agent, `${running.url}/api/boards/current`)).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(status).toBe(200);
    const saved = await api(agent, `${running.url}/api/boards/${board.id}`, 'PUT', {
      version: board.version,
      widgets: board.widgets,
    });
    expect(saved.status).toBe(200);
  });

  it('is recognised in each client’s shape (pg, Prisma, a dropped database, a killed connection), and only then', async () => {
    const closed = `postgresql://postgres@127.0.0.1:${await freePort()}/postgres`;
    const failureOf = async (run: () => Promise<unknown>) => {
      try {
        await run();
      } catch (error) {
        return error;
      }
      throw new Error('expected a failure');
    };
    const prismaClosed = createDb(closed);
    const pool = new pg.Pool({ connectionString: closed });
    const scratch = await createBareDatabase();
    await scratch.drop();
    const prismaDropped = createDb(scratch.url);
    const live = await createBareDatabase();
    const victim = new pg.Client({ connectionString: live.url });
    victim.on('error', () => undefined);
    await victim.connect();
    const admin = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
    await admin.connect();
    try {
      const { rows } = await victim.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]?.pid]);
      const unavailable = [
        await failureOf(() => prismaClosed.user.findFirst()),
        await failureOf(() => pool.query('SELECT 1')),
        await failureOf(() => prismaDropped.user.findFirst()),
        await failureOf(() => victim.query('SELECT 1')),
      ];
      for (const error of unavailable) expect(isDatabaseUnavailable(error), String(error)).toBe(true);
      const faults = [
        await failureOf(() => admin.query('SELEC 1')),
        await failureOf(() => admin.query('SELECT 1/0')),
        new Error('Cannot read properties of undefined'),
      ];
      for (const error of faults) expect(isDatabaseUnavailable(error), String(error)).toBe(false);
    } finally {
      await admin.end();
      await victim.end().catch(() => undefined);
      await live.drop();
      await pool.end();
      await prismaClosed.$disconnect();
      await prismaDropped.$disconnect();
    }
  });
});
