import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Logger } from '../logger.js';
import { failureReason, toFailureState, type FailureStatus, type WidgetState } from './states.js';

/** A stored read outcome. JSON-serialisable, so any backend can keep it. */
export interface CacheEntry {
  state: WidgetState<unknown>;
  /** Epoch ms until which the entry is served as fresh. */
  freshUntil: number;
  /** Epoch ms until which it may still be served stale while a refresh runs. */
  staleUntil: number;
}

/** Where entries live: the process (one instance) or Redis (several instances share reads). */
export interface CacheBackend {
  get(key: string): Promise<CacheEntry | undefined>;
  set(key: string, entry: CacheEntry, ttlMs: number): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface CacheKeyParts {
  /** The connector instance (one upstream of one collectivité). */
  instanceId: string;
  /** What is read: `nextcloud.notifications`, `zimbra.unread`… */
  operation: string;
  /**
   * Whose data: the user for personal data, the collectivité for data shared by its agents.
   * Part of the key, so one person's entry is never served to another.
   */
  scope: { user: string } | { collectivite: string };
  /** The widget's options that change the answer (limit, folder…). */
  options?: unknown;
}

/** JSON with sorted object keys, so `{a,b}` and `{b,a}` give the same key. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, item]) => item !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonical(item)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The cache key of a read: a SHA-256 of its parts, so nothing readable (a user id, an option
 * that might hold a token) reaches Redis or a memory dump.
 */
export function cacheKey(parts: CacheKeyParts): string {
  const digest = createHash('sha256').update(canonical(parts)).digest('base64url');
  return `pleiade:conn:${digest}`;
}

export interface MemoryCacheOptions {
  maxEntries?: number;
  /** Bound on the sum of serialised entry sizes (bytes, roughly: UTF-16 code units). */
  maxBytes?: number;
}

/** In-process backend: an LRU bounded by entries and by size; entries stored serialised. */
export class MemoryCacheBackend implements CacheBackend {
  private readonly lru: LRUCache<string, string>;

  constructor(options: MemoryCacheOptions = {}) {
    this.lru = new LRUCache<string, string>({
      max: options.maxEntries ?? 5_000,
      maxSize: options.maxBytes ?? 32 * 1024 * 1024,
      sizeCalculation: (value) => Math.max(1, value.length),
    });
  }

  async get(key: string): Promise<CacheEntry | undefined> {
    const value = this.lru.get(key);
    return value === undefined ? undefined : (JSON.parse(value) as CacheEntry);
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    this.lru.set(key, JSON.stringify(entry), { ttl: Math.max(1, Math.ceil(ttlMs)) });
  }

  async delete(key: string): Promise<void> {
    this.lru.delete(key);
  }
}

/** The few commands used, so the `redis` v5 client (or a cluster client) fits without casts. */
export interface RedisLike {
  get(key: string): Promise<string | null | unknown>;
  set(key: string, value: string, options: { expiration: { type: 'PX'; value: number } }): Promise<unknown>;
  del(key: string): Promise<unknown>;
}

/** Redis backend: JSON values with a TTL in milliseconds (SET … PX). */
export class RedisCacheBackend implements CacheBackend {
  constructor(private readonly redis: RedisLike) {}

  async get(key: string): Promise<CacheEntry | undefined> {
    const value = await this.redis.get(key);
    return typeof value === 'string' ? (JSON.parse(value) as CacheEntry) : undefined;
  }

  async set(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    await this.redis.set(key, JSON.stringify(entry), {
      expiration: { type: 'PX', value: Math.max(1, Math.ceil(ttlMs)) },
    });
  }

  async delete(key: string): Promise<void> {
    await this.redis.del(key);
  }
}

export interface CachePolicy {
  /** How long a successful read is fresh (ms). */
  ttlMs?: number;
  /** After that, how long it may still be served stale while it is refreshed in the background (ms). */
  staleMs?: number;
  /** How long a failure is remembered, to spare a struggling upstream (ms, at most 10 s). */
  negativeTtlMs?: number;
}

export interface ConnectorCacheOptions extends CachePolicy {
  backend: CacheBackend;
  logger?: Logger;
  /** Clock, for tests. */
  now?: () => number;
}

export const MAX_NEGATIVE_TTL_MS = 10_000;

/** Reads answered since the start: fresh entry, stale entry (refreshed behind), or from the upstream. */
export interface CacheStats {
  hit: number;
  stale: number;
  miss: number;
}

/** Failures that the upstream means: stale data must not hide them. */
const DEFINITIVE: ReadonlySet<FailureStatus> = new Set(['credentials_refused', 'not_configured']);

/**
 * Short cache of upstream reads with stale-while-revalidate and coalescing of identical
 * in-flight reads (per process: 100 simultaneous identical reads make one upstream call).
 * A backend failure (Redis down) degrades to calling the upstream, never to a failed widget.
 */
export class ConnectorCache {
  private readonly backend: CacheBackend;
  private readonly policy: Required<CachePolicy>;
  private readonly logger: Logger | undefined;
  private readonly now: () => number;
  /** Reads being answered, by key: a second identical read waits for the first. */
  private readonly reads = new Map<string, Promise<WidgetState<unknown>>>();
  /** Upstream loads in flight, by key: at most one refresh per key at a time. */
  private readonly loads = new Map<string, Promise<WidgetState<unknown>>>();
  /** Counted per read answered (coalesced identical reads count once), for the metrics. */
  readonly stats: CacheStats = { hit: 0, stale: 0, miss: 0 };

  constructor(options: ConnectorCacheOptions) {
    this.backend = options.backend;
    this.logger = options.logger;
    this.now = options.now ?? Date.now;
    this.policy = {
      ttlMs: options.ttlMs ?? 30_000,
      staleMs: options.staleMs ?? 5 * 60_000,
      negativeTtlMs: Math.min(options.negativeTtlMs ?? 5_000, MAX_NEGATIVE_TTL_MS),
    };
  }

  /**
   * The cached state for `key`, or the state `load` produces. `load` should not throw (an
   * {@link UpstreamClient.read} never does); if it does, the error becomes a failure state.
   */
  async read<T>(
    key: string,
    load: () => Promise<WidgetState<T>>,
    policy: CachePolicy = {},
    options: { refresh?: boolean } = {},
  ): Promise<WidgetState<T>> {
    if (options.refresh)
      return this.refresh(key, load as () => Promise<WidgetState<unknown>>, policy) as Promise<WidgetState<T>>;
    const pending = this.reads.get(key);
    if (pending) return pending as Promise<WidgetState<T>>;
    const read = this.answer(key, load as () => Promise<WidgetState<unknown>>, policy).finally(() =>
      this.reads.delete(key),
    );
    this.reads.set(key, read);
    return read as Promise<WidgetState<T>>;
  }

  /**
   * « Actualiser »: reads the upstream even when the entry is fresh (a person asked for it, or a
   * failure they want retried). Identical refreshes in flight still make one upstream call, and a
   * passing failure still falls back to the stale data.
   */
  private async refresh(
    key: string,
    load: () => Promise<WidgetState<unknown>>,
    policy: CachePolicy,
  ): Promise<WidgetState<unknown>> {
    const entry = await this.lookup(key);
    const stale = entry && entry.state.status === 'ok' && this.now() < entry.staleUntil ? entry : undefined;
    return this.load(key, load, policy, stale);
  }

  async invalidate(key: string): Promise<void> {
    try {
      await this.backend.delete(key);
    } catch (error) {
      this.logBackendError(error);
    }
  }

  /** Reads currently waiting on the upstream (for tests and metrics). */
  get inFlight(): number {
    return this.loads.size;
  }

  private async answer(
    key: string,
    load: () => Promise<WidgetState<unknown>>,
    policy: CachePolicy,
  ): Promise<WidgetState<unknown>> {
    const entry = await this.lookup(key);
    const now = this.now();
    if (entry && now < entry.freshUntil) {
      this.stats.hit += 1;
      return entry.state;
    }
    if (entry && entry.state.status === 'ok' && now < entry.staleUntil) {
      this.stats.stale += 1;
      if (!this.loads.has(key)) void this.load(key, load, policy, entry);
      return { ...entry.state, stale: true };
    }
    this.stats.miss += 1;
    return this.load(key, load, policy, undefined);
  }

  private load(
    key: string,
    load: () => Promise<WidgetState<unknown>>,
    policy: CachePolicy,
    stale: CacheEntry | undefined,
  ): Promise<WidgetState<unknown>> {
    const running = this.loads.get(key);
    if (running) return running;
    const promise = this.loadAndStore(key, load, policy, stale).finally(() => this.loads.delete(key));
    this.loads.set(key, promise);
    return promise;
  }

  private async loadAndStore(
    key: string,
    load: () => Promise<WidgetState<unknown>>,
    policy: CachePolicy,
    stale: CacheEntry | undefined,
  ): Promise<WidgetState<unknown>> {
    let state: WidgetState<unknown>;
    try {
      state = await load();
    } catch (error) {
      this.logger?.warn({ reason: failureReason(error) }, 'Connector read threw');
      state = toFailureState(error);
    }
    const now = this.now();
    if (state.status === 'ok') {
      const ttlMs = policy.ttlMs ?? this.policy.ttlMs;
      const staleMs = policy.staleMs ?? this.policy.staleMs;
      await this.store(key, { state, freshUntil: now + ttlMs, staleUntil: now + ttlMs + staleMs }, ttlMs + staleMs);
      return state;
    }
    // A passing failure does not hide data still within its grace period: the stale entry stays.
    if (stale && stale.state.status === 'ok' && !DEFINITIVE.has(state.status)) return { ...stale.state, stale: true };
    const negativeTtlMs = Math.min(policy.negativeTtlMs ?? this.policy.negativeTtlMs, MAX_NEGATIVE_TTL_MS);
    if (negativeTtlMs > 0) {
      await this.store(key, { state, freshUntil: now + negativeTtlMs, staleUntil: now + negativeTtlMs }, negativeTtlMs);
    } else {
      await this.invalidate(key);
    }
    return state;
  }

  private async lookup(key: string): Promise<CacheEntry | undefined> {
    try {
      return await this.backend.get(key);
    } catch (error) {
      this.logBackendError(error);
      return undefined;
    }
  }

  private async store(key: string, entry: CacheEntry, ttlMs: number): Promise<void> {
    try {
      await this.backend.set(key, entry, ttlMs);
    } catch (error) {
      this.logBackendError(error);
    }
  }

  private logBackendError(error: unknown): void {
    this.logger?.warn({ reason: failureReason(error) }, 'Connector cache backend unavailable');
  }
}
