import { createHash } from 'node:crypto';
import connectPgSimple from 'connect-pg-simple';
import { RedisStore } from 'connect-redis';
import session, { type SessionData, type Store } from 'express-session';
import type pg from 'pg';
import type { createClient } from 'redis';
import type { HotCache } from '../db/hot-cache.js';
import type { Invalidations } from '../db/invalidation.js';

export type RedisClient = ReturnType<typeof createClient>;

/**
 * Where sessions live: Redis when REDIS_URL is set (several BFF instances share them), otherwise
 * PostgreSQL. Never process memory alone: a restart or a second instance must not sign anyone out.
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

/** The invalidation key of a session: the SHA-256 of its id (the id itself is a bearer secret). */
export function sessionKey(sid: string): string {
  return `session:${createHash('sha256').update(sid).digest('hex')}`;
}

type Callback<T = void> = (error?: unknown, value?: T) => void;

/**
 * A read-through in front of the session store: a session read is a lookup in process memory
 * while nothing changed it. Its own writes update the copy here at once; the others' reach it
 * through the invalidation messages — PostgreSQL's trigger on the session table, or, for sessions
 * in Redis, the message this store publishes after each write. Copies are kept as JSON (express-
 * session mutates what it is given) and never past the session's own expiry.
 */
export class ReadThroughSessionStore extends session.Store {
  constructor(
    private readonly inner: Store,
    private readonly cache: HotCache<string>,
    private readonly invalidations: Invalidations,
    /** Whether this store must announce its writes itself (Redis: PostgreSQL does not see them). */
    private readonly announce: boolean,
  ) {
    super();
  }

  override get(sid: string, callback: (error: unknown, session?: SessionData | null) => void): void {
    const key = sessionKey(sid);
    const kept = this.cache.get(key);
    if (kept !== undefined) {
      const parsed = JSON.parse(kept) as SessionData;
      const expires = parsed.cookie?.expires;
      if (!expires || new Date(expires).getTime() > Date.now()) {
        this.cache.hits += 1;
        callback(null, parsed);
        return;
      }
      this.cache.delete(key);
    }
    this.cache.misses += 1;
    const epoch = this.cache.currentEpoch;
    this.inner.get(sid, (error, stored) => {
      if (!error && stored) this.cache.set(key, JSON.stringify(stored), [key], epoch);
      callback(error, stored);
    });
  }

  override set(sid: string, stored: SessionData, callback?: Callback): void {
    const key = sessionKey(sid);
    this.cache.delete(key);
    const epoch = this.cache.currentEpoch;
    this.inner.set(sid, stored, (error?: unknown) => {
      if (error) {
        callback?.(error);
        return;
      }
      this.cache.set(key, JSON.stringify(stored), [key], epoch);
      this.announceChange(key, callback);
    });
  }

  override destroy(sid: string, callback?: Callback): void {
    const key = sessionKey(sid);
    this.cache.invalidate(key);
    this.inner.destroy(sid, (error?: unknown) => {
      this.cache.invalidate(key);
      if (error) {
        callback?.(error);
        return;
      }
      this.announceChange(key, callback);
    });
  }

  override touch(sid: string, stored: SessionData, callback?: () => void): void {
    if (this.inner.touch) this.inner.touch(sid, stored, callback);
    else callback?.();
  }

  private announceChange(key: string, callback?: Callback): void {
    if (!this.announce) {
      callback?.();
      return;
    }
    // Sent before answering: once the response leaves, no other instance serves the old copy for long.
    this.invalidations.publish(key).then(
      () => callback?.(),
      (error: unknown) => callback?.(error),
    );
  }
}
