import { readFile } from 'node:fs/promises';
import path from 'node:path';
import * as jose from 'jose';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiErrorBodySchema } from '@pleiade/contracts';
import type { TestBrowser } from '../support/http-client.js';
import { confirmIdpLogout, signIn } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';
import { editSessionTokens, readSessionTokens, sessionIdOf } from '../support/sessions.js';

const COOKIE = 'pleiade.sid';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function status(browser: TestBrowser, url: string): Promise<{ status: number; code?: string }> {
  const response = await api(browser, url);
  if (response.ok) return { status: response.status };
  return { status: response.status, code: apiErrorBodySchema.parse(await response.json()).error.code };
}

describe('idle timeout and absolute lifetime', () => {
  let pleiade: TestPleiade;
  beforeAll(async () => {
    // 2 s idle, 4.5 s absolute: short enough to watch both happen.
    pleiade = await startTestPleiade({
      SESSION_IDLE_MINUTES: String(2 / 60),
      SESSION_MAX_AGE_HOURS: String(4.5 / 3600),
    });
  });
  afterAll(async () => {
    await pleiade?.stop();
  });

  it('keeps an active session, ends an idle one with SESSION_EXPIRED, then treats the person as signed out', async () => {
    const browser = await signIn(pleiade.url, 'agent');
    for (let i = 0; i < 5; i += 1) {
      await sleep(600);
      expect((await status(browser, `${pleiade.url}/api/me`)).status).toBe(200);
    }
    await sleep(2300);
    expect(await status(browser, `${pleiade.url}/api/me`)).toEqual({ status: 401, code: 'SESSION_EXPIRED' });
    expect(await status(browser, `${pleiade.url}/api/me`)).toEqual({ status: 401, code: 'UNAUTHENTICATED' });
  });

  it('ends a session at its absolute lifetime even when it is in use', async () => {
    const browser = await signIn(pleiade.url, 'agent');
    const started = Date.now();
    while (Date.now() - started < 4000) {
      expect((await status(browser, `${pleiade.url}/api/me`)).status).toBe(200);
      await sleep(500);
    }
    await sleep(1000);
    expect((await status(browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });
});

describe('tokens kept server-side', () => {
  let pleiade: TestPleiade;
  beforeAll(async () => {
    pleiade = await startTestPleiade();
  });
  afterAll(async () => {
    await pleiade?.stop();
  });

  it('are stored sealed, refreshed before expiry, and a refused refresh ends the session', async () => {
    const browser = await signIn(pleiade.url, 'agent');
    const cookie = browser.jar.get(pleiade.url, COOKIE) ?? '';
    const first = await readSessionTokens(pleiade, cookie);
    expect(first.accessToken).toBeTruthy();
    expect(first.refreshToken).toBeTruthy();

    // The access token is about to expire: the next API call refreshes it.
    await editSessionTokens(pleiade, cookie, (tokens) => ({ ...tokens, accessTokenExpiresAt: Date.now() - 1000 }));
    expect((await status(browser, `${pleiade.url}/api/me`)).status).toBe(200);
    const refreshed = await readSessionTokens(pleiade, cookie);
    expect(refreshed.accessToken).not.toBe(first.accessToken);
    expect(refreshed.accessTokenExpiresAt).toBeGreaterThan(Date.now());

    // The provider no longer honours the refresh token (revoked, or its session ended): the session ends.
    await editSessionTokens(pleiade, cookie, (tokens) => ({
      ...tokens,
      refreshToken: 'revoked-refresh-token',
      accessTokenExpiresAt: Date.now() - 1000,
    }));
    expect(await status(browser, `${pleiade.url}/api/me`)).toEqual({ status: 401, code: 'SESSION_EXPIRED' });
    expect((await status(browser, `${pleiade.url}/api/boards/current`)).status).toBe(401);
  });

  it('serves parallel calls that arrive while the token is being refreshed', async () => {
    const browser = await signIn(pleiade.url, 'agent');
    const cookie = browser.jar.get(pleiade.url, COOKIE) ?? '';
    await editSessionTokens(pleiade, cookie, (tokens) => ({ ...tokens, accessTokenExpiresAt: Date.now() - 1000 }));
    const results = await Promise.all(
      ['/api/me', '/api/apps', '/api/boards/current', '/api/me'].map((route) =>
        status(browser, `${pleiade.url}${route}`),
      ),
    );
    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200]);
  });
});

describe('logout initiated by the provider', () => {
  let pleiade: TestPleiade;
  let key: jose.CryptoKey | Uint8Array;
  let kid: string;
  let otherKey: jose.CryptoKey | Uint8Array;
  const events = { 'http://schemas.openid.net/event/backchannel-logout': {} };

  beforeAll(async () => {
    pleiade = await startTestPleiade();
    // The demo IdP's signing key, kept in the data folder: these tests sign logout tokens as it would.
    const stored = JSON.parse(await readFile(path.join(pleiade.dataDir, 'dev-idp.json'), 'utf8')) as {
      jwks: { keys: (jose.JWK & { kid: string })[] };
    };
    const jwk = stored.jwks.keys[0];
    if (!jwk) throw new Error('no key');
    kid = jwk.kid;
    key = await jose.importJWK(jwk, 'RS256');
    otherKey = (await jose.generateKeyPair('RS256')).privateKey;
  });
  afterAll(async () => {
    await pleiade?.stop();
  });

  async function logoutToken(
    claims: Record<string, unknown>,
    options: { key?: jose.CryptoKey | Uint8Array; typ?: string; iatOffset?: number } = {},
  ) {
    const iat = Math.floor(Date.now() / 1000) + (options.iatOffset ?? 0);
    return new jose.SignJWT({ events, jti: crypto.randomUUID(), ...claims })
      .setProtectedHeader({ alg: 'RS256', kid, ...(options.typ === '' ? {} : { typ: options.typ ?? 'logout+jwt' }) })
      .setIssuer(pleiade.running.devIdpIssuer ?? '')
      .setAudience('pleiade-demo')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 120)
      .sign(options.key ?? key);
  }

  async function postLogoutToken(token: string): Promise<Response> {
    return fetch(`${pleiade.url}/auth/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: token }).toString(),
    });
  }

  it('back-channel: a valid logout token ends every session of that person, and cannot be replayed', async () => {
    const first = await signIn(pleiade.url, 'agent');
    const second = await signIn(pleiade.url, 'agent');
    const other = await signIn(pleiade.url, 'admin');
    const token = await logoutToken({ sub: 'agent' });
    const response = await postLogoutToken(token);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('no-store');
    expect((await status(first, `${pleiade.url}/api/me`)).status).toBe(401);
    expect((await status(second, `${pleiade.url}/api/me`)).status).toBe(401);
    expect((await status(other, `${pleiade.url}/api/me`)).status).toBe(200);
    expect((await postLogoutToken(token)).status).toBe(400);
  });

  it.each([
    ['signed by another key', () => logoutToken({ sub: 'admin' }, { key: otherKey })],
    ['without the logout event', () => logoutToken({ sub: 'admin', events: {} })],
    ['with a nonce', () => logoutToken({ sub: 'admin', nonce: 'n' })],
    ['with neither sid nor sub', () => logoutToken({})],
    ['issued long ago', () => logoutToken({ sub: 'admin' }, { iatOffset: -3600 })],
    ['of the wrong type', () => logoutToken({ sub: 'admin' }, { typ: 'JWT+ID' })],
    ['without a type', () => logoutToken({ sub: 'admin' }, { typ: '' })],
    [
      'for another audience',
      async () => {
        const iat = Math.floor(Date.now() / 1000);
        return new jose.SignJWT({ events, jti: crypto.randomUUID(), sub: 'admin' })
          .setProtectedHeader({ alg: 'RS256', kid, typ: 'logout+jwt' })
          .setIssuer(pleiade.running.devIdpIssuer ?? '')
          .setAudience('someone-else')
          .setIssuedAt(iat)
          .sign(key);
      },
    ],
    [
      'unsigned (alg none)',
      async () => {
        const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'logout+jwt' })).toString('base64url');
        const payload = Buffer.from(
          JSON.stringify({
            iss: pleiade.running.devIdpIssuer,
            aud: 'pleiade-demo',
            iat: Math.floor(Date.now() / 1000),
            jti: 'x',
            events,
            sub: 'admin',
          }),
        ).toString('base64url');
        return `${header}.${payload}.`;
      },
    ],
  ])('back-channel: refuses a logout token %s and ends nothing', async (_label, makeToken) => {
    const admin = await signIn(pleiade.url, 'admin');
    const response = await postLogoutToken(await makeToken());
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: string }).error).toBe('invalid_request');
    expect((await status(admin, `${pleiade.url}/api/me`)).status).toBe(200);
  });

  async function oidcSidOf(browser: TestBrowser): Promise<string> {
    const client = new pg.Client({ connectionString: pleiade.database.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ sid: string | null }>(
        'SELECT sid FROM oidc_session WHERE session_id = $1',
        [sessionIdOf(browser.jar.get(pleiade.url, COOKIE) ?? '')],
      );
      if (!rows[0]?.sid) throw new Error('no sid recorded for this session');
      return rows[0].sid;
    } finally {
      await client.end();
    }
  }

  function frontChannelUrl(sid: string, iss = pleiade.running.devIdpIssuer ?? ''): string {
    const url = new URL(`${pleiade.url}/auth/frontchannel-logout`);
    url.searchParams.set('iss', iss);
    url.searchParams.set('sid', sid);
    return url.href;
  }

  it('front-channel: the provider’s iframe request ends that OpenID session; only providers may frame it', async () => {
    const browser = await signIn(pleiade.url, 'elu');
    const response = await fetch(frontChannelUrl(await oidcSidOf(browser)));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain(
      `frame-ancestors ${pleiade.running.devIdpIssuer}`,
    );
    expect(response.headers.get('x-frame-options')).toBeNull();
    expect((await status(browser, `${pleiade.url}/api/me`)).status).toBe(401);
    expect((await fetch(frontChannelUrl('x', 'https://evil.example'))).status).toBe(400);
  });

  it('front-channel: naming a person instead of a session ends nothing (sid only, by default)', async () => {
    const browser = await signIn(pleiade.url, 'elu');
    expect((await fetch(frontChannelUrl('elu'))).status).toBe(200);
    expect((await status(browser, `${pleiade.url}/api/me`)).status).toBe(200);
  });

  it('signing out at the provider ends the Pléiade session at once (back-channel from the demo IdP)', async () => {
    const browser = await signIn(pleiade.url, 'admin');
    const cookie = browser.jar.get(pleiade.url, COOKIE) ?? '';
    const { idToken } = await readSessionTokens(pleiade, cookie);
    const endSession = new URL(`${pleiade.running.devIdpIssuer}/session/end`);
    endSession.searchParams.set('id_token_hint', idToken ?? '');
    endSession.searchParams.set('client_id', 'pleiade-demo');
    await confirmIdpLogout(browser, endSession.href);
    // No token refresh needed: the provider told the BFF directly.
    await expect.poll(async () => (await status(browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });
});

describe('rate limits on sign-in routes', () => {
  let pleiade: TestPleiade;
  beforeAll(async () => {
    pleiade = await startTestPleiade({ AUTH_RATE_LIMIT_PER_MINUTE: '5' });
  });
  afterAll(async () => {
    await pleiade?.stop();
  });

  it('answers 429 with a French page past the limit, and the API is not limited by it', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i += 1)
      statuses.push((await fetch(`${pleiade.url}/auth/login`, { redirect: 'manual' })).status);
    expect(statuses.slice(0, 5).every((code) => code === 302)).toBe(true);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await fetch(`${pleiade.url}/auth/login`, { redirect: 'manual' });
    expect(await limited.text()).toContain('Trop de tentatives');
    expect((await fetch(`${pleiade.url}/api/me`)).status).toBe(401);
  });
});
