import { inject } from 'vitest';
import { migrate } from '../../src/db/migrate.js';
import { createScratchDatabase, type ScratchDatabase } from '../../src/db/scratch-database.js';

export type TestDatabase = ScratchDatabase;

/** A fresh, empty database (no migration applied). */
export function createBareDatabase(): Promise<TestDatabase> {
  return createScratchDatabase(inject('adminDatabaseUrl'), 'pleiade_test');
}

/** A fresh, migrated database of its own for one test file. */
export async function createTestDatabase(): Promise<TestDatabase> {
  const database = await createBareDatabase();
  await migrate(database.url);
  return database;
}
