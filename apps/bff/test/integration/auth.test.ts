import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { createLogger } from '../../src/logger.js';
import { startPleiade } from '../../src/server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { TestBrowser, attemptSignIn, confirmIdpLogout, formAction, signIn } from '../support/http-client.js';
import { api, startTestPleiade, testConfig, type TestPleiade } from '../support/pleiade.js';

const COOKIE = 'pleiade.sid';

describe('sign-in and sessions', () => {
  let pleiade: TestPleiade;

  beforeAll(async () => {
    pleiade = await startTestPleiade();
  });
  afterAll(async () => {
    await pleiade?.stop();
  });

  it('sends state, nonce and PKCE S256 to the provider', async () => {
    const browser = new TestBrowser();
    const response = await browser.request(`${pleiade.url}/auth/login`);
    expect(response.status).toBe(302);
    const authorize = new URL(response.headers.get('location') ?? '');
    expect(authorize.origin).toBe(pleiade.running.devIdpIssuer);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(authorize.searchParams.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(authorize.searchParams.get('state')).toMatch(/^[\w-]{20,}$/);
    expect(authorize.searchParams.get('nonce')).toMatch(/^[\w-]{20,}$/);
    expect(authorize.searchParams.get('scope')).toBe('openid profile email groups');
  });

  it('gives a new session id at sign-in, with HttpOnly and SameSite=Lax, and no token to the browser', async () => {
    const browser = new TestBrowser();
    // A session id planted before sign-in (fixation) must not survive it.
    browser.jar.set(pleiade.url, COOKIE, 's%3Aplanted-by-someone-else.signature');
    const before = browser.jar.get(pleiade.url, COOKIE);
    const loginPage = await browser.navigate(`${pleiade.url}/auth/login`);
    const action = formAction(await loginPage.response.text(), loginPage.url);
    const posted = await browser.request(action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'agent', password: 'demo' }).toString(),
    });
    // Follow the redirects by hand, up to the callback, to see the callback's own Set-Cookie.
    let url = new URL(posted.headers.get('location') ?? '', action).href;
    for (let hop = 0; hop < 10 && !url.startsWith(`${pleiade.url}/auth/callback`); hop += 1) {
      const response = await browser.request(url);
      url = new URL(response.headers.get('location') ?? '', url).href;
    }
    const callback = await browser.request(url);
    const callbackSetCookie = callback.headers.getSetCookie();
    expect(callback.status).toBe(303);
    expect(callback.headers.get('location')).toBe('/');
    const after = browser.jar.get(pleiade.url, COOKIE);
    expect(after).toBeDefined();
    expect(after).not.toBe(before);
    const sessionCookie = callbackSetCookie.find((header) => header.startsWith(`${COOKIE}=`)) ?? '';
    expect(sessionCookie).toMatch(/HttpOnly/i);
    expect(sessionCookie).toMatch(/SameSite=Lax/i);
    expect(callbackSetCookie.join(' ')).not.toMatch(/eyJ/); // no JWT in any cookie
    const me = await api(browser, `${pleiade.url}/api/me`);
    expect(me.status).toBe(200);
    expect(await me.text()).not.toMatch(/eyJ|token/i);
  });

  it('ends the session server-side at sign-out and ends the IdP session (RP-initiated logout)', async () => {
    const browser = await signIn(pleiade.url, 'agent');
    const oldCookie = browser.jar.get(pleiade.url, COOKIE) ?? '';
    const logout = await browser.request(`${pleiade.url}/auth/logout`, {
      method: 'POST',
      headers: { origin: pleiade.url },
    });
    expect(logout.status).toBe(303);
    const endSession = new URL(logout.headers.get('location') ?? '');
    expect(endSession.origin).toBe(pleiade.running.devIdpIssuer);
    expect(endSession.searchParams.get('id_token_hint')).toBeTruthy();
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${pleiade.url}/`);
    const back = await confirmIdpLogout(browser, endSession.href);
    expect(back.url).toMatch(new RegExp(`^${pleiade.url}/`));

    // Replaying the old cookie gets 401: the session no longer exists on the server.
    const replay = new TestBrowser();
    replay.jar.set(pleiade.url, COOKIE, oldCookie);
    expect((await api(replay, `${pleiade.url}/api/me`)).status).toBe(401);
    // And the IdP asks for the password again.
    const again = await browser.navigate(`${pleiade.url}/auth/login`);
    expect(await again.response.text()).toContain('id="password"');
  });

  it('refuses a cross-site sign-out', async () => {
    const browser = await signIn(pleiade.url, 'agent');
    const response = await browser.request(`${pleiade.url}/auth/logout`, {
      method: 'POST',
      headers: { origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    const fromOtherSite = await browser.request(`${pleiade.url}/auth/logout`, {
      method: 'POST',
      headers: { 'sec-fetch-site': 'cross-site', origin: 'null' },
    });
    expect(fromOtherSite.status).toBe(403);
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(200);
  });

  it('refuses a callback with a forged state or code with a French page', async () => {
    const browser = new TestBrowser();
    await browser.request(`${pleiade.url}/auth/login`);
    const response = await browser.request(`${pleiade.url}/auth/callback?code=forged&state=forged`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('lang="fr"');
    expect(html).toContain('La connexion n’a pas abouti');
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });

  it('writes that page in English for a browser asking English first, in French otherwise', async () => {
    const forged = async (acceptLanguage: string) => {
      const browser = new TestBrowser();
      await browser.request(`${pleiade.url}/auth/login`);
      const response = await browser.request(`${pleiade.url}/auth/callback?code=forged&state=forged`, {
        headers: { 'accept-language': acceptLanguage },
      });
      expect(response.status).toBe(400);
      return response.text();
    };
    const english = await forged('en-GB,en;q=0.9,fr;q=0.5');
    expect(english).toContain('lang="en"');
    expect(english).toContain('Sign-in did not complete');
    expect(english).toContain('>Sign in again</a>');
    for (const acceptLanguage of ['fr-FR,en;q=0.8', 'de-DE', '']) {
      expect(await forged(acceptLanguage)).toContain('La connexion n’a pas abouti');
    }
  });

  it('answers health and readiness', async () => {
    const health = await fetch(`${pleiade.url}/healthz`);
    expect(await health.json()).toEqual({ status: 'ok' });
    const ready = await fetch(`${pleiade.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
  });

  it('sends security headers and a CSP without inline scripts', async () => {
    const response = await fetch(`${pleiade.url}/healthz`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('a person whose collectivité is not open on Pléiade', () => {
  let pleiade: TestPleiade;
  beforeAll(async () => {
    pleiade = await startTestPleiade({ SEED_DEMO: '0', COLLECTIVITES: 'demo-a=Commune A' });
  });
  afterAll(async () => {
    await pleiade?.stop();
  });

  it('gets a clear French page, not an error, and no session', async () => {
    const done = await attemptSignIn(pleiade.url, 'agent-b');
    const browser = done.browser;
    expect(done.response.status).toBe(403);
    expect(await done.response.text()).toContain('Collectivité non reconnue');
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });
});

describe('a restart of the BFF', () => {
  let database: TestDatabase;
  let dataDir: string;
  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'pleiade-it-restart-'));
  });
  afterAll(async () => {
    await database?.drop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs nobody out: sessions live in PostgreSQL', async () => {
    const config = testConfig({ DATABASE_URL: database.url, EMBEDDED_DATA_DIR: dataDir });
    const first = await startPleiade(config, createLogger('silent'));
    const browser = await signIn(first.url, 'agent');
    const cookie = browser.jar.get(first.url, COOKIE) ?? '';
    await first.close();

    const second = await startPleiade(config, createLogger('silent'));
    try {
      const returning = new TestBrowser();
      returning.jar.set(second.url, COOKIE, cookie);
      const me = await api(returning, `${second.url}/api/me`);
      expect(me.status).toBe(200);
    } finally {
      await second.close();
    }
  });
});

describe('logs', () => {
  it('never contain cookies, tokens, authorization codes or passwords', async () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString('utf8'));
        done();
      },
    });
    const pleiade = await startTestPleiade({}, createLogger('trace', sink));
    try {
      const browser = await signIn(pleiade.url, 'agent');
      await api(browser, `${pleiade.url}/api/me`);
      await api(browser, `${pleiade.url}/api/boards/current`);
      const cookie = browser.jar.get(pleiade.url, COOKIE) ?? '';
      const logout = await browser.request(`${pleiade.url}/auth/logout`, {
        method: 'POST',
        headers: { origin: pleiade.url },
      });
      const idTokenHint = new URL(logout.headers.get('location') ?? '').searchParams.get('id_token_hint') ?? '';
      const logs = lines.join('');
      expect(logs).toContain('request completed');
      expect(logs).toContain('/auth/callback');
      expect(cookie.length).toBeGreaterThan(10);
      expect(logs).not.toContain(decodeURIComponent(cookie).slice(4, 30));
      expect(idTokenHint.length).toBeGreaterThan(100);
      expect(logs).not.toContain(idTokenHint.slice(0, 40));
      expect(logs).not.toMatch(/eyJ[\w-]{10,}/);
      expect(logs).not.toMatch(/[?&](code|state)=/);
      expect(logs).not.toMatch(/password/i);
    } finally {
      await pleiade.stop();
    }
  });
});
