import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JsonSeal } from '../../src/auth/json-seal.js';
import { LOGIN_STATE_TTL_MS } from '../../src/auth/login-state.js';
import { formAction, TestBrowser } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';

/*
 * A sign-in in progress is a sealed cookie of ten minutes, not a session row: anonymous visits to
 * /auth/login (a crawler, a probe, a person who gives up) store nothing server-side.
 */

const LOGIN_COOKIE = 'pleiade.login';
const CALLBACK_FAILED = 'La connexion n’a pas abouti';

let pleiade: TestPleiade;
let seal: JsonSeal;

beforeAll(async () => {
  // Many sign-in starts from one address: past the default rate limit of /auth/*.
  pleiade = await startTestPleiade({ AUTH_RATE_LIMIT_PER_MINUTE: '10000' });
  const secret = JSON.parse(await readFile(path.join(pleiade.dataDir, 'session-secret.json'), 'utf8')) as string;
  seal = new JsonSeal(secret, 'pleiade-login-state-v1');
});
afterAll(async () => {
  await pleiade?.stop();
});

async function sessionRows(): Promise<{ count: number; longestSeconds: number }> {
  const client = new pg.Client({ connectionString: pleiade.database.url });
  await client.connect();
  try {
    const { rows } = await client.query<{ count: string; longest: number | null }>(
      'SELECT count(*) AS count, max(extract(epoch FROM expire - now()))::float AS longest FROM session',
    );
    return { count: Number(rows[0]?.count ?? 0), longestSeconds: rows[0]?.longest ?? 0 };
  } finally {
    await client.end();
  }
}

/** From /auth/login to the demo IdP's answer at our callback, with a chance to edit the login cookie first. */
async function signInVia(browser: TestBrowser, edit?: (sealed: string) => string) {
  const login = await browser.request(`${pleiade.url}/auth/login`);
  await login.arrayBuffer();
  const sealed = browser.jar.get(pleiade.url, LOGIN_COOKIE);
  expect(sealed, 'the sign-in state cookie').toBeDefined();
  if (edit && sealed) browser.jar.set(pleiade.url, LOGIN_COOKIE, edit(sealed));
  const page = await browser.navigate(login.headers.get('location') ?? '');
  const action = formAction(await page.response.text(), page.url);
  const posted = await browser.request(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ username: 'agent', password: 'demo' }).toString(),
  });
  let url = new URL(posted.headers.get('location') ?? '', action).href;
  for (let hop = 0; hop < 10 && !url.startsWith(`${pleiade.url}/auth/callback`); hop += 1) {
    const response = await browser.request(url);
    url = new URL(response.headers.get('location') ?? '', url).href;
  }
  return { callbackUrl: url, callback: await browser.request(url) };
}

describe('the sign-in state', () => {
  it('is not a session: anonymous sign-in starts and visits store no session row', async () => {
    const before = await sessionRows();
    for (let attempt = 0; attempt < 25; attempt += 1) {
      const browser = new TestBrowser();
      const login = await browser.request(`${pleiade.url}/auth/login`);
      expect(login.status).toBe(302);
      expect(login.headers.getSetCookie().some((cookie) => cookie.startsWith('pleiade.sid='))).toBe(false);
      await browser.request(`${pleiade.url}/auth/login?provider=inconnu`);
      await browser.request(`${pleiade.url}/auth/callback?code=x&state=y`);
      await api(browser, `${pleiade.url}/api/me`);
      await browser.request(`${pleiade.url}/healthz`);
    }
    expect(await sessionRows()).toEqual(before);
  });

  it('still signs people in, and the session then stored is the signed-in one only', async () => {
    const before = await sessionRows();
    const browser = new TestBrowser();
    const { callback } = await signInVia(browser);
    expect(callback.status).toBe(303);
    // Spent: cleared at the callback.
    expect(callback.headers.getSetCookie().some((cookie) => /^pleiade\.login=;/.test(cookie))).toBe(true);
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(200);
    expect((await sessionRows()).count).toBe(before.count + 1);
  });

  it('expires after ten minutes, whatever the browser keeps', async () => {
    const browser = new TestBrowser();
    const { callback } = await signInVia(browser, (sealed) => {
      const state = seal.open(sealed) as Record<string, unknown>;
      expect(state.expiresAt).toBeGreaterThan(Date.now() + LOGIN_STATE_TTL_MS - 60_000);
      expect(state.expiresAt).toBeLessThanOrEqual(Date.now() + LOGIN_STATE_TTL_MS);
      // The same state, sealed as the server would, but started eleven minutes ago.
      return seal.seal({ ...state, expiresAt: Date.now() - 60_000 });
    });
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain(CALLBACK_FAILED);
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });

  it('cannot be forged or altered', async () => {
    for (const edit of [
      (sealed: string) => `${sealed.slice(0, -4)}AAAA`,
      () => seal.seal({ providerId: 'demo', state: 'x', nonce: 'y', codeVerifier: 'z'.repeat(43), expiresAt: 0 }),
      () => new JsonSeal('another-secret-of-at-least-32-characters!', 'pleiade-login-state-v1').seal({}),
    ]) {
      const browser = new TestBrowser();
      const { callback } = await signInVia(browser, edit);
      expect(callback.status).toBe(400);
      expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(401);
    }
  });
});
