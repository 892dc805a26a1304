import { describe, expect, it } from 'vitest';
import { HotCache } from './hot-cache.js';
import { INVALIDATE_ALL, type Invalidations } from './invalidation.js';

/** The invalidation channel's shape, driven by the test. */
function channel() {
  const listeners = new Set<(key: string) => void>();
  const fake = {
    live: true,
    on: (listener: (key: string) => void) => listeners.add(listener),
    send: (key: string) => listeners.forEach((listener) => listener(key)),
  };
  return fake;
}

function cacheOn(fake: ReturnType<typeof channel>, now = () => 0) {
  return new HotCache<string>(fake as unknown as Invalidations, { max: 3, ttlMs: 1_000, now });
}

describe('HotCache', () => {
  it('answers a hit at once, and nothing when absent, expired or the channel is down', async () => {
    const fake = channel();
    let now = 0;
    const cache = cacheOn(fake, () => now);
    expect(cache.hit('k')).toBeUndefined();
    await cache.read(
      'k',
      () => ['user:1'],
      async () => 'v1',
    );
    expect([cache.hit('k'), cache.hits, cache.misses]).toEqual(['v1', 1, 1]);
    fake.live = false;
    expect(cache.hit('k')).toBeUndefined();
    fake.live = true;
    now = 1_000;
    expect(cache.hit('k')).toBeUndefined();
    expect(cache.hits).toBe(1);
  });

  it('reads once, then serves from memory until a tag it depends on is invalidated', async () => {
    const fake = channel();
    const cache = cacheOn(fake);
    let loads = 0;
    const read = () =>
      cache.read(
        'k',
        () => ['user:1'],
        async () => `v${(loads += 1)}`,
      );
    expect(await read()).toBe('v1');
    expect(await read()).toBe('v1');
    fake.send('user:2');
    expect(await read()).toBe('v1');
    fake.send('user:1');
    expect(await read()).toBe('v2');
    fake.send(INVALIDATE_ALL);
    expect(await read()).toBe('v3');
  });

  it('does not keep a value read while an invalidation arrived, nor serve while the channel is down', async () => {
    const fake = channel();
    const cache = cacheOn(fake);
    let loads = 0;
    const slow = cache.read(
      'k',
      () => ['t'],
      async () => {
        fake.send('t');
        return `v${(loads += 1)}`;
      },
    );
    expect(await slow).toBe('v1');
    expect(cache.size).toBe(0);
    fake.live = false;
    cache.set('k', 'kept', ['t']);
    expect(cache.get('k')).toBeUndefined();
  });

  it('forgets entries past the safety TTL and beyond its size', async () => {
    const fake = channel();
    let clock = 0;
    const cache = cacheOn(fake, () => clock);
    for (const key of ['a', 'b', 'c', 'd']) cache.set(key, key, []);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('d')).toBe('d');
    clock = 1_001;
    expect(cache.get('d')).toBeUndefined();
  });
});
