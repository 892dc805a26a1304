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
import {
  authenticate,
  claimsOf,
  DEMO_ACCOUNTS,
  findDemoAccount,
  proConnectClaimsOf,
  PROCONNECT_DEMO_ACCOUNTS,
  type DemoAccount,
} from './accounts.js';
import { createMemoryAdapter } from './memory-adapter.js';
import { errorPage, loggedOutPage, loginPage, logoutPage, type Page } from './pages.js';
import {
  DEMO_NEXTCLOUD_AUDIENCE,
  keepExchangedAudience,
  registerTokenExchange,
  TOKEN_EXCHANGE_GRANT_TYPE,
} from './token-exchange.js';

export { DEMO_ACCOUNTS, DEMO_IDP_IDS, DEMO_SIRETS, PROCONNECT_DEMO_ACCOUNTS, type DemoAccount } from './accounts.js';
export { ACCESS_TOKEN_TYPE, DEMO_NEXTCLOUD_AUDIENCE, TOKEN_EXCHANGE_GRANT_TYPE } from './token-exchange.js';

export interface DevIdpClient {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  postLogoutRedirectUris: string[];
  /** OpenID Connect Back-Channel Logout: where to POST logout tokens when the person signs out here. */
  backchannelLogoutUri?: string;
}

/**
 * `standard`: like LemonLDAP::NG (groups and collectivité in the ID token). `proconnect`: like the
 * State's ProConnect federation: the « identité pivot » (given_name, usual_name, email, uid, siret,
 * idp_id) only at userinfo, answered as a signed JWT (RS256); no groups; `nonce` and `state` of at
 * least 32 characters required at authorization, `state` at end_session; acr `eidas1`; access
 * tokens of one minute and no refresh token; the accounts of PROCONNECT_DEMO_ACCOUNTS.
 */
export type DevIdpProfile = 'standard' | 'proconnect';

export interface DevIdpOptions {
  /** Default 'standard'. */
  profile?: DevIdpProfile;
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
  /** Access token lifetime; default 3600 s (60 s in the ProConnect profile, as ProConnect). */
  accessTokenTtlSeconds?: number;
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
  const profile = options.profile ?? 'standard';
  const exchangeAudiences = options.tokenExchangeAudiences ?? (profile === 'standard' ? [DEMO_NEXTCLOUD_AUDIENCE] : []);
  const accounts = profile === 'proconnect' ? PROCONNECT_DEMO_ACCOUNTS : DEMO_ACCOUNTS;
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
    provider = new Provider(issuer, configuration(options, jwks, exchangeAudiences.length > 0, profile, accounts));
  } catch (err) {
    await close();
    throw err;
  }
  if (exchangeAudiences.length > 0) registerTokenExchange(provider, exchangeAudiences);
  if (profile === 'proconnect') requireProConnectParameters(provider);
  const callback = provider.callback();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', issuer).pathname;
    if (path.startsWith('/interaction/')) void handleInteraction(provider, path, req, res, profile, accounts);
    else void callback(req, res);
  });
  return { issuer, close };
}

const PROCONNECT_CLAIMS = ['given_name', 'usual_name', 'email', 'uid', 'siret', 'idp_id'] as const;

function configuration(
  options: DevIdpOptions,
  jwks: { keys: object[] },
  tokenExchange: boolean,
  profile: DevIdpProfile,
  accounts: readonly DemoAccount[],
): Configuration {
  const proconnect = profile === 'proconnect';
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
      // ProConnect issues no refresh token.
      grant_types: [
        'authorization_code',
        ...(proconnect ? [] : ['refresh_token']),
        ...(tokenExchange ? [TOKEN_EXCHANGE_GRANT_TYPE] : []),
      ],
      response_types: ['code'],
      id_token_signed_response_alg: 'RS256',
      // ProConnect answers userinfo as a JWT signed with the algorithm registered for the client.
      ...(proconnect ? { userinfo_signed_response_alg: 'RS256' } : {}),
      // oidc-provider also accepts client_secret_post from a client registered for basic.
      token_endpoint_auth_method: 'client_secret_basic',
    })),
    clientAuthMethods: ['client_secret_basic', 'client_secret_post'],
    // The typings want public-key JWK members; private JWKs are what oidc-provider needs here.
    jwks: jwks as { keys: JWK[] },
    cookies: { keys: options.cookieKeys ?? [randomBytes(32).toString('base64url')] },
    // ProConnect: one scope per claim.
    claims: proconnect
      ? { openid: ['sub'], ...Object.fromEntries(PROCONNECT_CLAIMS.map((claim) => [claim, [claim]])) }
      : {
          openid: ['sub'],
          profile: ['name', 'given_name', 'family_name', 'preferred_username'],
          email: ['email'],
          groups: ['groups', 'collectivite', 'employeeNumber'],
        },
    // LemonLDAP::NG puts the scope claims in the ID token too, and the BFF reads them there;
    // ProConnect gives them at userinfo only.
    conformIdTokenClaims: proconnect,
    ...(proconnect ? { acrValues: ['eidas1'] } : {}),
    extraTokenClaims: keepExchangedAudience,
    responseTypes: ['code'],
    // oidc-provider requires PKCE only for public clients by default.
    pkce: { required: () => true },
    // Like LemonLDAP::NG: a refresh token even without offline_access (then tied to the IdP
    // session), and the same refresh token kept for the whole session.
    issueRefreshToken: (_ctx, client) => !proconnect && client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: false,
    features: {
      devInteractions: { enabled: false },
      jwtUserinfo: { enabled: proconnect },
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
      const account = findDemoAccount(sub, accounts);
      return (
        account && { accountId: sub, claims: () => (proconnect ? proConnectClaimsOf(account) : claimsOf(account)) }
      );
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
      AccessToken: options.accessTokenTtlSeconds ?? (proconnect ? 60 : 3600),
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

/**
 * ProConnect refuses an authorization request without `state` and `nonce` (32 characters at least)
 * and a logout request without `state`: so does this profile, so that tests see Pléiade send them.
 */
function requireProConnectParameters(provider: Provider) {
  provider.use(async (ctx, next) => {
    const query = ctx.query;
    const value = (name: string) => (typeof query[name] === 'string' ? query[name] : '');
    const missing =
      ctx.method === 'GET' && ctx.path === '/auth'
        ? ['state', 'nonce'].filter((name) => value(name).length < 32)
        : ctx.method === 'GET' && ctx.path === '/session/end'
          ? ['state'].filter((name) => value(name) === '')
          : [];
    if (missing.length > 0) {
      ctx.status = 400;
      render(ctx, errorPage('La demande est incomplète.', `${missing.join(', ')} manquant ou trop court`));
      return;
    }
    await next();
  });
}

function render(ctx: Pick<KoaContextWithOIDC, 'set' | 'type' | 'body'>, page: Page) {
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
async function handleInteraction(
  provider: Provider,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
  profile: DevIdpProfile,
  accounts: readonly DemoAccount[],
) {
  const login = (username: string, failed: boolean) =>
    loginPage({
      action: path,
      username,
      failed,
      accounts,
      service: profile === 'proconnect' ? 'proconnect' : 'pleiade',
    });
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
      send(res, 200, login('', false));
      return;
    }
    if (req.method !== 'POST') {
      res.writeHead(405, { Allow: 'GET, POST' }).end();
      return;
    }
    const form = await readForm(req);
    const username = form.get('username') ?? '';
    const account = authenticate(username, form.get('password') ?? '', accounts);
    if (!account) {
      send(res, 200, login(username, true));
      return;
    }
    await provider.interactionFinished(
      req,
      res,
      // ProConnect's lowest level (eIDAS « faible »), a password.
      { login: { accountId: account.username, ...(profile === 'proconnect' ? { acr: 'eidas1', amr: ['pwd'] } : {}) } },
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
