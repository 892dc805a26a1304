import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createLogger, loadConfig, startPleiade } from '@pleiade/bff';
import { E2E_IDP_PORT, E2E_PORT } from './ports.js';

/**
 * Starts the built product once for the whole run, exactly as `npm start` does, on its own
 * database: a fresh one on DATABASE_URL's server when set (CI), else an embedded PostgreSQL.
 */
export default async function globalSetup() {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-e2e-'));
  let databaseUrl: string | undefined;
  let dropDatabase = async () => {};
  const adminUrl = process.env.DATABASE_URL;
  if (adminUrl) {
    const name = `pleiade_e2e_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    dropDatabase = async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    };
  }
  const config = loadConfig({
    NODE_ENV: 'test',
    PORT: String(E2E_PORT),
    HOST: '127.0.0.1',
    DEV_IDP_PORT: String(E2E_IDP_PORT),
    EMBEDDED_DATA_DIR: dataDir,
    LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    ...(databaseUrl ? { DATABASE_URL: databaseUrl } : {}),
  });
  const running = await startPleiade(config, createLogger(config.logLevel));
  return async () => {
    await running.close();
    await dropDatabase();
    await rm(dataDir, { recursive: true, force: true });
  };
}
