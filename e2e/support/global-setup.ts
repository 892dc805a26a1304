import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger, createScratchDatabase, loadConfig, startPleiade } from '@pleiade/bff';
import { E2E_IDP_PORT, E2E_PORT } from './ports.js';

/**
 * Starts the built product once for the whole run, exactly as `npm start` does, on its own
 * database: a fresh one on DATABASE_URL's server when set (CI), else an embedded PostgreSQL.
 */
export default async function globalSetup() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-e2e-'));
  const adminUrl = process.env.DATABASE_URL;
  const database = adminUrl ? await createScratchDatabase(adminUrl, 'pleiade_e2e') : undefined;
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(E2E_PORT),
    HOST: '127.0.0.1',
    DEV_IDP_PORT: String(E2E_IDP_PORT),
    EMBEDDED_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    ...(database ? { DATABASE_URL: database.url } : {}),
  });
  const running = await startPleiade(config, createLogger(config.logLevel));
  return async () => {
    await running.close();
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
