import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createLogger, createScratchDatabase, loadConfig, startPleiade } from '@pleiade/bff';

export interface TestPleiadeOptions {
  /** Prefix of the scratch database's name on DATABASE_URL's server, and of the temporary data folder. */
  name: string;
  port: number;
  /** Extra settings, as the environment would give them (OIDC provider, PUBLIC_URL…). */
  env?: Record<string, string>;
}

/**
 * Starts the built product in-process, exactly as `npm start` does, on its own database: a fresh
 * one on DATABASE_URL's server when set (CI), else an embedded PostgreSQL in a temporary folder.
 * Returns the teardown (stop the product, drop the database, remove the folder), as Playwright's
 * globalSetup expects.
 */
export async function startTestPleiade(options: TestPleiadeOptions): Promise<() => Promise<void>> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), `${options.name.replace(/_/g, '-')}-`));
  const adminUrl = process.env.DATABASE_URL;
  const database = adminUrl ? await createScratchDatabase(adminUrl, options.name) : undefined;
  try {
    const config = loadConfig({
      NODE_ENV: 'test',
      PORT: String(options.port),
      HOST: '127.0.0.1',
      EMBEDDED_DATA_DIR: dataDir,
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      ...(database ? { DATABASE_URL: database.url } : {}),
      ...options.env,
    });
    const running = await startPleiade(config, createLogger(config.logLevel));
    // For tests that act on the product's database as its scheduler would (indicators.spec.ts).
    process.env.E2E_DATABASE_URL = running.databaseUrl;
    return async () => {
      await running.close();
      await database?.drop();
      await rm(dataDir, { recursive: true, force: true });
    };
  } catch (error) {
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}
