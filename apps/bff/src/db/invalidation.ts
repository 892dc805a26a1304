import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { RedisClient } from '../http/session-store.js';
import type { Logger } from '../logger.js';

/** The PostgreSQL channel the triggers of migration 20261204090000 notify on. */
export const INVALIDATION_CHANNEL = 'pleiade_invalidate';
/** The Redis channel of the instances' own messages (sessions in Redis), when REDIS_URL is set. */
export const REDIS_INVALIDATION_CHANNEL = 'pleiade:invalidate';
/** Everything: sent to the listeners when a channel was down (messages may have been missed). */
export const INVALIDATE_ALL = '*';

const RECONNECT_MS = 500;
/** A message of `caughtUp`'s own, never a key: what this instance sent to hear its writes back. */
const MARK_PREFIX = 'mark:';
/** Past this, a mark is taken as lost: everything is dropped here rather than risk a stale value. */
const MARK_TIMEOUT_MS = 2_000;

export type InvalidationListener = (key: string) => void;

/**
 * What tells this process that something it keeps in memory has changed, on any instance:
 * - writes to the database, through PostgreSQL LISTEN/NOTIFY — the triggers send the message at
 *   COMMIT, whatever code wrote (a route, a seed, an operator's SQL), so no write path is forgotten;
 * - the instances' own messages (a session ended or rewritten in Redis, which PostgreSQL never
 *   sees): Redis pub/sub when REDIS_URL is set, else NOTIFY as well.
 * Keys are `user:<id>`, `collectivite:<id>`, `boards:<collectivité>`, `connectors:<collectivité>`,
 * `credential:<user>:<connector>`, `session:<sha-256 of the id>`. While a channel is down the
 * caches are bypassed (`live` false) and everything is dropped once it is back.
 */
export class Invalidations {
  private readonly listeners = new Set<InvalidationListener>();
  private pgClient: pg.Client | undefined;
  private pgLive = false;
  private redisSubscriber: RedisClient | undefined;
  private redisLive = false;
  private closed = false;
  private reconnectTimer: NodeJS.Timeout | undefined;
  /** Marks sent by caughtUp and not heard yet: id → what resolves the caller. */
  private readonly marks = new Map<string, () => void>();

  private constructor(
    private readonly databaseUrl: string,
    private readonly pool: pg.Pool,
    private readonly publisher: { pool: pg.Pool } | { redis: RedisClient },
    private readonly logger: Logger,
  ) {}

  /** Connected to every channel it needs; rejects when PostgreSQL (or Redis) cannot be reached at start. */
  static async start(options: {
    databaseUrl: string;
    pool: pg.Pool;
    redis?: RedisClient;
    logger: Logger;
  }): Promise<Invalidations> {
    const invalidations = new Invalidations(
      options.databaseUrl,
      options.pool,
      options.redis ? { redis: options.redis } : { pool: options.pool },
      options.logger,
    );
    await invalidations.listenPostgres();
    if (options.redis) await invalidations.subscribeRedis(options.redis);
    return invalidations;
  }

  /** True while every channel is connected: only then may a cache serve what it holds. */
  get live(): boolean {
    return this.pgLive && (this.redisSubscriber === undefined || this.redisLive);
  }

  on(listener: InvalidationListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** This instance's own change: applied here at once, then sent to the others. */
  async publish(key: string): Promise<void> {
    this.emit(key);
    if ('redis' in this.publisher) await this.publisher.redis.publish(REDIS_INVALIDATION_CHANNEL, key);
    else await this.publisher.pool.query('SELECT pg_notify($1, $2)', [INVALIDATION_CHANNEL, key]);
  }

  /**
   * Resolves once this process has applied the invalidations of every write committed before the
   * call, whichever connection wrote: it sends a mark on the channel and waits to hear it back, and
   * PostgreSQL delivers notifications in the order their transactions committed. What answers a
   * write awaits it, so that the same person's next request, served here, never reads what the
   * write replaced (the trigger's message may otherwise arrive a moment after the answer).
   */
  async caughtUp(): Promise<void> {
    // Channel down: the caches are bypassed, nothing here can be stale.
    if (!this.pgLive) return;
    const id = randomUUID();
    const heard = new Promise<void>((resolve) => {
      const timer = setTimeout(() => {
        this.marks.delete(id);
        this.logger.warn('invalidation mark not heard back: caches dropped');
        this.emit(INVALIDATE_ALL);
        resolve();
      }, MARK_TIMEOUT_MS);
      timer.unref();
      this.marks.set(id, () => {
        clearTimeout(timer);
        resolve();
      });
    });
    try {
      await this.pool.query('SELECT pg_notify($1, $2)', [INVALIDATION_CHANNEL, `${MARK_PREFIX}${id}`]);
    } catch (error) {
      this.marks.get(id)?.();
      this.marks.delete(id);
      this.logger.warn({ err: error }, 'invalidation mark not sent: caches dropped');
      this.emit(INVALIDATE_ALL);
      return;
    }
    await heard;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const heard of this.marks.values()) heard();
    this.marks.clear();
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.pgLive = false;
    this.redisLive = false;
    const client = this.pgClient;
    this.pgClient = undefined;
    await client?.end().catch(() => undefined);
    const subscriber = this.redisSubscriber;
    this.redisSubscriber = undefined;
    if (subscriber?.isOpen) await subscriber.quit().catch(() => undefined);
  }

  private emit(key: string): void {
    for (const listener of this.listeners) listener(key);
  }

  private async listenPostgres(): Promise<void> {
    const client = new pg.Client({ connectionString: this.databaseUrl });
    const lost = (error?: Error) => {
      if (this.pgClient !== client) return;
      this.pgClient = undefined;
      this.pgLive = false;
      this.emit(INVALIDATE_ALL);
      // Everything is dropped and bypassed until the channel is back: no mark needs hearing.
      for (const heard of this.marks.values()) heard();
      this.marks.clear();
      if (this.closed) return;
      this.logger.warn({ err: error }, 'invalidation channel lost: caches bypassed until it is back');
      client.end().catch(() => undefined);
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', (message) => {
      const payload = message.payload;
      if (message.channel !== INVALIDATION_CHANNEL || !payload) return;
      if (payload.startsWith(MARK_PREFIX)) {
        // Another instance's marks are not for this one; nothing is dropped for a mark.
        const id = payload.slice(MARK_PREFIX.length);
        this.marks.get(id)?.();
        this.marks.delete(id);
        return;
      }
      this.emit(payload);
    });
    this.pgClient = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${INVALIDATION_CHANNEL}`);
    } catch (error) {
      if (this.pgClient === client) this.pgClient = undefined;
      client.end().catch(() => undefined);
      throw error;
    }
    // Whatever changed while nobody listened is unknown: start again from the database.
    this.emit(INVALIDATE_ALL);
    this.pgLive = true;
  }

  private scheduleReconnect(): void {
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      if (this.closed) return;
      this.listenPostgres().then(
        () => this.logger.info('invalidation channel back'),
        () => this.scheduleReconnect(),
      );
    }, RECONNECT_MS);
    this.reconnectTimer.unref();
  }

  private async subscribeRedis(redis: RedisClient): Promise<void> {
    const subscriber = redis.duplicate();
    this.redisSubscriber = subscriber;
    subscriber.on('error', (error: unknown) => {
      if (this.redisLive) this.logger.warn({ err: error }, 'Redis invalidation channel lost');
      this.redisLive = false;
      this.emit(INVALIDATE_ALL);
    });
    subscriber.on('ready', () => {
      // Reconnected (node-redis subscribes again by itself): drop what may have been missed.
      this.emit(INVALIDATE_ALL);
      this.redisLive = true;
    });
    await subscriber.connect();
    await subscriber.subscribe(REDIS_INVALIDATION_CHANNEL, (message) => this.emit(message));
    this.redisLive = true;
  }
}
