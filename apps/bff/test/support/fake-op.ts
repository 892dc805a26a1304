import { createHash, generateKeyPairSync, randomBytes, sign, type KeyObject } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestBrowser } from './http-client.js';

/*
 * A deliberately small OpenID Provider for security tests: discovery, JWKS, an authorization endpoint
 * that answers at once (no login page), a token endpoint whose ID token is crafted per scenario, and
 * an end-session endpoint. It checks what a real provider checks (client, redirect_uri, single-use
 * code, PKCE S256), so that the tests see the BFF's behaviour and not the provider's leniency.
 *
 * JWTs are built with node:crypto: `jose` (openid-client's dependency) is not resolvable from
 * apps/bff under pnpm's strict layout, and RS256 is a few lines.
 */

/** What the token endpoint's ID token looks like. */
export type IdTokenScenario =
  /** Well-formed, signed by the key in the JWKS: sign-in must work (control). */
  | 'valid'
  /** Signed by another key, under the kid of the published key (forged token). */
  | 'signed-by-another-key'
  /** A valid token whose payload was changed after signing (here: made an administrator). */
  | 'payload-altered-after-signing'
  /** `alg: none`, empty signature. */
  | 'unsigned-alg-none'
  | 'expired'
  | 'wrong-audience'
  | 'wrong-issuer'
  | 'wrong-nonce'
  | 'missing-nonce';

/** How the userinfo endpoint answers (ProConnect answers a JWT signed by a key of its JWKS). */
export type UserinfoScenario =
  /** A JWT signed by the key in the JWKS: sign-in must work (control). */
  | 'signed-jwt'
  /** Signed by another key, under the kid of the published key (forged). */
  | 'signed-by-another-key'
  /** A valid JWT whose payload was changed after signing (here: another SIRET). */
  | 'payload-altered-after-signing'
  /** `alg: none`, empty signature. */
  | 'unsigned-alg-none'
  /** Plain JSON, not a JWT. */
  | 'plain-json';

export interface FakeOpOptions {
  clientId?: string;
  clientSecret?: string;
  /** `id_token_signing_alg_values_supported` in discovery. */
  idTokenSigningAlgs?: string[];
}

/** One authorization request as received (query parameters). */
export type AuthorizationRequest = Record<string, string>;

/** One token request as received, with the provider's PKCE verdict. */
export interface TokenRequest {
  params: Record<string, string>;
  codeChallenge: string | undefined;
  /** BASE64URL(SHA-256(code_verifier)) === the code_challenge of the authorization request. */
  pkceVerified: boolean;
  /** Whether the provider issued tokens. */
  accepted: boolean;
}

export interface FakeOp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** The ID token the next token request gets. */
  scenario: IdTokenScenario;
  /** Claims of the person signing in (sub, collectivite, groups…), merged into the ID token. */
  claims: Record<string, unknown>;
  /** expires_in of the access tokens it issues (no refresh token: the session ends with it). */
  accessTokenSeconds: number;
  /** How the next userinfo request is answered. */
  userinfoScenario: UserinfoScenario;
  /** What userinfo says of the person (sub is the ID token's). */
  userinfoClaims: Record<string, unknown>;
  /** Userinfo requests with a valid access token. */
  userinfoRequests: number;
  readonly authorizationRequests: AuthorizationRequest[];
  readonly tokenRequests: TokenRequest[];
  /** Lets a test deliver the code of one authorization to another browser's callback. */
  readonly issuedCodes: { code: string; state: string | undefined }[];
  /** A Back-Channel Logout 1.0 logout token for this provider's client, crafted per `signing`. */
  logoutToken(claims: { sid?: string; sub?: string }, signing?: LogoutTokenSigning): string;
  close(): Promise<void>;
}

export type LogoutTokenSigning = 'valid' | 'signed-by-another-key' | 'unsigned-alg-none';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

interface PendingCode {
  clientId: string;
  redirectUri: string;
  nonce: string | undefined;
  codeChallenge: string | undefined;
  codeChallengeMethod: string | undefined;
  scope: string;
}

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');
const json64 = (value: unknown) => b64url(JSON.stringify(value));

function signRs256(header: Record<string, unknown>, payload: Record<string, unknown>, key: KeyObject): string {
  const input = `${json64(header)}.${json64(payload)}`;
  return `${input}.${b64url(sign('sha256', Buffer.from(input), key))}`;
}

export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url');
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function sendJson(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
  res.end(JSON.stringify(body));
}

export async function startFakeOp(options: FakeOpOptions = {}): Promise<FakeOp> {
  const clientId = options.clientId ?? 'pleiade-test';
  const clientSecret = options.clientSecret ?? 'fake-op-client-secret';
  const kid = 'fake-op-key-1';
  const key = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...key.publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const codes = new Map<string, PendingCode>();
  const accessTokens = new Set<string>();
  let issuer = '';

  const op: FakeOp = {
    get issuer() {
      return issuer;
    },
    clientId,
    clientSecret,
    scenario: 'valid',
    claims: { sub: 'agent-fake', name: 'Agent Témoin', collectivite: 'demo-a', groups: ['agents'] },
    accessTokenSeconds: 300,
    userinfoScenario: 'signed-jwt',
    userinfoClaims: {},
    userinfoRequests: 0,
    authorizationRequests: [],
    tokenRequests: [],
    issuedCodes: [],
    logoutToken(claims, signing = 'valid') {
      const now = Math.floor(Date.now() / 1000);
      const payload = {
        ...claims,
        iss: issuer,
        aud: clientId,
        iat: now,
        exp: now + 120,
        jti: randomBytes(16).toString('base64url'),
        events: { [BACKCHANNEL_EVENT]: {} },
      };
      const header = { alg: 'RS256', typ: 'logout+jwt', kid };
      if (signing === 'unsigned-alg-none') return `${json64({ alg: 'none', typ: 'logout+jwt' })}.${json64(payload)}.`;
      return signRs256(header, payload, signing === 'valid' ? key.privateKey : otherKey.privateKey);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };

  function idToken(pending: PendingCode): string {
    const now = Math.floor(Date.now() / 1000);
    const header = { alg: 'RS256', typ: 'JWT', kid };
    const payload: Record<string, unknown> = {
      ...op.claims,
      iss: issuer,
      aud: pending.clientId,
      iat: now,
      exp: now + 300,
      ...(pending.nonce !== undefined ? { nonce: pending.nonce } : {}),
    };
    switch (op.scenario) {
      case 'valid':
        return signRs256(header, payload, key.privateKey);
      case 'signed-by-another-key':
        return signRs256(header, payload, otherKey.privateKey);
      case 'payload-altered-after-signing': {
        const [head, , signature] = signRs256(header, payload, key.privateKey).split('.');
        const groups = Array.isArray(op.claims.groups) ? op.claims.groups : [];
        const altered = { ...payload, groups: [...groups, 'admins-demo-a', 'pleiade-operators'] };
        return `${head}.${json64(altered)}.${signature}`;
      }
      case 'unsigned-alg-none':
        return `${json64({ alg: 'none', typ: 'JWT' })}.${json64(payload)}.`;
      case 'expired':
        return signRs256(header, { ...payload, iat: now - 7200, exp: now - 3600 }, key.privateKey);
      case 'wrong-audience':
        return signRs256(header, { ...payload, aud: 'another-client' }, key.privateKey);
      case 'wrong-issuer':
        return signRs256(header, { ...payload, iss: 'https://evil.example' }, key.privateKey);
      case 'wrong-nonce':
        return signRs256(header, { ...payload, nonce: randomBytes(16).toString('base64url') }, key.privateKey);
      case 'missing-nonce': {
        const { nonce: _nonce, ...withoutNonce } = payload;
        return signRs256(header, withoutNonce, key.privateKey);
      }
    }
  }

  function userinfo(req: http.IncomingMessage, res: http.ServerResponse) {
    const token = /^Bearer (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!token || !accessTokens.has(token)) {
      res.writeHead(401, { 'www-authenticate': 'Bearer error="invalid_token"' }).end();
      return;
    }
    op.userinfoRequests += 1;
    const now = Math.floor(Date.now() / 1000);
    const payload = { sub: op.claims.sub, ...op.userinfoClaims, iss: issuer, aud: clientId, iat: now, exp: now + 60 };
    const header = { alg: 'RS256', typ: 'JWT', kid };
    const jwt = (body: string) => {
      res.writeHead(200, { 'content-type': 'application/jwt; charset=utf-8', 'cache-control': 'no-store' });
      res.end(body);
    };
    switch (op.userinfoScenario) {
      case 'signed-jwt':
        return jwt(signRs256(header, payload, key.privateKey));
      case 'signed-by-another-key':
        return jwt(signRs256(header, payload, otherKey.privateKey));
      case 'payload-altered-after-signing': {
        const [head, , signature] = signRs256(header, payload, key.privateKey).split('.');
        return jwt(`${head}.${json64({ ...payload, siret: '24990002800013' })}.${signature}`);
      }
      case 'unsigned-alg-none':
        return jwt(`${json64({ alg: 'none', typ: 'JWT' })}.${json64(payload)}.`);
      case 'plain-json':
        return sendJson(res, 200, payload);
    }
  }

  function authorize(url: URL, res: http.ServerResponse) {
    const params = Object.fromEntries(url.searchParams);
    op.authorizationRequests.push(params);
    const redirectUri = params.redirect_uri;
    if (params.client_id !== clientId || !redirectUri || params.response_type !== 'code') {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('invalid authorization request');
      return;
    }
    if (params.code_challenge_method !== 'S256' || !params.code_challenge) {
      res.writeHead(400, { 'content-type': 'text/plain' }).end('PKCE S256 required');
      return;
    }
    const code = randomBytes(24).toString('base64url');
    codes.set(code, {
      clientId,
      redirectUri,
      nonce: params.nonce,
      codeChallenge: params.code_challenge,
      codeChallengeMethod: params.code_challenge_method,
      scope: params.scope ?? '',
    });
    op.issuedCodes.push({ code, state: params.state });
    const back = new URL(redirectUri);
    back.searchParams.set('code', code);
    if (params.state !== undefined) back.searchParams.set('state', params.state);
    res.writeHead(302, { location: back.href }).end();
  }

  async function token(req: http.IncomingMessage, res: http.ServerResponse) {
    const params = Object.fromEntries(new URLSearchParams(await readBody(req)));
    const basic = /^Basic (.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const [basicId, basicSecret] = basic
      ? Buffer.from(basic, 'base64')
          .toString('utf8')
          .split(':')
          .map((part) => decodeURIComponent(part))
      : [params.client_id, params.client_secret];
    const pending = params.code ? codes.get(params.code) : undefined;
    if (params.code) codes.delete(params.code); // single use
    const pkceVerified =
      pending?.codeChallenge !== undefined &&
      params.code_verifier !== undefined &&
      s256(params.code_verifier) === pending.codeChallenge;
    const record: TokenRequest = { params, codeChallenge: pending?.codeChallenge, pkceVerified, accepted: false };
    op.tokenRequests.push(record);
    if (basicId !== clientId || basicSecret !== clientSecret) {
      sendJson(res, 401, { error: 'invalid_client' });
      return;
    }
    if (params.grant_type !== 'authorization_code' || !pending || params.redirect_uri !== pending.redirectUri) {
      sendJson(res, 400, { error: 'invalid_grant' });
      return;
    }
    if (!pkceVerified) {
      sendJson(res, 400, { error: 'invalid_grant', error_description: 'PKCE verification failed' });
      return;
    }
    record.accepted = true;
    const accessToken = randomBytes(24).toString('base64url');
    accessTokens.add(accessToken);
    sendJson(res, 200, {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: op.accessTokenSeconds,
      scope: pending.scope,
      id_token: idToken(pending),
    });
  }

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (req.method === 'GET' && url.pathname === '/.well-known/openid-configuration') {
      sendJson(res, 200, {
        issuer,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        jwks_uri: `${issuer}/jwks`,
        userinfo_endpoint: `${issuer}/userinfo`,
        userinfo_signing_alg_values_supported: ['RS256'],
        end_session_endpoint: `${issuer}/logout`,
        response_types_supported: ['code'],
        grant_types_supported: ['authorization_code'],
        subject_types_supported: ['public'],
        scopes_supported: ['openid', 'profile', 'email', 'groups'],
        id_token_signing_alg_values_supported: options.idTokenSigningAlgs ?? ['RS256'],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        code_challenge_methods_supported: ['S256'],
      });
    } else if (req.method === 'GET' && url.pathname === '/jwks') {
      sendJson(res, 200, { keys: [jwk] });
    } else if (req.method === 'GET' && url.pathname === '/userinfo') {
      userinfo(req, res);
    } else if (req.method === 'GET' && url.pathname === '/authorize') {
      authorize(url, res);
    } else if (req.method === 'POST' && url.pathname === '/token') {
      token(req, res).catch(() => sendJson(res, 500, { error: 'server_error' }));
    } else if (url.pathname === '/logout') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('signed out');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return op;
}

/**
 * The sign-in round trip against the fake provider, step by step: BFF /auth/login → provider's
 * authorize (answers at once) → BFF /auth/callback. Returns the callback's response, complete but
 * still readable.
 * `headers` go to the BFF's requests only (e.g. X-Forwarded-Proto); `rewriteCallback` maps the
 * callback URL the provider redirects to onto the address the BFF really listens on.
 */
export async function signInThroughFakeOp(
  browser: TestBrowser,
  baseUrl: string,
  init: { headers?: Record<string, string>; rewriteCallback?: (url: string) => string } = {},
): Promise<{ login: Response; callback: Response }> {
  const login = await browser.request(`${baseUrl}/auth/login`, { headers: init.headers });
  const authorizeUrl = login.headers.get('location');
  if (login.status !== 302 || !authorizeUrl) throw new Error(`/auth/login answered ${login.status}, not a redirect`);
  const authorize = await browser.request(authorizeUrl);
  const callbackUrl = authorize.headers.get('location');
  if (authorize.status !== 302 || !callbackUrl) {
    throw new Error(
      `the fake provider refused the authorization request (${authorize.status}): ${await authorize.text()}`,
    );
  }
  const callback = await browser.request(init.rewriteCallback ? init.rewriteCallback(callbackUrl) : callbackUrl, {
    headers: init.headers,
  });
  // Wait for the whole response, as signIn() does: express-session finishes saving the session
  // before the last byte of the body, not before the headers (and the new cookie) are sent.
  await callback.clone().arrayBuffer();
  return { login, callback };
}
