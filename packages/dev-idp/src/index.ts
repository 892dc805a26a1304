import { generateKeyPair, randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { promisify } from 'node:util';
import Provider, {
  errors,
  type ClientMetadata,
  type Configuration,
  type JWK,
  type KoaContextWithOIDC,
} from 'oidc-provider';
import { authenticate, claimsOf, DEMO_ACCOUNTS, findDemoAccount } from './accounts.js';
import { createMemoryAdapter } from './memory-adapter.js';
import { errorPage, loggedOutPage, loginPage, logoutPage, type Page } from './pages.js';
import {
  DEMO_NEXTCLOUD_AUDIENCE,
  keepExchangedAudience,
  registerTokenExchange,
  TOKEN_EXCHANGE_GRANT_TYPE,
} from './token-exchange.js';

export { DEMO_ACCOUNTS, type DemoAccount } from './accounts.js';
export { ACCESS_TOKEN_TYPE, DEMO_NEXTCLOUD_AUDIENCE, TOKEN_EXCHANGE_GRANT_TYPE } from './token-exchange.js';

export interface DevIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** OpenID Connect Back-Channel Logout: where to POST logout tokens when the person signs out here. */
  backchannelLogoutUri?: string;
}

export interface DevIdpOptions {
  /** 0 = random free port */
  port: number;
  /** Listen address, default '127.0.0.1'. */
  host?: string;
  /** Host name in the issuer URL, default 'localhost'. */
  publicHost?: string;
  clients: DevIdpClient[];
  /** Private signing keys (JWK); when absent, one RS256 key is generated. */
  jwks?: { keys: object[] };
  /** When absent, random. */
  cookieKeys?: string[];
  /**
   * Audiences a client may ask for with the token exchange grant (RFC 8693), default
   * [DEMO_NEXTCLOUD_AUDIENCE]; an empty list turns the grant off.
   */
  tokenExchangeAudiences?: readonly string[];
}

export interface DevIdp {
  issuer: string;
  close(): Promise<void>;
}

const DAY = 24 * 60 * 60;

/** One RS256 key, to be persisted by the caller so that tokens survive a restart. */
export async function generateDevIdpJwks(): Promise<{ keys: object[] }> {
  const { privateKey } = await promisify(generateKeyPair)('rsa', { modulusLength: 2048 });
  return { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: randomUUID(), alg: 'RS256', use: 'sig' }] };
}

export async function startDevIdp(options: DevIdpOptions): Promise<DevIdp> {
  const jwks = options.jwks ?? (await generateDevIdpJwks());
  const exchangeAudiences = options.tokenExchangeAudiences ?? [DEMO_NEXTCLOUD_AUDIENCE];
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const close = () =>
    new Promise<void>((resolve, reject) => {
      server.close((err) => (err ? reject(err) : resolve()));
      // close() only ends idle keep-alive sockets; a request still in flight would hold it open.
      server.closeAllConnections();
    });

  // The issuer holds the real port, known only once listening.
  const { port } = server.address() as AddressInfo;
  const issuer = `http://${options.publicHost ?? 'localhost'}:${port}`;
  let provider: Provider;
  try {
    provider = new Provider(issuer, configuration(options, jwks, exchangeAudiences.length > 0));
  } catch (err) {
    await close();
    throw err;
  }
  if (exchangeAudiences.length > 0) registerTokenExchange(provider, exchangeAudiences);
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path.startsWith('/interaction/')) void handleInteraction(provider, path, req, res);
    else void callback(req, res);
  });
  return { issuer, close };
}

function configuration(options: DevIdpOptions, jwks: { keys: object[] }, tokenExchange: boolean): Configuration {
  return {
    adapter: createMemoryAdapter(),
    clients: options.clients.map((c): ClientMetadata => ({
      client_id: c.clientId,
      client_secret: c.clientSecret,
      redirect_uris: c.redirectUris,
      post_logout_redirect_uris: c.postLogoutRedirectUris,
      // With a back-channel URI, ID tokens carry `sid` and logout tokens are sent at sign-out.
      ...(c.backchannelLogoutUri
        ? { backchannel_logout_uri: c.backchannelLogoutUri, backchannel_logout_session_required: true }
        : {}),
      grant_types: ['authorization_code', 'refresh_token', ...(tokenExchange ? [TOKEN_EXCHANGE_GRANT_TYPE] : [])],
      response_types: ['code'],
      // oidc-provider also accepts client_secret_post from a client registered for basic.
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    // The typings want public-key JWK members; private JWKs are what oidc-provider needs here.
    jwks: jwks as { keys: JWK[] },
    cookies: { keys: options.cookieKeys ?? [randomBytes(32).toString('base64url')] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'given_name', 'family_name', 'preferred_username'],
      email: ['email'],
      groups: ['groups', 'collectivite'],
    },
    // LemonLDAP::NG puts the scope claims in the ID token too, and the BFF reads them there.
    conformIdTokenClaims: false,
    extraTokenClaims: keepExchangedAudience,
    responseTypes: ['code'],
    // oidc-provider requires PKCE only for public clients by default.
    pkce: { required: () => true },
    // Like LemonLDAP::NG: a refresh token even without offline_access (then tied to the IdP
    // session), and the same refresh token kept for the whole session.
    issueRefreshToken: (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: false,
    features: {
      devInteractions: { enabled: false },
      // For resource servers that check a token's audience (exchanged tokens carry `aud`).
      // Any registered, authenticated client may introspect (there are no public clients here).
      introspection: { enabled: true, allowedPolicy: (_ctx, client) => client.clientAuthMethod !== 'none' },
      backchannelLogout: { enabled: options.clients.some((c) => c.backchannelLogoutUri !== undefined) },
      rpInitiatedLogout: {
        enabled: true,
        // oidc-provider has already validated the hint and the post_logout_redirect_uri here.
        logoutSource: (ctx, form) => render(ctx, logoutPage(form, ctx.oidc.params?.id_token_hint !== undefined)),
        postLogoutSuccessSource: (ctx) => render(ctx, loggedOutPage()),
      },
    },
    findAccount: (_ctx, sub) => {
      const account = findDemoAccount(sub);
      return account && { accountId: sub, claims: () => claimsOf(account) };
    },
    loadExistingGrant: grantEverythingRequested,
    renderError: (ctx, out) => {
      const message =
        out.error === 'server_error'
          ? 'Erreur interne du fournisseur d’identité de démonstration.'
          : 'La demande d’authentification ou de déconnexion est invalide.';
      render(ctx, errorPage(message, out.error_description ?? out.error));
    },
    // Explicit values, also to silence oidc-provider's "you SHOULD change this" notices.
    clientBasedCORS: () => false,
    ttl: {
      AccessToken: 3600,
      AuthorizationCode: 60,
      IdToken: 3600,
      Interaction: 3600,
      Session: DAY,
      // 30 days, like LemonLDAP::NG's offline tokens.
      RefreshToken: 30 * DAY,
      Grant: 30 * DAY,
    },
  };
}

/**
 * Automatic consent, as for a first-party application: the grant always holds every scope and
 * claim of the current request, so oidc-provider's consent prompt never has anything to ask.
 */
async function grantEverythingRequested(ctx: KoaContextWithOIDC) {
  const { oidc } = ctx;
  const { Grant } = oidc.provider;
  const clientId = oidc.client?.clientId;
  const accountId = oidc.session?.accountId;
  if (clientId === undefined || accountId === undefined) return undefined;
  const grantId = oidc.result?.consent?.grantId ?? oidc.session?.grantIdFor(clientId);
  const existing = grantId ? await Grant.find(grantId) : undefined;
  // A grant of another account (someone else signed in with prompt=login) is not reused.
  const grant = existing?.accountId === accountId ? existing : new Grant({ accountId, clientId });
  // oidc-provider 8 has requestParamOIDCScopes (the request's OpenID scopes); its typings lag behind.
  const { requestParamOIDCScopes } = oidc as typeof oidc & { requestParamOIDCScopes: Set<string> };
  grant.addOIDCScope([...requestParamOIDCScopes].join(' '));
  if (oidc.requestParamClaims.size > 0) grant.addOIDCClaims([...oidc.requestParamClaims]);
  await grant.save();
  return grant;
}

function render(ctx: KoaContextWithOIDC, page: Page) {
  ctx.set('Content-Security-Policy', page.csp);
  ctx.type = 'html';
  ctx.body = page.html;
}

function send(res: ServerResponse, status: number, page: Page) {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Security-Policy': page.csp,
    'Cache-Control': 'no-store',
    // The URL holds the interaction id.
    'Referrer-Policy': 'no-referrer',
  });
  res.end(page.html);
}

class BodyTooLarge extends Error {}

async function readForm(req: IncomingMessage): Promise<URLSearchParams> {
  req.setEncoding('utf8');
  let body = '';
  for await (const chunk of req) {
    body += chunk;
    if (body.length > 10_000) throw new BodyTooLarge();
  }
  return new URLSearchParams(body);
}

/** GET shows the login form; POST checks it. Only /interaction/<uid> exists. */
async function handleInteraction(provider: Provider, path: string, req: IncomingMessage, res: ServerResponse) {
  try {
    const details = await provider.interactionDetails(req, res);
    // The interaction cookie is scoped to this path, so another uid means a stale tab.
    if (path !== `/interaction/${details.uid}`) throw new errors.SessionNotFound('interaction mismatch');

    if (details.prompt.name === 'consent') {
      // Only reached with prompt=consent: the grant is filled in by grantEverythingRequested.
      await provider.interactionFinished(req, res, { consent: {} });
      return;
    }
    if (details.prompt.name !== 'login') {
      send(res, 400, errorPage('Cette étape de connexion n’est pas prise en charge.', details.prompt.name));
      return;
    }
    if (req.method === 'GET') {
      send(res, 200, loginPage({ action: path, username: '', failed: false, accounts: DEMO_ACCOUNTS }));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'GET, POST' }).end();
      return;
    }
    const form = await readForm(req);
    const username = form.get('username') ?? '';
    const account = authenticate(username, form.get('password') ?? '');
    if (!account) {
      send(res, 200, loginPage({ action: path, username, failed: true, accounts: DEMO_ACCOUNTS }));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId: account.username } },
      { mergeWithLastSubmission: false },
    );
  } catch (err) {
    if (res.headersSent) return;
    if (err instanceof errors.SessionNotFound) {
      send(res, 400, errorPage('Cette demande de connexion a expiré. Recommencez depuis l’application.'));
    } else if (err instanceof BodyTooLarge) {
      send(res, 413, errorPage('Le formulaire envoyé est trop volumineux.'));
    } else {
      // A bug, not a user mistake: worth one line on the console (never the form content).
      console.error('dev-idp: interaction failed', err);
      send(res, 500, errorPage('Erreur interne du fournisseur d’identité de démonstration.'));
    }
  }
}
