// Helpers shared by the IdP tests (excluded from the build).
import * as client from 'openid-client';
import { expect } from 'vitest';

/** A browser's cookie handling, reduced to what the IdP needs: no redirects followed for us. */
export class Browser {
  private readonly cookies = new Map<string, string>();

  async fetch(url: string | URL, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) {
      headers.set('cookie', [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '));
    }
    const res = await fetch(url, { ...init, headers, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const i = pair.indexOf('=');
      const name = pair.slice(0, i);
      const value = pair.slice(i + 1);
      if (value === '') this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  /** Follows redirects while they stay on the IdP; returns the last IdP response. */
  async visit(url: string | URL, init?: RequestInit): Promise<Response> {
    let res = await this.fetch(url, init);
    let current = new URL(url);
    while (res.status >= 300 && res.status < 400) {
      const next = new URL(res.headers.get('location') ?? '', current);
      if (next.origin !== current.origin) return res;
      current = next;
      res = await this.fetch(next);
    }
    return res;
  }

  postForm(url: string | URL, fields: Record<string, string>): Promise<Response> {
    return this.visit(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
    });
  }
}

/**
 * Full sign-in from a fresh browser with the authorization code flow (PKCE, state, nonce);
 * returns the tokens obtained with openid-client.
 */
export async function signIn(
  config: client.Configuration,
  username: string,
  { redirectUri, scope }: { redirectUri: string; scope: string },
): Promise<client.TokenEndpointResponse> {
  const browser = new Browser();
  const verifier = client.randomPKCECodeVerifier();
  const state = client.randomState();
  const nonce = client.randomNonce();
  const url = client.buildAuthorizationUrl(config, {
    redirect_uri: redirectUri,
    scope,
    code_challenge: await client.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  const page = await browser.visit(url);
  expect(page.status).toBe(200);
  const done = await browser.postForm(page.url || url.href, { username, password: 'demo' });
  expect(done.status).toBe(303);
  return client.authorizationCodeGrant(config, new URL(done.headers.get('location') ?? ''), {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
}
