import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createClient } from 'redis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';
import { sessionIdOf } from '../support/sessions.js';

/**
 * Run by `npm test` against a real Redis (REDIS_URL, or a redis-server it starts); never mocked.
 * Two BFF instances share Redis and PostgreSQL, as behind a load balancer.
 */
const redisUrl = process.env.REDIS_URL;
if (!redisUrl) throw new Error('These tests need REDIS_URL (npm test provides it, or reports them as not run).');

const COOKIE = 'pleiade.sid';

describe('two instances sharing Redis', () => {
  const redis = createClient({ url: redisUrl });
  let first: TestPleiade;
  let second: TestPleiade;

  beforeAll(async () => {
    await redis.connect();
    // Rate-limit counters are per address and outlive a run by up to a minute: start clean.
    for await (const keys of redis.scanIterator({ MATCH: 'pleiade:rl:*' })) if (keys.length) await redis.del(keys);
    const shared = {
      REDIS_URL: redisUrl,
      SESSION_SECRET: randomBytes(32).toString('hex'),
      AUTH_RATE_LIMIT_PER_MINUTE: '8',
    };
    first = await startTestPleiade(shared);
    second = await startTestPleiade({ ...shared, DATABASE_URL: first.database.url });
  });
  afterAll(async () => {
    // stop() drops only the database each one created; the second instance ran on the first one's.
    await second?.stop();
    await first?.stop();
    await redis.quit();
  });

  it('keeps sessions in Redis, not in PostgreSQL, and either instance serves them', async () => {
    const browser = await signIn(first.url, 'agent');
    const cookie = browser.jar.get(first.url, COOKIE) ?? '';
    const sessionId = sessionIdOf(cookie);
    expect(await redis.exists(`pleiade:sess:${sessionId}`)).toBe(1);
    const stored = await redis.get(`pleiade:sess:${sessionId}`);
    expect(stored).not.toMatch(/eyJ[\w-]{10,}/); // tokens are sealed, even in Redis
    const client = new pg.Client({ connectionString: first.database.url });
    await client.connect();
    const { rowCount } = await client.query('SELECT 1 FROM session');
    await client.end();
    expect(rowCount).toBe(0);

    browser.jar.set(second.url, COOKIE, cookie);
    expect((await api(browser, `${second.url}/api/me`)).status).toBe(200);
  });

  it('ends a session for both instances at sign-out', async () => {
    const browser = await signIn(first.url, 'admin');
    const cookie = browser.jar.get(first.url, COOKIE) ?? '';
    await browser.request(`${first.url}/auth/logout`, { method: 'POST', headers: { origin: first.url } });
    expect(await redis.exists(`pleiade:sess:${sessionIdOf(cookie)}`)).toBe(0);
    browser.jar.set(second.url, COOKIE, cookie);
    expect((await api(browser, `${second.url}/api/me`)).status).toBe(401);
  });

  it('counts sign-in attempts across instances', async () => {
    for await (const keys of redis.scanIterator({ MATCH: 'pleiade:rl:*' })) if (keys.length) await redis.del(keys);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i += 1) {
      statuses.push((await fetch(`${first.url}/auth/login`, { redirect: 'manual' })).status);
      statuses.push((await fetch(`${second.url}/auth/login`, { redirect: 'manual' })).status);
    }
    expect(statuses.filter((code) => code === 429)).toHaveLength(2);
  });
});
