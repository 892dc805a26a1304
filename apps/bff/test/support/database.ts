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

/**
 * A write made straight in the database (not through the product) reaches the product's process
 * caches by the triggers' NOTIFY, as it reaches another instance: a few milliseconds, not zero.
 * Tests that write so, then expect the product to see it at once, wait this long first.
 */
export function invalidationDelivered(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 100));
}
