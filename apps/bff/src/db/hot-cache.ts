import { INVALIDATE_ALL, type Invalidations } from './invalidation.js';

/** How long an entry may be served without any message: a safety net, not the way entries change. */
export const HOT_CACHE_TTL_MS = 15_000;

interface Entry<V> {
  value: V;
  tags: readonly string[];
  expiresAt: number;
}

/**
 * What the request path reads at every call (the person, the widget, the connectors, a credential,
 * the session), kept in process memory and dropped on every instance by the write that changes it
 * (Invalidations). Each entry carries tags — the invalidation keys it depends on — and lives at most
 * `ttlMs`. Nothing is served while the invalidation channel is down; a value read while an
 * invalidation arrived is returned but not kept (it may predate the write). Values are shared by
 * every reader: never mutated.
 */
export class HotCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly byTag = new Map<string, Set<string>>();
  private readonly inFlight = new Map<string, Promise<V>>();
  private epoch = 0;
  hits = 0;
  misses = 0;

  constructor(
    private readonly invalidations: Invalidations | undefined,
    private readonly options: { max: number; ttlMs?: number; now?: () => number },
  ) {
    invalidations?.on((key) => this.invalidate(key));
  }

  get size(): number {
    return this.entries.size;
  }

  /** The kept value, or undefined (absent, expired, or the channel down). */
  get(key: string): V | undefined {
    if (!this.invalidations?.live) return undefined;
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt <= this.now()) {
      this.delete(key);
      return undefined;
    }
    return entry.value;
  }

  /** Keeps a value read at `epoch` (this.currentEpoch before the read), unless something changed since. */
  set(key: string, value: V, tags: readonly string[], epoch = this.epoch): void {
    if (!this.invalidations?.live || epoch !== this.epoch) return;
    this.delete(key);
    if (this.entries.size >= this.options.max) {
      // The oldest entry (Map keeps insertion order): bounded memory, whatever the traffic.
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.delete(oldest);
    }
    this.entries.set(key, { value, tags, expiresAt: this.now() + (this.options.ttlMs ?? HOT_CACHE_TTL_MS) });
    for (const tag of tags) {
      let keys = this.byTag.get(tag);
      if (!keys) this.byTag.set(tag, (keys = new Set()));
      keys.add(key);
    }
  }

  get currentEpoch(): number {
    return this.epoch;
  }

  /** The kept value counted as a hit, for a caller that answers at once when there is one (else `read`). */
  hit(key: string): V | undefined {
    const kept = this.get(key);
    if (kept !== undefined) this.hits += 1;
    return kept;
  }

  /** Read-through: one load at a time per key; `tagsOf` names what the value depends on. */
  async read(key: string, tagsOf: (value: V) => readonly string[], load: () => Promise<V>): Promise<V> {
    const kept = this.hit(key);
    if (kept !== undefined) return kept;
    this.misses += 1;
    if (!this.invalidations?.live) return load();
    const pending = this.inFlight.get(key);
    if (pending) return pending;
    const epoch = this.epoch;
    const loading = load().then((value) => {
      this.set(key, value, tagsOf(value), epoch);
      return value;
    });
    this.inFlight.set(key, loading);
    try {
      return await loading;
    } finally {
      if (this.inFlight.get(key) === loading) this.inFlight.delete(key);
    }
  }

  delete(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    for (const tag of entry.tags) {
      const keys = this.byTag.get(tag);
      keys?.delete(key);
      if (keys?.size === 0) this.byTag.delete(tag);
    }
  }

  /** Drops every entry tagged `tag` (or everything), and any read in flight. */
  invalidate(tag: string): void {
    this.epoch += 1;
    this.inFlight.clear();
    if (tag === INVALIDATE_ALL) {
      this.entries.clear();
      this.byTag.clear();
      return;
    }
    const keys = this.byTag.get(tag);
    if (!keys) return;
    for (const key of [...keys]) this.delete(key);
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
