import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { boardSchema, meSchema, type Board } from '@pleiade/contracts';
import { startFakeOp, s256, signInThroughFakeOp, type FakeOp, type IdTokenScenario } from '../support/fake-op.js';
import { TestBrowser, signIn } from '../support/http-client.js';
import { api, startTestPleiade, type TestPleiade } from '../support/pleiade.js';
import { freePort } from '../../src/net.js';
import { listRoutes, startTestPleiadeWithApp, type AppRoute } from '../support/routes.js';
import { ACCESS_MATRIX } from './access-matrix.table.js';

const SESSION_SECRET = 'a-test-session-secret-of-at-least-32-characters';
const CALLBACK_FAILED = 'La connexion n’a pas abouti';
const EVIL = 'https://evil.example';

/** Pléiade signing people in with the fake provider only (no demo IdP), on a port known in advance. */
async function startAgainstFakeOp(op: FakeOp, scheme: 'http' | 'https' = 'http'): Promise<TestPleiade> {
  const port = await freePort();
  return startTestPleiade({
    PORT: String(port),
    PUBLIC_URL: `${scheme}://localhost:${port}`,
    SESSION_SECRET,
    OIDC_ISSUER: op.issuer,
    OIDC_CLIENT_ID: op.clientId,
    OIDC_CLIENT_SECRET: op.clientSecret,
    SEED_DEMO: '0',
    COLLECTIVITES: 'demo-a=Commune A',
    ...(scheme === 'https' ? { TRUST_PROXY: '1' } : {}),
  });
}

function setCookieOf(response: Response, name: string): string | undefined {
  return response.headers.getSetCookie().find((header) => header.startsWith(`${name}=`));
}

function attributesOf(setCookie: string): Map<string, string> {
  const [, ...attributes] = setCookie.split(';');
  return new Map(
    attributes.map((attribute) => {
      const [key = '', ...value] = attribute.trim().split('=');
      return [key.toLowerCase(), value.join('=')] as const;
    }),
  );
}

describe('ID tokens', () => {
  let op: FakeOp;
  let pleiade: TestPleiade;

  beforeAll(async () => {
    op = await startFakeOp();
    pleiade = await startAgainstFakeOp(op);
  });
  afterAll(async () => {
    await pleiade?.stop();
    await op?.close();
  });
  beforeEach(() => {
    op.scenario = 'valid';
  });

  it('sign in when valid (control), with a PKCE verifier that matches the challenge sent', async () => {
    const browser = new TestBrowser();
    const { callback } = await signInThroughFakeOp(browser, pleiade.url);
    expect(callback.status).toBe(303);
    const me = meSchema.parse(await (await api(browser, `${pleiade.url}/api/me`)).json());
    expect(me).toMatchObject({ displayName: 'Agent Témoin', role: 'agent', collectivite: { slug: 'demo-a' } });

    const authorization = op.authorizationRequests.at(-1);
    const tokenRequest = op.tokenRequests.at(-1);
    expect(authorization?.code_challenge_method).toBe('S256');
    expect(authorization?.code_challenge).toMatch(/^[\w-]{43}$/);
    const verifier = tokenRequest?.params.code_verifier ?? '';
    // RFC 7636: 43 to 128 characters of [A-Z] [a-z] [0-9] - . _ ~
    expect(verifier).toMatch(/^[\w.~-]{43,128}$/);
    expect(s256(verifier)).toBe(authorization?.code_challenge);
    expect(tokenRequest?.pkceVerified).toBe(true);
    expect(tokenRequest?.params.redirect_uri).toBe(`${pleiade.url}/auth/callback`);
  });

  it.each<IdTokenScenario>([
    'signed-by-another-key',
    'payload-altered-after-signing',
    'unsigned-alg-none',
    'expired',
    'wrong-audience',
    'wrong-issuer',
    'wrong-nonce',
    'missing-nonce',
  ])('are refused when %s: 400, French page, no session', async (scenario) => {
    op.scenario = scenario;
    const browser = new TestBrowser();
    const { callback } = await signInThroughFakeOp(browser, pleiade.url);
    // The provider did issue the token: a refusal can only be the BFF's.
    expect(op.tokenRequests.at(-1)?.accepted).toBe(true);
    const html = await callback.text();
    expect(callback.status).toBe(400);
    expect(html).toContain('lang="fr"');
    expect(html).toContain(CALLBACK_FAILED);
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });

  it('refuse a code issued for another browser’s PKCE challenge (code injection)', async () => {
    // The attacker starts a sign-in of their own and keeps the code instead of delivering it…
    const attacker = new TestBrowser();
    const attackerLogin = await attacker.request(`${pleiade.url}/auth/login`);
    await attacker.request(attackerLogin.headers.get('location') ?? '');
    const stolen = op.issuedCodes.at(-1);
    // …then slips it into the victim's callback, with the victim's own (valid) state.
    const victim = new TestBrowser();
    const victimLogin = await victim.request(`${pleiade.url}/auth/login`);
    const authorize = await victim.request(victimLogin.headers.get('location') ?? '');
    const callbackUrl = new URL(authorize.headers.get('location') ?? '');
    expect(stolen?.code).toBeTruthy();
    expect(stolen?.code).not.toBe(callbackUrl.searchParams.get('code'));
    callbackUrl.searchParams.set('code', stolen?.code ?? '');
    const callback = await victim.request(callbackUrl.href);

    expect(op.tokenRequests.at(-1)?.params.code).toBe(stolen?.code);
    expect(op.tokenRequests.at(-1)?.pkceVerified).toBe(false);
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain(CALLBACK_FAILED);
    expect((await api(victim, `${pleiade.url}/api/me`)).status).toBe(401);
  });
});

describe('back-channel logout tokens', () => {
  let op: FakeOp;
  let pleiade: TestPleiade;
  beforeAll(async () => {
    op = await startFakeOp();
    pleiade = await startAgainstFakeOp(op);
  });
  afterAll(async () => {
    await pleiade?.stop();
    await op?.close();
  });

  async function signedInWithSid(sid: string): Promise<TestBrowser> {
    op.scenario = 'valid';
    op.claims = { ...op.claims, sub: `agent-${sid}`, sid };
    const browser = new TestBrowser();
    expect((await signInThroughFakeOp(browser, pleiade.url)).callback.status).toBe(303);
    const me = await api(browser, `${pleiade.url}/api/me`);
    expect(me.status, `signed in: ${await me.text()}`).toBe(200);
    return browser;
  }

  function postLogoutToken(token: string): Promise<Response> {
    // Server to server: no cookie, from the provider.
    return fetch(`${pleiade.url}/auth/backchannel-logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ logout_token: token }).toString(),
    });
  }

  it('end the session they name when signed by the provider (control)', async () => {
    const browser = await signedInWithSid('op-session-control');
    const response = await postLogoutToken(op.logoutToken({ sid: 'op-session-control' }));
    expect(response.status).toBe(200);
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });

  it.each(['signed-by-another-key', 'unsigned-alg-none'] as const)(
    'are refused when %s, and the session goes on',
    async (signing) => {
      const sid = `op-session-${signing}`;
      const browser = await signedInWithSid(sid);
      const response = await postLogoutToken(op.logoutToken({ sid }, signing));
      expect(response.status, await response.text()).toBe(400);
      const me = await api(browser, `${pleiade.url}/api/me`);
      expect(me.status, await me.text()).toBe(200);
    },
  );

  it('are refused when their payload was altered after signing, and the session goes on', async () => {
    const browser = await signedInWithSid('op-session-victim');
    const [head, , signature] = op.logoutToken({ sid: 'op-session-someone-else' }).split('.');
    const payload = JSON.parse(
      Buffer.from(op.logoutToken({ sid: 'op-session-victim' }).split('.')[1] ?? '', 'base64url').toString('utf8'),
    ) as Record<string, unknown>;
    const altered = `${head}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
    expect((await postLogoutToken(altered)).status).toBe(400);
    const me = await api(browser, `${pleiade.url}/api/me`);
    expect(me.status, await me.text()).toBe(200);
  });
});

describe('an unsigned ID token from a provider that lists "none" among its algorithms', () => {
  let op: FakeOp;
  let pleiade: TestPleiade;
  beforeAll(async () => {
    op = await startFakeOp({ idTokenSigningAlgs: ['RS256', 'none'] });
    pleiade = await startAgainstFakeOp(op);
  });
  afterAll(async () => {
    await pleiade?.stop();
    await op?.close();
  });

  it('is refused all the same', async () => {
    op.scenario = 'valid';
    const control = new TestBrowser();
    expect((await signInThroughFakeOp(control, pleiade.url)).callback.status).toBe(303);

    op.scenario = 'unsigned-alg-none';
    const browser = new TestBrowser();
    const { callback } = await signInThroughFakeOp(browser, pleiade.url);
    expect(callback.status).toBe(400);
    expect(await callback.text()).toContain(CALLBACK_FAILED);
    expect((await api(browser, `${pleiade.url}/api/me`)).status).toBe(401);
  });
});

/** The sign-in state: sealed, HttpOnly, SameSite=Lax, only for the callback, for ten minutes at most. */
function expectLoginStateCookie(response: Response, name: string, secure: boolean) {
  const cookie = setCookieOf(response, name);
  expect(cookie, `Set-Cookie ${name}`).toBeDefined();
  const attributes = attributesOf(cookie ?? '');
  expect(attributes.has('httponly'), 'HttpOnly').toBe(true);
  expect(attributes.get('samesite')?.toLowerCase(), 'SameSite').toBe('lax');
  expect(attributes.get('path'), 'Path').toBe('/auth/callback');
  expect(attributes.has('domain'), 'no Domain').toBe(false);
  expect(attributes.has('secure'), 'Secure').toBe(secure);
  const maxAge = Number(attributes.get('max-age'));
  expect(maxAge > 0 && maxAge <= 600, `Max-Age ${maxAge}`).toBe(true);
  // Sealed: neither the PKCE verifier, the state nor the nonce can be read in it.
  expect(cookie).not.toMatch(/verifier|nonce|state|eyJ/i);
}

describe('the session cookie', () => {
  let op: FakeOp;
  beforeAll(async () => {
    op = await startFakeOp();
  });
  afterAll(async () => {
    await op?.close();
  });

  it('is HttpOnly, SameSite=Lax, Path=/, without Domain, over http', async () => {
    const pleiade = await startAgainstFakeOp(op);
    try {
      const { login, callback } = await signInThroughFakeOp(new TestBrowser(), pleiade.url);
      expect(callback.status).toBe(303);
      // No session before the person is signed in: the sign-in start sets only the login state.
      expect(setCookieOf(login, 'pleiade.sid'), 'sign-in start: no session cookie').toBeUndefined();
      expectLoginStateCookie(login, 'pleiade.login', false);
      const cookie = setCookieOf(callback, 'pleiade.sid');
      expect(cookie, 'callback: Set-Cookie pleiade.sid').toBeDefined();
      const attributes = attributesOf(cookie ?? '');
      expect(attributes.has('httponly'), 'HttpOnly').toBe(true);
      expect(attributes.get('samesite')?.toLowerCase(), 'SameSite').toBe('lax');
      expect(attributes.get('path'), 'Path').toBe('/');
      expect(attributes.has('domain'), 'no Domain').toBe(false);
      expect(attributes.has('secure'), 'not Secure over http').toBe(false);
    } finally {
      await pleiade.stop();
    }
  });

  describe('behind an https reverse proxy', () => {
    let pleiade: TestPleiade;
    const proxied = { 'x-forwarded-proto': 'https' };
    // The BFF listens on http; the proxy in front of it speaks https on the same host and port.
    const direct = (url: string) => url.replace(/^https:/, 'http:');

    beforeAll(async () => {
      pleiade = await startAgainstFakeOp(op, 'https');
    });
    afterAll(async () => {
      await pleiade?.stop();
    });

    it('is __Host-pleiade, Secure, HttpOnly, SameSite=Lax, Path=/, without Domain', async () => {
      expect(pleiade.url).toMatch(/^https:\/\/localhost:\d+$/);
      const browser = new TestBrowser();
      const { login, callback } = await signInThroughFakeOp(browser, direct(pleiade.url), {
        headers: proxied,
        rewriteCallback: direct,
      });
      expect(callback.status).toBe(303);
      for (const response of [login, callback]) {
        expect(setCookieOf(response, 'pleiade.sid'), 'no pleiade.sid over https').toBeUndefined();
        expect(setCookieOf(response, 'pleiade.login'), 'no pleiade.login over https').toBeUndefined();
      }
      expect(setCookieOf(login, '__Host-pleiade'), 'sign-in start: no session cookie').toBeUndefined();
      expectLoginStateCookie(login, '__Secure-pleiade-login', true);
      const cookie = setCookieOf(callback, '__Host-pleiade');
      expect(cookie, 'callback: Set-Cookie __Host-pleiade').toBeDefined();
      const attributes = attributesOf(cookie ?? '');
      expect(attributes.has('secure'), 'Secure').toBe(true);
      expect(attributes.has('httponly'), 'HttpOnly').toBe(true);
      expect(attributes.get('samesite')?.toLowerCase(), 'SameSite').toBe('lax');
      expect(attributes.get('path'), 'Path').toBe('/');
      expect(attributes.has('domain'), 'no Domain').toBe(false);
      const me = await browser.request(`${direct(pleiade.url)}/api/me`, { headers: proxied });
      expect(me.status).toBe(200);
    });

    it('is cleared at sign-out with attributes a browser accepts for a __Host- cookie (Secure, Path=/)', async () => {
      const browser = new TestBrowser();
      await signInThroughFakeOp(browser, direct(pleiade.url), { headers: proxied, rewriteCallback: direct });
      const logout = await browser.request(`${direct(pleiade.url)}/auth/logout`, {
        method: 'POST',
        headers: { ...proxied, origin: pleiade.url, 'sec-fetch-site': 'same-origin' },
      });
      expect(logout.status).toBe(303);
      const cleared = setCookieOf(logout, '__Host-pleiade');
      expect(cleared, 'Set-Cookie clearing __Host-pleiade').toBeDefined();
      // Browsers drop a __Host- Set-Cookie without Secure: the stale cookie would stay in the browser.
      const attributes = attributesOf(cleared ?? '');
      expect(attributes.has('secure'), 'Secure').toBe(true);
      expect(attributes.get('path'), 'Path').toBe('/');
      expect(attributes.has('domain'), 'no Domain').toBe(false);
    });
  });
});

describe('cross-site request forgery', () => {
  let pleiade: TestPleiade;
  let routes: AppRoute[];
  let agent: TestBrowser;
  let boardId: string;

  beforeAll(async () => {
    const started = await startTestPleiadeWithApp();
    pleiade = started.pleiade;
    routes = listRoutes(started.app);
    agent = await signIn(pleiade.url, 'agent');
    boardId = (await currentBoard()).id;
  });
  afterAll(async () => {
    await pleiade?.stop();
  });

  async function currentBoard(): Promise<Board> {
    const response = await api(agent, `${pleiade.url}/api/boards/current`);
    expect(response.status, 'the agent can still read their board').toBe(200);
    return boardSchema.parse(await response.json());
  }

  /** What a forged request could change: the agent's board, and whether they are still signed in. */
  async function state() {
    return { board: await currentBoard(), me: (await api(agent, `${pleiade.url}/api/me`)).status };
  }

  const isSafe = (method: string) => ['GET', 'HEAD', 'OPTIONS'].includes(method);
  const stateChanging = () => routes.filter((route) => !isSafe(route.method));
  const apiStateChanging = () => stateChanging().filter((route) => route.path.startsWith('/api/'));

  /** A concrete URL for a route: the agent's board for :boardId, the matrix's sample for regex routes. */
  function urlOf(route: AppRoute): string {
    if (route.path.startsWith('/^')) {
      const sample = ACCESS_MATRIX.find((row) => row.path === route.path && row.url)?.url;
      if (!sample) throw new Error(`no sample URL for ${route.path} in access-matrix.table.ts`);
      return `${pleiade.url}${sample}`;
    }
    return `${pleiade.url}${route.path.replace(/:boardId\b/g, boardId)}`;
  }

  /** The board back at its current version: a save that would succeed if the request were let through. */
  async function validSave(): Promise<string> {
    const board = await currentBoard();
    return JSON.stringify({ version: board.version, widgets: [] });
  }

  it('finds state-changing routes to attack (guards the lists below against a silent empty walk)', () => {
    expect(stateChanging().map((route) => `${route.method} ${route.path}`)).toEqual(
      expect.arrayContaining(['PUT /api/boards/:boardId', 'POST /auth/logout']),
    );
  });

  it('refuses a cross-site form post to every state-changing route, and nothing changes', async () => {
    const before = await state();
    for (const route of stateChanging()) {
      // A form can only GET or POST; the route's own method is tried too (a "simple" cross-site fetch).
      for (const method of [...new Set(['POST', route.method])]) {
        const response = await agent.request(urlOf(route), {
          method,
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: EVIL,
            'sec-fetch-site': 'cross-site',
            'sec-fetch-mode': 'navigate',
          },
          body: new URLSearchParams({ version: String(before.board.version), widgets: '[]' }).toString(),
        });
        const label = `${method} ${route.path}`;
        // The API's guard answers 403; /auth routes refuse in their own way (403 sign-out, 400 bad logout token).
        if (route.path.startsWith('/api/') && method === route.method) expect.soft(response.status, label).toBe(403);
        else expect.soft(response.status, label).toBeGreaterThanOrEqual(400);
        expect.soft(response.status, label).toBeLessThan(500);
      }
    }
    expect(await state()).toEqual(before);
  });

  it('refuses an API call without X-Requested-With: pleiade (403), and nothing changes', async () => {
    const before = await state();
    for (const route of apiStateChanging()) {
      for (const headerValue of [undefined, 'XMLHttpRequest']) {
        const response = await agent.request(urlOf(route), {
          method: route.method,
          headers: {
            'content-type': 'application/json',
            origin: pleiade.url,
            'sec-fetch-site': 'same-origin',
            ...(headerValue ? { 'x-requested-with': headerValue } : {}),
          },
          body: await validSave(),
        });
        expect.soft(response.status, `${route.method} ${route.path} X-Requested-With: ${headerValue}`).toBe(403);
      }
    }
    expect(await state()).toEqual(before);
  });

  it('refuses an API call from another origin even with X-Requested-With (Origin check), and nothing changes', async () => {
    const before = await state();
    for (const route of apiStateChanging()) {
      for (const headers of [
        { origin: EVIL, 'sec-fetch-site': 'cross-site' } as Record<string, string>,
        { origin: EVIL }, // a browser without Fetch Metadata
        { 'sec-fetch-site': 'same-site' }, // a sibling subdomain
      ]) {
        const response = await agent.request(urlOf(route), {
          method: route.method,
          headers: { 'content-type': 'application/json', 'x-requested-with': 'pleiade', ...headers },
          body: await validSave(),
        });
        expect.soft(response.status, `${route.method} ${route.path} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect(await state()).toEqual(before);
  });

  it('changes nothing through any GET route, whatever the query string', async () => {
    const before = await state();
    const query = `?version=${before.board.version}&widgets=%5B%5D&_method=PUT`;
    for (const route of routes.filter((candidate) => candidate.method === 'GET')) {
      // Signing in again or re-running a callback is not a change of the agent's data.
      const response = await agent.request(`${urlOf(route)}${route.path.startsWith('/^') ? '' : query}`, {
        headers: { 'x-requested-with': 'pleiade', accept: 'application/json' },
      });
      expect.soft(response.status, `GET ${route.path}`).toBeLessThan(500);
    }
    expect(await state()).toEqual(before);
  });

  it('does not let a third party end someone’s sessions through the front-channel logout URL by naming them', async () => {
    // Front-channel logout is a GET by design, sent by the provider's page with no secret of its own.
    // An OP session id (sid) is unguessable; a person's subject (their login) is not.
    const victim = await signIn(pleiade.url, 'admin');
    expect((await api(victim, `${pleiade.url}/api/me`)).status).toBe(200);
    const stranger = new TestBrowser();
    const url = new URL(`${pleiade.url}/auth/frontchannel-logout`);
    url.searchParams.set('iss', pleiade.running.devIdpIssuer ?? '');
    url.searchParams.set('sid', 'admin'); // the subject (login) of the demo account "admin", not an OP session id
    await stranger.request(url.href, { headers: { 'sec-fetch-site': 'cross-site', 'sec-fetch-dest': 'iframe' } });
    expect((await api(victim, `${pleiade.url}/api/me`)).status, 'the victim is still signed in').toBe(200);
  });

  it('answers 404 or 405 to GET on a state-changing route that has no GET, and nothing changes', async () => {
    const before = await state();
    const gettable = new Set(routes.filter((route) => route.method === 'GET').map((route) => route.path));
    for (const route of stateChanging().filter((candidate) => !gettable.has(candidate.path))) {
      const response = await agent.request(urlOf(route));
      expect.soft([404, 405], `GET ${route.path}`).toContain(response.status);
    }
    expect(await state()).toEqual(before);
  });
});
