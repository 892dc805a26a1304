import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  ConnectorCache,
  MemoryCacheBackend,
  cacheKey,
  type CacheBackend,
  type CacheKeyParts,
  type ConnectorCacheOptions,
} from './cache.js';
import { failureState, okState, type WidgetState } from './states.js';
import { UpstreamClient } from './upstream-client.js';

/** A cache on a hand-moved clock. */
function testCache(options: Partial<ConnectorCacheOptions> = {}) {
  const clock = { now: 1_000_000 };
  const cache = new ConnectorCache({
    backend: new MemoryCacheBackend(),
    ttlMs: 30_000,
    staleMs: 60_000,
    negativeTtlMs: 5_000,
    now: () => clock.now,
    ...options,
  });
  return { cache, clock };
}

/** A loader that counts its calls and answers the next value of a script. */
function loader<T>(...answers: Array<WidgetState<T>>) {
  const calls = { count: 0 };
  const load = async () => {
    calls.count += 1;
    const answer = answers[Math.min(calls.count, answers.length) - 1];
    if (!answer) throw new Error('no scripted answer');
    return answer;
  };
  return Object.assign(load, { calls });
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

const parts: CacheKeyParts = {
  instanceId: 'nextcloud-ville-a',
  operation: 'nextcloud.notifications',
  scope: { user: 'user-a' },
  options: { limit: 7 },
};
const KEY = cacheKey(parts);

describe('cache keys', () => {
  it('are scoped by instance, operation, user or collectivité and options', () => {
    const variants: CacheKeyParts[] = [
      parts,
      { ...parts, instanceId: 'nextcloud-ville-b' },
      { ...parts, operation: 'nextcloud.talk' },
      { ...parts, scope: { user: 'user-b' } },
      { ...parts, scope: { collectivite: 'user-a' } },
      { ...parts, options: { limit: 8 } },
    ];
    expect(new Set(variants.map(cacheKey)).size).toBe(variants.length);
  });

  it('do not depend on the order of option keys', () => {
    expect(cacheKey({ ...parts, options: { a: 1, b: [1, { c: 2, d: 3 }] } })).toBe(
      cacheKey({ ...parts, options: { b: [1, { d: 3, c: 2 }], a: 1 } }),
    );
  });

  it('embed nothing readable: ids and secrets are hashed', () => {
    const key = cacheKey({ ...parts, scope: { user: 'marie.dupont' }, options: { token: 'tok-s3cr3t' } });
    expect(key).toMatch(/^pleiade:conn:[\w-]{43}$/);
    expect(key).not.toMatch(/marie|s3cr3t|nextcloud/);
  });
});

describe('ConnectorCache', () => {
  it('serves a fresh entry without calling the upstream', async () => {
    const { cache, clock } = testCache();
    const load = loader(okState({ unread: 3 }));
    expect(await cache.read(KEY, load)).toMatchObject({ status: 'ok', data: { unread: 3 }, stale: false });
    clock.now += 29_000;
    expect(await cache.read(KEY, load)).toMatchObject({ status: 'ok', data: { unread: 3 }, stale: false });
    expect(load.calls.count).toBe(1);
  });

  it('reads again once the entry and its grace period have expired', async () => {
    const { cache, clock } = testCache();
    const load = loader(okState(1), okState(2));
    await cache.read(KEY, load);
    clock.now += 30_000 + 60_000;
    expect(await cache.read(KEY, load)).toMatchObject({ data: 2, stale: false });
    expect(load.calls.count).toBe(2);
  });

  it('serves stale data within the grace period and refreshes it once in the background', async () => {
    const { cache, clock } = testCache();
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    let calls = 0;
    const load = async () => {
      calls += 1;
      if (calls > 1) await gate;
      return okState(calls);
    };
    await cache.read(KEY, load);
    clock.now += 45_000;
    const staleReads = await Promise.all(Array.from({ length: 20 }, () => cache.read(KEY, load)));
    for (const state of staleReads) expect(state).toMatchObject({ status: 'ok', data: 1, stale: true });
    expect(await cache.read(KEY, load)).toMatchObject({ data: 1, stale: true });
    expect(calls).toBe(2);
    expect(cache.inFlight).toBe(1);
    release();
    await flush();
    expect(cache.inFlight).toBe(0);
    expect(await cache.read(KEY, load)).toMatchObject({ data: 2, stale: false });
    expect(calls).toBe(2);
  });

  it('keeps stale data when the refresh fails for a passing reason, not when credentials are refused', async () => {
    const { cache, clock } = testCache();
    const load = loader<number>(okState(1), failureState('unreachable'), failureState('credentials_refused'));
    await cache.read(KEY, load);
    clock.now += 45_000;
    expect(await cache.read(KEY, load)).toMatchObject({ data: 1, stale: true });
    await flush();
    expect(await cache.read(KEY, load)).toMatchObject({ data: 1, stale: true });
    await flush();
    expect(load.calls.count).toBe(3);
    expect(await cache.read(KEY, load)).toMatchObject({ status: 'credentials_refused' });
  });

  it('reads a fresh entry again on refresh, one upstream call for simultaneous refreshes', async () => {
    const { cache } = testCache();
    let calls = 0;
    const load = async () => {
      calls += 1;
      await flush();
      return okState(calls);
    };
    await cache.read(KEY, load);
    expect(await cache.read(KEY, load)).toMatchObject({ data: 1, stale: false });
    const refreshed = await Promise.all(Array.from({ length: 10 }, () => cache.read(KEY, load, {}, { refresh: true })));
    for (const state of refreshed) expect(state).toMatchObject({ status: 'ok', data: 2 });
    expect(calls).toBe(2);
    // The refreshed data is what the next plain read serves.
    expect(await cache.read(KEY, load)).toMatchObject({ data: 2, stale: false });
    expect(calls).toBe(2);
  });

  it('keeps the data on a refresh that fails for a passing reason', async () => {
    const { cache } = testCache();
    const load = loader<number>(okState(1), failureState('timeout'));
    await cache.read(KEY, load);
    expect(await cache.read(KEY, load, {}, { refresh: true })).toMatchObject({ status: 'ok', data: 1, stale: true });
    expect(load.calls.count).toBe(2);
  });

  it('coalesces 100 identical simultaneous reads into one upstream request', async () => {
    let requests = 0;
    const server = http.createServer((_req, res) => {
      requests += 1;
      setTimeout(() => res.end(JSON.stringify({ unread: 4 })), 30);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const client = new UpstreamClient({
      instanceId: 'zimbra-ville-a',
      baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      allowPrivateNetworks: ['127.0.0.1/32'],
    });
    const { cache } = testCache({ now: Date.now });
    const read = () =>
      cache.read(KEY, () => client.read({ path: '/unread', schema: z.object({ unread: z.number() }) }));
    const states = await Promise.all(Array.from({ length: 100 }, read));
    expect(requests).toBe(1);
    expect(states.every((state) => state.status === 'ok' && state.data.unread === 4)).toBe(true);
    client.close();
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('remembers a failure for the negative TTL only', async () => {
    const { cache, clock } = testCache();
    const load = loader<number>(failureState('unreachable'), okState(1));
    expect(await cache.read(KEY, load)).toMatchObject({ status: 'unreachable' });
    clock.now += 4_000;
    expect(await cache.read(KEY, load)).toMatchObject({ status: 'unreachable' });
    expect(load.calls.count).toBe(1);
    clock.now += 1_001;
    expect(await cache.read(KEY, load)).toMatchObject({ status: 'ok', data: 1 });
  });

  it('caps the negative TTL at 10 seconds whatever it is configured to', async () => {
    const { cache, clock } = testCache({ negativeTtlMs: 3_600_000 });
    const load = loader<number>(failureState('timeout'), okState(1));
    await cache.read(KEY, load);
    clock.now += 10_001;
    expect(await cache.read(KEY, load)).toMatchObject({ status: 'ok' });
    const noNegative = testCache({ negativeTtlMs: 0 });
    const again = loader<number>(failureState('timeout'), okState(2));
    await noNegative.cache.read(KEY, again);
    expect(await noNegative.cache.read(KEY, again)).toMatchObject({ data: 2 });
  });

  it('never serves one person’s entry to another', async () => {
    const { cache } = testCache();
    const keyA = cacheKey({ ...parts, scope: { user: 'user-a' } });
    const keyB = cacheKey({ ...parts, scope: { user: 'user-b' } });
    await cache.read(keyA, loader(okState('mail of A')));
    const forB = loader(okState('mail of B'));
    expect(await cache.read(keyB, forB)).toMatchObject({ data: 'mail of B' });
    expect(forB.calls.count).toBe(1);
    expect(await cache.read(keyA, loader(okState('other')))).toMatchObject({ data: 'mail of A' });
  });

  it('turns a throwing loader into a failure state', async () => {
    const { cache } = testCache();
    const throwing = async (): Promise<WidgetState<number>> => {
      throw new Error('boom with https://secret.example/?token=x');
    };
    expect(await cache.read(KEY, throwing)).toEqual(failureState('unreachable'));
  });

  it('calls the upstream when the backend is down', async () => {
    const broken: CacheBackend = {
      get: () => Promise.reject(new Error('ECONNREFUSED')),
      set: () => Promise.reject(new Error('ECONNREFUSED')),
      delete: () => Promise.reject(new Error('ECONNREFUSED')),
    };
    const { cache } = testCache({ backend: broken });
    const load = loader(okState(1));
    expect(await cache.read(KEY, load)).toMatchObject({ status: 'ok', data: 1 });
    await cache.invalidate(KEY);
  });

  it('invalidates an entry', async () => {
    const { cache } = testCache();
    const load = loader(okState(1), okState(2));
    await cache.read(KEY, load);
    await cache.invalidate(KEY);
    expect(await cache.read(KEY, load)).toMatchObject({ data: 2 });
  });
});

describe('MemoryCacheBackend', () => {
  const entry = (value: string) => ({ state: okState(value), freshUntil: 0, staleUntil: 0 });

  it('is bounded by entries', async () => {
    const backend = new MemoryCacheBackend({ maxEntries: 2 });
    await backend.set('a', entry('a'), 60_000);
    await backend.set('b', entry('b'), 60_000);
    await backend.set('c', entry('c'), 60_000);
    expect(await backend.get('a')).toBeUndefined();
    expect(await backend.get('c')).toMatchObject({ state: { data: 'c' } });
  });

  it('is bounded by size', async () => {
    const backend = new MemoryCacheBackend({ maxBytes: 1_000 });
    await backend.set('small', entry('x'), 60_000);
    await backend.set('big', entry('y'.repeat(2_000)), 60_000);
    expect(await backend.get('big')).toBeUndefined();
    await backend.set('medium-1', entry('m'.repeat(400)), 60_000);
    await backend.set('medium-2', entry('n'.repeat(400)), 60_000);
    expect(await backend.get('small')).toBeUndefined();
    expect(await backend.get('medium-2')).toBeDefined();
  });

  it('expires entries after their TTL and returns copies', async () => {
    const backend = new MemoryCacheBackend();
    await backend.set('k', entry('v'), 20);
    const first = await backend.get('k');
    if (first?.state.status === 'ok') first.state.data = 'mutated';
    expect(await backend.get('k')).toMatchObject({ state: { data: 'v' } });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(await backend.get('k')).toBeUndefined();
  });
});
