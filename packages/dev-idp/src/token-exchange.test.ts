import * as client from 'openid-client';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  ACCESS_TOKEN_TYPE,
  DEMO_NEXTCLOUD_AUDIENCE,
  startDevIdp,
  TOKEN_EXCHANGE_GRANT_TYPE,
  type DevIdp,
} from './index.js';
import { signIn } from './test-support.js';

const REDIRECT_URI = 'http://localhost:3000/auth/callback';
const SCOPE = 'openid profile email groups';
const CLIENTS = { pleiade: 'pleiade-secret', other: 'other-secret' } as const;
type ClientId = keyof typeof CLIENTS;

let idp: DevIdp;
const configs = {} as Record<ClientId, client.Configuration>;

beforeAll(async () => {
  idp = await startDevIdp({
    port: 0,
    clients: Object.entries(CLIENTS).map(([clientId, clientSecret]) => ({
      clientId,
      clientSecret,
      redirectUris: [REDIRECT_URI],
      postLogoutRedirectUris: ['http://localhost:3000/'],
    })),
    tokenExchangeAudiences: [DEMO_NEXTCLOUD_AUDIENCE, 'matrix'],
  });
  for (const [clientId, secret] of Object.entries(CLIENTS) as [ClientId, string][]) {
    configs[clientId] = await client.discovery(
      new URL(idp.issuer),
      clientId,
      undefined,
      client.ClientSecretBasic(secret),
      { execute: [client.allowInsecureRequests] },
    );
  }
});
afterAll(() => idp?.close());
afterEach(() => {
  vi.useRealTimers();
});

const basic = (clientId: ClientId) => `Basic ${Buffer.from(`${clientId}:${CLIENTS[clientId]}`).toString('base64')}`;

async function post(path: string, form: Record<string, string>, clientId: ClientId = 'pleiade') {
  const res = await fetch(`${idp.issuer}${path}`, {
    method: 'POST',
    headers: { authorization: basic(clientId), 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

function exchange(subjectToken: string, extra: Record<string, string> = {}, clientId: ClientId = 'pleiade') {
  return post(
    '/token',
    {
      grant_type: TOKEN_EXCHANGE_GRANT_TYPE,
      subject_token: subjectToken,
      subject_token_type: ACCESS_TOKEN_TYPE,
      audience: DEMO_NEXTCLOUD_AUDIENCE,
      ...extra,
    },
    clientId,
  );
}

async function userinfo(token: string) {
  const res = await fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as Record<string, unknown>) : null };
}

async function accessTokenOf(username: string, clientId: ClientId = 'pleiade') {
  const tokens = await signIn(configs[clientId], username, { redirectUri: REDIRECT_URI, scope: SCOPE });
  return tokens.access_token;
}

describe('token exchange (RFC 8693)', () => {
  it('is advertised in the discovery document with introspection', async () => {
    const metadata = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<
      string,
      unknown
    >;
    expect(metadata.grant_types_supported).toContain(TOKEN_EXCHANGE_GRANT_TYPE);
    expect(metadata.introspection_endpoint).toBe(`${idp.issuer}/token/introspection`);
  });

  it('issues a token for the audience, bound to the same person, valid at userinfo', async () => {
    const subject = await accessTokenOf('agent');
    const { status, body } = await exchange(subject);
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.any(String),
      issued_token_type: ACCESS_TOKEN_TYPE,
      token_type: 'Bearer',
      expires_in: expect.any(Number),
      scope: SCOPE,
    });
    const exchanged = body.access_token as string;
    expect(exchanged).not.toBe(subject);
    expect(body.expires_in).toBeGreaterThan(3500);
    expect(body.expires_in).toBeLessThanOrEqual(3600);

    const info = await userinfo(exchanged);
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ sub: 'agent', preferred_username: 'agent', collectivite: 'demo-a' });

    const introspection = await post('/token/introspection', { token: exchanged });
    expect(introspection.body).toMatchObject({
      active: true,
      sub: 'agent',
      aud: DEMO_NEXTCLOUD_AUDIENCE,
      client_id: 'pleiade',
      scope: SCOPE,
      token_type: 'Bearer',
    });
    // The token it was exchanged for has no audience restriction.
    expect((await post('/token/introspection', { token: subject })).body.aud).toBeUndefined();
  });

  it('narrows the scope on request and refuses a scope beyond the subject token', async () => {
    const subject = await accessTokenOf('agent-b');
    const narrowed = await exchange(subject, { scope: 'openid profile', audience: 'matrix' });
    expect(narrowed.status).toBe(200);
    expect(narrowed.body.scope).toBe('openid profile');
    const info = await userinfo(narrowed.body.access_token as string);
    expect(info.body).toEqual({
      sub: 'agent-b',
      name: 'Sacha Girard',
      given_name: 'Sacha',
      family_name: 'Girard',
      preferred_username: 'agent-b',
    });

    const wider = await exchange(subject, { scope: 'openid profile offline_access' });
    expect(wider).toEqual({
      status: 400,
      body: expect.objectContaining({ error: 'invalid_scope' }) as unknown,
    });
  });

  it('refuses an audience outside the allow-list (invalid_target) and a missing one (invalid_request)', async () => {
    const subject = await accessTokenOf('elu');
    const other = await exchange(subject, { audience: 'https://evil.example' });
    expect(other.status).toBe(400);
    expect(other.body.error).toBe('invalid_target');
    expect((await exchange(subject, { resource: 'https://nextcloud.example' })).body.error).toBe('invalid_target');

    const form = {
      grant_type: TOKEN_EXCHANGE_GRANT_TYPE,
      subject_token: subject,
      subject_token_type: ACCESS_TOKEN_TYPE,
    };
    const missing = await post('/token', form);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('invalid_request');
    expect(missing.body.error_description).toContain('audience');
  });

  it('refuses unknown, foreign, already exchanged and wrongly typed subject tokens (invalid_request)', async () => {
    const subject = await accessTokenOf('admin');
    const cases: [string, Record<string, string>, ClientId][] = [
      ['not-a-token-of-this-idp', {}, 'pleiade'],
      [subject, {}, 'other'],
      [subject, { subject_token_type: 'urn:ietf:params:oauth:token-type:id_token' }, 'pleiade'],
      [subject, { requested_token_type: 'urn:ietf:params:oauth:token-type:refresh_token' }, 'pleiade'],
      [subject, { actor_token: subject, actor_token_type: ACCESS_TOKEN_TYPE }, 'pleiade'],
    ];
    for (const [token, extra, clientId] of cases) {
      const res = await exchange(token, extra, clientId);
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(res.body.error).toBe('invalid_request');
    }
    const exchanged = (await exchange(subject)).body.access_token as string;
    const again = await exchange(exchanged);
    expect(again.body.error).toBe('invalid_request');
    expect(again.body.error_description).toBe('subject_token is already audience-restricted');
  });

  it('refuses an expired subject token, and the exchanged token expires with it', async () => {
    const subject = await accessTokenOf('operateur');
    const exchanged = (await exchange(subject)).body.access_token as string;
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3601 * 1000 });
    const res = await exchange(subject);
    expect(res.status).toBe(400);
    expect(res.body.error).toBe('invalid_request');
    expect((await userinfo(exchanged)).status).toBe(401);
    expect((await post('/token/introspection', { token: exchanged })).body).toEqual({ active: false });
  });

  it('is refused to a client when the IdP is started without audiences', async () => {
    const closed = await startDevIdp({
      port: 0,
      clients: [
        {
          clientId: 'pleiade',
          clientSecret: CLIENTS.pleiade,
          redirectUris: [REDIRECT_URI],
          postLogoutRedirectUris: [],
        },
      ],
      tokenExchangeAudiences: [],
    });
    try {
      const res = await fetch(`${closed.issuer}/token`, {
        method: 'POST',
        headers: { authorization: basic('pleiade'), 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ grant_type: TOKEN_EXCHANGE_GRANT_TYPE, subject_token: 'x' }).toString(),
      });
      expect(res.status).toBe(400);
      expect(((await res.json()) as { error: string }).error).toBe('unsupported_grant_type');
    } finally {
      await closed.close();
    }
  });
});
