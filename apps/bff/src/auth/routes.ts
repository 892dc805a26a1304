import {
  Router,
  type CookieOptions,
  type NextFunction,
  type Request,
  type RequestHandler,
  type Response,
} from 'express';
import type { Passport } from 'passport';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import * as client from 'openid-client';
import type { LoginStateCookie } from './login-state.js';
import type { OidcProvider } from './oidc.js';
import type { SessionUser, SignInResult } from './principal.js';
import type { SessionIndex } from './session-index.js';
import type { TokenKeeper } from './session-layer.js';
import { identifySignIn } from './sign-in.js';
import { pageLanguageOf, renderAuthProblemPage, renderProviderChoicePage, type AuthProblem } from './problem-page.js';
import { loadPrincipal, provisionUser } from './users.js';
import { principalTags, type HotPath } from '../db/hot-path.js';
import { waitBeforeEnd } from '../http/own-writes.js';

/**
 * Whether a state-changing navigation comes from our own pages. Browsers send Sec-Fetch-Site;
 * older ones only Origin (which is "null" under our no-referrer policy, hence Sec-Fetch-Site first).
 */
export function isSameOriginRequest(req: Request, publicUrl: string): boolean {
  const fetchSite = req.get('sec-fetch-site');
  if (fetchSite) return fetchSite === 'same-origin';
  const origin = req.get('origin');
  return origin === undefined || origin === new URL(publicUrl).origin;
}

interface AuthRoutesOptions {
  authenticator: InstanceType<typeof Passport>;
  /** Where a sign-in in progress waits for the callback (a sealed, short-lived cookie). */
  loginStates: LoginStateCookie;
  db: Db;
  providers: OidcProvider[];
  tokens: TokenKeeper;
  index: SessionIndex;
  /** The process caches of the request path: the person is read from there. */
  hot?: HotPath;
  /** Called once a person is signed in (session saved), not awaited: background preparations. */
  onSignedIn?: (req: Request) => void;
  publicUrl: string;
  sessionCookieName: string;
  sessionCookieOptions: CookieOptions;
  logger: Logger;
}

/**
 * Sign-in (one or several OpenID providers): the authorization-code flow with PKCE S256, state and
 * nonce through openid-client, the sign-in state in a sealed cookie until the callback; then
 * passport keeps only { userId, providerId } in the server-side session, and the tokens sealed
 * beside them. Sign-out too.
 */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { authenticator: passport, db, providers, tokens: tokenKeeper, index, publicUrl, logger } = options;
  const { loginStates } = options;
  const byId = new Map(providers.map((provider) => [provider.settings.id, provider]));
  const callbackUrl = `${publicUrl}/auth/callback`;

  passport.serializeUser<SessionUser>((user, done) => {
    // Only ids: tokens go sealed into the session (TokenKeeper), the profile is reloaded per request.
    done(null, { userId: user.userId, providerId: user.providerId });
  });
  passport.deserializeUser<SessionUser>((stored, done) => {
    const userId = stored.userId;
    // Kept in this process: answered at once, without a promise (every signed-in request asks).
    const kept = options.hot?.principals.hit(userId);
    if (kept !== undefined) {
      done(null, kept ? { ...stored, ...kept } : false);
      return;
    }
    const load = () => loadPrincipal(db, userId).then((principal) => principal ?? null);
    (options.hot ? options.hot.principals.read(userId, (loaded) => principalTags(userId, loaded), load) : load())
      .then((principal) => done(null, principal ? { ...stored, ...principal } : false))
      .catch(done);
  });

  function sendProblem(res: Response, problem: AuthProblem, status: number) {
    res
      .status(status)
      .type('html')
      .send(renderAuthProblemPage(problem, pageLanguageOf(res.req)));
  }

  /** The provider's configuration (discovered once), or a French page when it cannot be reached. */
  async function configurationOf(provider: OidcProvider, res: Response): Promise<client.Configuration | undefined> {
    try {
      return await provider.configurationPromise;
    } catch (error) {
      logger.error({ err: error, provider: provider.settings.id }, 'OIDC discovery failed');
      sendProblem(res, 'IDP_UNREACHABLE', 503);
      return undefined;
    }
  }

  /**
   * Who the provider's tokens name, provisioned; or why they cannot sign in. Throws when the answer
   * cannot be trusted (identifySignIn): the callback then refuses it like any invalid answer.
   */
  async function signInResultOf(
    provider: OidcProvider,
    tokens: client.TokenEndpointResponse & client.TokenEndpointResponseHelpers,
  ): Promise<SignInResult | { problem: string }> {
    const signIn = await identifySignIn(db, provider, tokens, logger);
    if (!signIn.ok) return { problem: signIn.problem };
    const result = await provisionUser(db, signIn.identity);
    if (!result.ok) return { problem: result.problem };
    return {
      userId: result.userId,
      providerId: provider.settings.id,
      tokens: signIn.tokens,
      subject: signIn.identity.subject,
      ...(signIn.oidcSid !== undefined ? { oidcSid: signIn.oidcSid } : {}),
    };
  }

  const router = Router();

  router.get('/login', async (req, res, next) => {
    if (req.isAuthenticated()) {
      res.redirect(303, '/');
      return;
    }
    const requested = typeof req.query.provider === 'string' ? req.query.provider : undefined;
    const provider = requested ? byId.get(requested) : providers.length === 1 ? providers[0] : undefined;
    if (!provider) {
      res
        .status(requested ? 404 : 200)
        .type('html')
        .send(
          renderProviderChoicePage(
            providers.map((p) => ({ id: p.settings.id, label: p.settings.label })),
            pageLanguageOf(req),
          ),
        );
      return;
    }
    const configuration = await configurationOf(provider, res);
    if (!configuration) return;
    try {
      const codeVerifier = client.randomPKCECodeVerifier();
      const state = client.randomState();
      const nonce = client.randomNonce();
      const authorization = client.buildAuthorizationUrl(configuration, {
        // What this provider asks besides (ProConnect's acr_values); the standard ones below win.
        ...provider.authorizationParams,
        redirect_uri: callbackUrl,
        scope: provider.settings.scopes,
        code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
        code_challenge_method: 'S256',
        state,
        nonce,
      });
      loginStates.write(res, { providerId: provider.settings.id, state, nonce, codeVerifier });
      res.redirect(302, authorization.href);
    } catch (error) {
      next(error);
    }
  });

  router.get('/callback', async (req: Request, res: Response, next: NextFunction) => {
    // The sign-in writes the person (role, groups, collectivité): the page it leads to must read them.
    if (options.hot?.invalidations) waitBeforeEnd(res, options.hot.invalidations);
    // Single use: whatever happens next, this browser's sign-in state is spent.
    const pending = loginStates.read(req);
    loginStates.clear(res);
    const provider = pending ? byId.get(pending.providerId) : undefined;
    if (!pending || !provider) {
      sendProblem(res, 'CALLBACK_FAILED', 400);
      return;
    }
    const configuration = await configurationOf(provider, res);
    if (!configuration) return;
    let result: SignInResult | { problem: string };
    try {
      // The provider's answer, read against our own callback address (never the Host header).
      const answer = new URL(callbackUrl);
      answer.search = new URL(req.originalUrl, callbackUrl).search;
      const tokens = await client.authorizationCodeGrant(configuration, answer, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      result = await signInResultOf(provider, tokens);
    } catch (error) {
      // Bad state, replayed code, invalid ID token, refusal at the provider…: the person signs in again.
      logger.warn({ err: error, provider: provider.settings.id }, 'OIDC callback refused');
      sendProblem(res, 'CALLBACK_FAILED', 400);
      return;
    }
    if ('problem' in result) {
      if (result.problem === 'NO_ROLE') sendProblem(res, 'NO_ROLE', 403);
      else if (result.problem === 'NO_COLLECTIVITE' || result.problem === 'UNKNOWN_COLLECTIVITE') {
        sendProblem(res, 'UNKNOWN_COLLECTIVITE', 403);
      } else sendProblem(res, 'CALLBACK_FAILED', 400);
      return;
    }
    const user = result;
    // passport regenerates the session id here (no session fixation).
    req.logIn(user, (loginError) => {
      if (loginError) {
        next(loginError);
        return;
      }
      const now = Date.now();
      req.session.startedAt = now;
      req.session.lastSeenAt = now;
      if (user.tokens) tokenKeeper.store(req, user.tokens);
      index
        .record({
          sessionId: req.sessionID,
          providerId: user.providerId,
          issuer: provider.settings.issuer,
          subject: user.subject ?? '',
          sid: user.oidcSid,
          userId: user.userId,
        })
        // Saved before the redirect: the next request must find startedAt and the tokens.
        .then(
          () =>
            req.session.save((saveError) => {
              if (saveError) {
                next(saveError);
                return;
              }
              options.onSignedIn?.(req);
              res.redirect(303, '/');
            }),
          next,
        );
    });
  });

  const sameOriginOnly: RequestHandler = (req, res, next) => {
    if (isSameOriginRequest(req, publicUrl)) next();
    else res.status(403).type('text').send('Requête refusée.');
  };

  router.post('/logout', sameOriginOnly, (req, res, next) => {
    const idToken = tokenKeeper.read(req)?.idToken;
    const provider = byId.get(req.user?.providerId ?? '');
    const endedSessionId = req.sessionID;
    req.logout((logoutError) => {
      if (logoutError) {
        next(logoutError);
        return;
      }
      req.session.destroy(async (destroyError) => {
        if (destroyError) {
          next(destroyError);
          return;
        }
        // Same attributes as when set, or browsers keep a __Host- cookie.
        res.clearCookie(options.sessionCookieName, options.sessionCookieOptions);
        try {
          await index.forget(endedSessionId);
          const endSession = provider ? await provider.endSessionUrl(idToken, `${publicUrl}/`) : undefined;
          res.redirect(303, endSession ?? '/');
        } catch (error) {
          logger.warn({ err: error }, 'OIDC end-session URL unavailable');
          res.redirect(303, '/');
        }
      });
    });
  });

  return router;
}
