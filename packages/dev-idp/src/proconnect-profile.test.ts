import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as client from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SIRETS, PROCONNECT_DEMO_ACCOUNTS, startDevIdp, type DevIdp } from './index.js';
import { Browser } from './test-support.js';

const CLIENT_ID = 'pleiade-proconnect';
const SECRET = 'proconnect-secret';
const REDIRECT_URI = 'http://localhost:3000/auth/callback';
const AFTER_LOGOUT = 'http://localhost:3000/';
const SCOPES = 'openid given_name usual_name email uid siret idp_id';

let idp: DevIdp;
let config: client.Configuration;

beforeAll(async () => {
  idp = await startDevIdp({
    profile: 'proconnect',
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
  config = await client.discovery(
    new URL(idp.issuer),
    CLIENT_ID,
    { client_secret: SECRET, userinfo_signed_response_alg: 'RS256' },
    undefined,
    { execute: [client.allowInsecureRequests] },
  );
  // As Pléiade does: check the signatures of what comes from the token and userinfo endpoints too.
  client.enableNonRepudiationChecks(config);
});

afterAll(async () => {
  await idp?.close();
});

async function authorizationUrl(parameters: Record<string, string> = {}) {
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT_URI,
    scope: SCOPES,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    acr_values: 'eidas1',
    ...parameters,
  });
  return { url, verifier, state, nonce };
}

async function signIn(username: string) {
  const browser = new Browser();
  const flow = await authorizationUrl();
  const page = await browser.visit(flow.url);
  expect(page.status).toBe(200);
  const html = await page.text();
  const done = await browser.postForm(page.url || flow.url.href, { username, password: 'demo' });
  expect(done.status).toBe(303);
  const tokens = await client.authorizationCodeGrant(config, new URL(done.headers.get('location') ?? ''), {
    pkceCodeVerifier: flow.verifier,
    expectedState: flow.state,
    expectedNonce: flow.nonce,
  });
  return { browser, html, tokens };
}

describe('the demo IdP in its ProConnect profile', () => {
  it('shows a ProConnect login page listing each account with its SIRET', async () => {
    const { html } = await signIn('agent');
    expect(html).toContain('<title>Connexion — ProConnect (démonstration)</title>');
    expect(html).toContain(`SIRET ${DEMO_SIRETS['demo-a']}`);
    expect(html).toContain('agent-hors-pleiade');
  });

  it('answers userinfo with a JWT signed by a key of its JWKS, holding the « identité pivot » and no groups', async () => {
    const { tokens } = await signIn('admin');
    // No identity claims in the ID token, and eIDAS level 1, as ProConnect.
    expect(tokens.claims()).toMatchObject({ sub: 'admin', acr: 'eidas1' });
    expect(tokens.claims()).not.toHaveProperty('email');
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.expires_in).toBe(60);

    const raw = await fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(raw.headers.get('content-type')).toMatch(/^application\/jwt/);
    const jwt = await raw.text();
    expect(JSON.parse(Buffer.from(jwt.split('.')[0] ?? '', 'base64url').toString())).toMatchObject({ alg: 'RS256' });

    // openid-client verifies the JWT against the JWKS (non-repudiation checks) before returning it.
    const claims = await client.fetchUserInfo(config, tokens.access_token, 'admin');
    expect(claims).toMatchObject({
      sub: 'admin',
      given_name: 'Alex',
      usual_name: 'Moreau',
      email: 'admin@demo-a.pleiade.test',
      uid: 'admin',
      siret: DEMO_SIRETS['demo-a'],
      idp_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      iss: idp.issuer,
      aud: CLIENT_ID,
    });
    expect(claims).not.toHaveProperty('groups');
    expect(claims).not.toHaveProperty('collectivite');
  });

  it('gives every account the SIRET of its organisation', () => {
    for (const account of PROCONNECT_DEMO_ACCOUNTS) {
      expect(account.siret, account.username).toBe(DEMO_SIRETS[account.collectivite]);
    }
    expect(PROCONNECT_DEMO_ACCOUNTS.find((a) => a.username === 'agent-hors-pleiade')?.siret).toBe(
      DEMO_SIRETS['hors-pleiade'],
    );
  });

  it('refuses an authorization request without state or nonce of 32 characters, as ProConnect', async () => {
    for (const missing of [{ state: '' }, { nonce: '' }, { nonce: 'short' }]) {
      const { url } = await authorizationUrl();
      for (const [name, value] of Object.entries(missing)) {
        if (value) url.searchParams.set(name, value);
        else url.searchParams.delete(name);
      }
      const res = await fetch(url, { redirect: 'manual' });
      expect(res.status, JSON.stringify(missing)).toBe(400);
      expect(await res.text()).toContain('La demande est incomplète.');
    }
  });

  it('refuses a logout request without state, and accepts one with it', async () => {
    const { browser, tokens } = await signIn('elu');
    const params = { id_token_hint: tokens.id_token ?? '', post_logout_redirect_uri: AFTER_LOGOUT };
    expect((await browser.visit(client.buildEndSessionUrl(config, params))).status).toBe(400);
    const page = await browser.visit(client.buildEndSessionUrl(config, { ...params, state: client.randomState() }));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Déconnexion en cours');
  });
});

describe('oidc-provider on this Node.js', () => {
  it('loads without printing a warning (9.x warns « Unsupported runtime » on Node.js 20)', () => {
    const result = spawnSync(process.execPath, ['--input-type=module', '-e', "await import('oidc-provider')"], {
      cwd: fileURLToPath(new URL('..', import.meta.url)),
      encoding: 'utf8',
    });
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('');
  });
});
