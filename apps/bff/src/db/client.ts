import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.js';

export type Db = PrismaClient;

/**
 * Prisma Client on the pg driver adapter: no native query engine to download. An idle connection
 * the server ends (restart, failover, a database dropped after tests) is an 'error' on the pool:
 * without a listener Node would crash; the pool drops that connection and opens another on demand.
 */
export function createDb(databaseUrl: string, onIdleError: (error: Error) => void = () => {}): Db {
  return new PrismaClient({
    adapter: new PrismaPg(
      { connectionString: databaseUrl, max: 10 },
      { onPoolError: onIdleError, onConnectionError: onIdleError },
    ),
  });
}
