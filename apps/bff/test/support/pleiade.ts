import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { createLogger, type Logger } from '../../src/logger.js';
import { startPleiade, type RunningPleiade } from '../../src/server.js';
import { CSRF_HEADER, CSRF_HEADER_VALUE } from '../../src/http/guards.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import { testLookup } from './dns.js';
import type { TestBrowser } from './http-client.js';

export interface TestPleiade {
  url: string;
  database: TestDatabase;
  /** Holds the demo IdP's keys (dev-idp.json) and the generated session secret. */
  dataDir: string;
  running: RunningPleiade;
  stop(): Promise<void>;
}

/** The configuration of a product under test: random ports, loopback, silent logs. */
export function testConfig(env: Record<string, string>): Config {
  return loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', DEV_IDP_PORT: '0', LOG_LEVEL: 'silent', ...env });
}

/** The whole product on random ports: its own database, the demo IdP, demo collectivités. */
export async function startTestPleiade(extraEnv: Record<string, string> = {}, logger?: Logger): Promise<TestPleiade> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-it-'));
  const config = testConfig({ DATABASE_URL: database.url, EMBEDDED_DATA_DIR: dataDir, ...extraEnv });
  const running = await startPleiade(config, logger ?? createLogger(config.logLevel), { lookup: testLookup });
  return {
    url: running.url,
    database,
    dataDir,
    running,
    async stop() {
      await running.close();
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** JSON call to the API with the headers the SPA sends. */
export async function api(browser: TestBrowser, url: string, method = 'GET', body?: unknown): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET') headers[CSRF_HEADER] = CSRF_HEADER_VALUE;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return browser.request(url, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
}
