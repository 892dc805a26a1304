import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../../src/db/embedded.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A PostgreSQL URL whose user may create databases; each test file creates its own. */
    adminDatabaseUrl: string;
  }
}

/**
 * Integration tests run against a real PostgreSQL: the one in DATABASE_URL when set (CI, the
 * project's machines), else an embedded one started here, so the suite also runs on a fresh machine.
 */
export default async function setup(project: TestProject) {
  const fromEnv = process.env.DATABASE_URL;
  if (fromEnv) {
    project.provide('adminDatabaseUrl', fromEnv);
    return undefined;
  }
  const dir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-it-pg-'));
  const embedded = await startEmbeddedPostgres({ dataDir: path.join(dir, 'data') });
  project.provide('adminDatabaseUrl', embedded.url('postgres'));
  return async () => {
    await embedded.stop();
    await rm(dir, { recursive: true, force: true });
  };
}
