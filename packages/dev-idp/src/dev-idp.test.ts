import { createHash } from 'node:crypto';
import { createServer } from 'node:net';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it, vi, type MockInstance } from 'vitest';
import { DEMO_ACCOUNTS, generateDevIdpJwks, startDevIdp, type DevIdp } from './index.js';
import { Browser } from './test-support.js';

const CLIENT_ID = 'pleiade';
const SECRET = 'test-secret';
const REDIRECT_URI = 'http://localhost:3000/auth/callback';
const AFTER_LOGOUT = 'http://localhost:3000/';
const ALL_SCOPES = 'openid profile email groups offline_access';

let idp: DevIdp;
let config: client.Configuration;
let basicAuthConfig: client.Configuration;
const consoleSpies: MockInstance[] = [];

beforeAll(async () => {
  for (const method of ['log', 'info', 'warn', 'error'] as const) {
    consoleSpies.push(vi.spyOn(console, method));
  }
  idp = await startDevIdp({
    port: 0,
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret: SECRET,
        redirectUris: [REDIRECT_URI],
        postLogoutRedirectUris: [AFTER_LOGOUT],
      },
    ],
  });
  const options = { execute: [client.allowInsecureRequests] };
  // openid-client picks client_secret_post when given a bare secret.
  config = await client.discovery(new URL(idp.issuer), CLIENT_ID, SECRET, undefined, options);
  basicAuthConfig = await client.discovery(
    new URL(idp.issuer),
    CLIENT_ID,
    undefined,
    client.ClientSecretBasic(SECRET),
    options,
  );
});

afterAll(async () => {
  await idp?.close();
  vi.restoreAllMocks();
});

async function authorize(browser: Browser, parameters: Record<string, string> = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: ALL_SCOPES,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...parameters,
  });
  const res = await browser.visit(url);
  return { res, url: res.url || url.href, verifier, state, nonce };
}

function callbackUrl(res: Response): URL {
  expect(res.status).toBe(303);
  const location = new URL(res.headers.get('location') ?? '');
  expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
  return location;
}

/** Full sign-in from a fresh browser: returns the tokens obtained with openid-client. */
async function signIn(username: string, browser = new Browser(), cfg = config) {
  const flow = await authorize(browser);
  expect(flow.res.status).toBe(200);
  const done = await browser.postForm(flow.url, { username, password: 'demo' });
  const tokens = await client.authorizationCodeGrant(cfg, callbackUrl(done), {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
  });
  return { browser, tokens };
}

describe('discovery', () => {
  it('describes a PKCE S256, code-only provider with RP-initiated logout', async () => {
    const res = await fetch(`${idp.issuer}/.well-known/openid-configuration`);
    expect(res.status).toBe(200);
    const metadata = (await res.json()) as Record<string, unknown>;
    expect(idp.issuer).toMatch(/^http:\/\/localhost:\d+$/);
    expect(metadata.issuer).toBe(idp.issuer);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(ALL_SCOPES.split(' ')));
    expect(metadata.claims_supported).toEqual(expect.arrayContaining(['groups', 'collectivite']));
  });
});

describe('authorization code flow', () => {
  const browser = new Browser();
  let tokens: Awaited<ReturnType<typeof client.authorizationCodeGrant>>;

  it('shows a French login page, rejects a wrong password, then redirects with a code', async () => {
    const flow = await authorize(browser);
    expect(flow.url).toMatch(new RegExp(`^${idp.issuer}/interaction/[\\w-]+$`));
    expect(flow.res.status).toBe(200);
    const page = await flow.res.text();
    // The inline stylesheet must be allowed by the page's own CSP.
    const style = /<style>([^<]*)<\/style>/.exec(page)?.[1] ?? '';
    const styleHash = createHash('sha256').update(style).digest('base64');
    expect(flow.res.headers.get('content-security-policy')).toContain(`style-src 'sha256-${styleHash}'`);
    expect(page).toContain('<html lang="fr">');
    expect(page).toContain('<title>Connexion — Pléiade (démonstration)</title>');
    expect(page).toContain('<label for="username">Identifiant</label>');
    expect(page).toContain('<label for="password">Mot de passe</label>');
    expect(page).toMatch(/<button type="submit">Se connecter<\/button>/);
    expect(page).toContain('<code>demo</code>');
    expect(page.match(/<h1>/g)).toHaveLength(1);
    expect(page).not.toContain('role="alert"');

    const wrong = await browser.postForm(flow.url, { username: 'agent', password: 'nope' });
    expect(wrong.status).toBe(200);
    const retry = await wrong.text();
    expect(retry).toMatch(/<p [^>]*role="alert"[^>]*>Identifiant ou mot de passe incorrect\.<\/p>/);
    expect(retry).toMatch(/id="username"[^>]*value="agent"/);
    expect(retry).not.toContain('nope');

    const done = await browser.postForm(flow.url, { username: 'agent', password: 'demo' });
    const callback = callbackUrl(done);
    expect(callback.searchParams.get('code')).toBeTruthy();
    expect(callback.searchParams.get('state')).toBe(flow.state);
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);

    tokens = await client.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
  });

  it('puts the LemonLDAP::NG claims in the ID token', () => {
    expect(tokens.claims()).toMatchObject({
      iss: idp.issuer,
      aud: CLIENT_ID,
      sub: 'agent',
      name: 'Camille Martin',
      given_name: 'Camille',
      family_name: 'Martin',
      preferred_username: 'agent',
      email: 'agent@demo-a.pleiade.test',
      collectivite: 'demo-a',
      groups: ['agents', 'app-nextcloud', 'app-pastell'],
    });
  });

  it('serves the same claims at userinfo', async () => {
    const userinfo = await client.fetchUserInfo(config, tokens.access_token, 'agent');
    expect(userinfo).toMatchObject({
      name: 'Camille Martin',
      email: 'agent@demo-a.pleiade.test',
      collectivite: 'demo-a',
      groups: ['agents', 'app-nextcloud', 'app-pastell'],
    });
  });

  it('refreshes, with a new ID token holding the claims', async () => {
    expect(tokens.refresh_token).toBeTruthy();
    const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token ?? '');
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(refreshed.claims()).toMatchObject({ sub: 'agent', collectivite: 'demo-a' });
    expect(refreshed.claims()?.groups).toEqual(['agents', 'app-nextcloud', 'app-pastell']);
  });

  it('reuses the IdP session and releases only the requested scopes', async () => {
    const flow = await authorize(browser, { scope: 'openid profile' });
    const tokens = await client.authorizationCodeGrant(config, callbackUrl(flow.res), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    const claims = tokens.claims();
    expect(claims).toMatchObject({ sub: 'agent', name: 'Camille Martin' });
    expect(claims).not.toHaveProperty('groups');
    expect(claims).not.toHaveProperty('collectivite');
    expect(claims).not.toHaveProperty('email');
  });

  it('keeps offline_access only with prompt=consent, and consents without a page', async () => {
    // oidc-provider drops offline_access without prompt=consent (OIDC Core 11), unlike LemonLDAP::NG.
    expect(tokens.scope?.split(' ')).not.toContain('offline_access');
    const flow = await authorize(browser, { prompt: 'consent' });
    const offline = await client.authorizationCodeGrant(config, callbackUrl(flow.res), {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    expect(offline.scope?.split(' ')).toContain('offline_access');
    expect(offline.refresh_token).toBeTruthy();
  });

  it('refuses a token request with the wrong code_verifier', async () => {
    const flow = await authorize(browser);
    await expect(
      client.authorizationCodeGrant(config, callbackUrl(flow.res), {
        pkceCodeVerifier: client.randomPKCECodeVerifier(),
        expectedState: flow.state,
        expectedNonce: flow.nonce,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses an authorization request without PKCE or with the plain method', async () => {
    const variants: Record<string, string>[] = [{}, { code_challenge: 'a'.repeat(43), code_challenge_method: 'plain' }];
    for (const pkce of variants) {
      const url = new URL(`${idp.issuer}/auth`);
      url.search = new URLSearchParams({
        client_id: CLIENT_ID,
        response_type: 'code',
        redirect_uri: REDIRECT_URI,
        scope: 'openid',
        state: 'xyz',
        ...pkce,
      }).toString();
      const callback = callbackUrl(await browser.fetch(url));
      expect(callback.searchParams.get('error')).toBe('invalid_request');
      expect(callback.searchParams.get('code')).toBeNull();
    }
  });
});

describe('RP-initiated logout', () => {
  it('ends the IdP session without asking, redirects back, then asks to sign in again', async () => {
    const { browser, tokens } = await signIn('elu');
    const idToken = tokens.id_token ?? '';
    const url = client.buildEndSessionUrl(config, {
      id_token_hint: idToken,
      post_logout_redirect_uri: AFTER_LOGOUT,
      state: 'bye',
    });

    const page = await browser.visit(url);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toMatch(
      /<button id="confirm-logout" type="submit" form="op.logoutForm" name="logout" value="yes">Se déconnecter<\/button>/,
    );
    // The auto-submit script must be allowed by the page's own CSP.
    const script = /<script>([^<]*)<\/script>/.exec(html)?.[1] ?? '';
    expect(script).toContain("getElementById('confirm-logout').click()");
    const hash = createHash('sha256').update(script).digest('base64');
    expect(page.headers.get('content-security-policy')).toContain(`script-src 'sha256-${hash}'`);

    // What the script does in a browser: submit the form with logout=yes.
    const action = /<form id="op.logoutForm" method="post" action="([^"]+)"/.exec(html)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const back = await browser.postForm(action, { xsrf, logout: 'yes' });
    expect(back.status).toBe(303);
    expect(back.headers.get('location')).toBe(`${AFTER_LOGOUT}?state=bye`);

    // As with LemonLDAP::NG, tokens obtained without offline_access die with the IdP session.
    await expect(client.fetchUserInfo(config, tokens.access_token, 'elu')).rejects.toMatchObject({ status: 401 });
    await expect(client.refreshTokenGrant(config, tokens.refresh_token ?? '')).rejects.toMatchObject({
      error: 'invalid_grant',
    });

    const again = await authorize(browser);
    expect(again.url).toContain('/interaction/');
    expect(await again.res.text()).toContain('<label for="username">Identifiant</label>');
  });

  it('asks for confirmation, without script, when there is no id_token_hint', async () => {
    const { browser } = await signIn('admin');
    const page = await browser.visit(client.buildEndSessionUrl(config, { client_id: CLIENT_ID }));
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Voulez-vous vous déconnecter de Pléiade ?');
    expect(html).not.toContain('<script');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'none'");

    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
    const done = await browser.postForm(`${idp.issuer}/session/end/confirm`, { xsrf, logout: 'yes' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('<h1>Vous êtes déconnecté</h1>');
  });
});

describe('errors', () => {
  it('renders protocol errors in French', async () => {
    const res = await fetch(`${idp.issuer}/auth?client_id=unknown&response_type=code&scope=openid`);
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<html lang="fr">');
    expect(html).toContain('<h1>Une erreur est survenue</h1>');
  });

  it('answers an unknown or expired interaction with a French page', async () => {
    const res = await fetch(`${idp.issuer}/interaction/does-not-exist`);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('Cette demande de connexion a expiré.');
  });
});

describe('accounts', () => {
  it('gives agent-b the collectivité demo-b (client_secret_basic)', async () => {
    const { tokens } = await signIn('agent-b', new Browser(), basicAuthConfig);
    expect(tokens.claims()).toMatchObject({
      sub: 'agent-b',
      name: 'Sacha Girard',
      email: 'agent-b@demo-b.pleiade.test',
      collectivite: 'demo-b',
      groups: ['agents', 'app-nextcloud'],
    });
  });

  it('escapes what the user typed', async () => {
    const browser = new Browser();
    const flow = await authorize(browser);
    const res = await browser.postForm(flow.url, { username: '"><script>alert(1)</script>', password: 'x' });
    const html = await res.text();
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(html).not.toContain('<script>alert(1)');
  });

  it('lists the demo accounts with the password demo', () => {
    expect(DEMO_ACCOUNTS.map((a) => a.username)).toEqual(['agent', 'elu', 'admin', 'operateur', 'agent-b', 'admin-b']);
    for (const a of DEMO_ACCOUNTS) {
      expect(a.password).toBe('demo');
      expect(a.email).toBe(`${a.username}@${a.collectivite}.pleiade.test`);
    }
  });
});

describe('lifecycle', () => {
  it('close() frees the port', async () => {
    const other = await startDevIdp({ port: 0, clients: [] });
    const port = Number(new URL(other.issuer).port);
    expect((await fetch(`${other.issuer}/jwks`)).status).toBe(200);
    await other.close();
    const probe = createServer();
    await new Promise<void>((resolve, reject) => {
      probe.once('error', reject).listen(port, '127.0.0.1', resolve);
    });
    await new Promise((resolve) => probe.close(resolve));
  });

  it('signs with the keys it is given and publishes only their public part', async () => {
    const jwks = await generateDevIdpJwks();
    const [key] = jwks.keys as { kid: string; d?: string }[];
    expect(key?.d).toBeTruthy();
    const other = await startDevIdp({ port: 0, clients: [], jwks, cookieKeys: ['k1'] });
    try {
      const published = (await (await fetch(`${other.issuer}/jwks`)).json()) as { keys: object[] };
      expect(published.keys).toHaveLength(1);
      expect(published.keys[0]).toMatchObject({ kid: key?.kid, kty: 'RSA', alg: 'RS256', use: 'sig' });
      expect(published.keys[0]).not.toHaveProperty('d');
    } finally {
      await other.close();
    }
  });

  it('wrote nothing to the console while serving', () => {
    for (const spy of consoleSpies) expect(spy).not.toHaveBeenCalled();
  });
});
