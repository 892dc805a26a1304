import connectPgSimple from 'connect-pg-simple';
import { RedisStore } from 'connect-redis';
import session, { type Store } from 'express-session';
import type pg from 'pg';
import type { createClient } from 'redis';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * Where sessions live: Redis when REDIS_URL is set (several BFF instances share them), otherwise
 * PostgreSQL. Never process memory: a restart or a second instance must not sign anyone out.
 */
export function createSessionStore(options: { pool: pg.Pool; redis?: RedisClient; pruneSessions: boolean }): Store {
  if (options.redis) return new RedisStore({ client: options.redis, prefix: 'pleiade:sess:', disableTouch: true });
  const PgStore = connectPgSimple(session);
  return new PgStore({
    pool: options.pool,
    tableName: 'session',
    createTableIfMissing: false,
    pruneSessionInterval: options.pruneSessions ? 15 * 60 : false,
    // No UPDATE per request (measured ~1.5 ms each): the idle timeout is tracked in the session itself.
    disableTouch: true,
  });
}
