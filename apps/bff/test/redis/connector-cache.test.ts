import { randomUUID } from 'node:crypto';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorCache, RedisCacheBackend, cacheKey, type CacheKeyParts } from '../../src/connectors/cache.js';
import { failureState, okState, type WidgetState } from '../../src/connectors/states.js';

/**
 * Run by `npm test` against a real Redis (REDIS_URL, or a redis-server it starts); never mocked.
 * Two caches stand for two BFF instances sharing one Redis.
 */
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) throw new Error('These tests need REDIS_URL (npm test provides it, or reports them as not run).');

describe('connector cache in Redis', () => {
  const redis = createClient({ url: redisUrl });
  const written = new Set<string>();
  const keyFor = (user: string, options?: unknown): string => {
    const parts: CacheKeyParts = { instanceId: 'zimbra-test', operation: 'zimbra.unread', scope: { user }, options };
    const key = cacheKey(parts);
    written.add(key);
    return key;
  };
  const counting = <T>(state: WidgetState<T>) => {
    const load = async () => {
      load.calls += 1;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return state;
    };
    load.calls = 0;
    return load;
  };

  beforeAll(async () => {
    await redis.connect();
  });
  afterAll(async () => {
    if (written.size) await redis.del([...written]);
    await redis.quit();
  });

  it('stores JSON entries with a millisecond TTL and deletes them', async () => {
    const backend = new RedisCacheBackend(redis);
    const key = keyFor(randomUUID());
    const entry = { state: okState({ unread: 2 }), freshUntil: 1, staleUntil: 2 };
    await backend.set(key, entry, 5_000);
    expect(await backend.get(key)).toEqual(entry);
    const ttl = await redis.pTTL(key);
    expect(ttl).toBeGreaterThan(4_000);
    expect(ttl).toBeLessThanOrEqual(5_000);
    await backend.delete(key);
    expect(await backend.get(key)).toBeUndefined();

    await backend.set(key, entry, 50);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(await backend.get(key)).toBeUndefined();
  });

  it('shares reads between instances and coalesces identical reads within one', async () => {
    const first = new ConnectorCache({ backend: new RedisCacheBackend(redis) });
    const second = new ConnectorCache({ backend: new RedisCacheBackend(redis) });
    const key = keyFor(randomUUID(), { limit: 7 });
    const load = counting(okState({ unread: 5 }));

    const states = await Promise.all(Array.from({ length: 50 }, () => first.read(key, load)));
    expect(load.calls).toBe(1);
    expect(states.every((state) => state.status === 'ok')).toBe(true);
    expect(await second.read(key, load)).toMatchObject({ status: 'ok', data: { unread: 5 }, stale: false });
    expect(load.calls).toBe(1);
  });

  it('keeps one person’s entry from another and nothing readable in keys or values', async () => {
    const cache = new ConnectorCache({ backend: new RedisCacheBackend(redis) });
    const marie = `marie.dupont-${randomUUID()}`;
    const keyA = keyFor(marie, { token: 'tok-s3cr3t' });
    const keyB = keyFor(`paul.martin-${randomUUID()}`, { token: 'tok-s3cr3t' });
    await cache.read(keyA, counting(okState('courriels de Marie')));
    expect(await cache.read(keyB, counting(okState('courriels de Paul')))).toMatchObject({ data: 'courriels de Paul' });
    for await (const keys of redis.scanIterator({ MATCH: 'pleiade:conn:*', COUNT: 1000 })) {
      for (const key of keys) expect(key).not.toMatch(/marie|paul|s3cr3t/);
    }
    expect(await redis.get(keyA)).not.toContain('s3cr3t');
  });

  it('remembers failures for a few seconds only', async () => {
    const cache = new ConnectorCache({ backend: new RedisCacheBackend(redis), negativeTtlMs: 60_000 });
    const key = keyFor(randomUUID());
    expect(await cache.read(key, counting(failureState('unreachable')))).toMatchObject({ status: 'unreachable' });
    const ttl = await redis.pTTL(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(10_000);
  });
});
