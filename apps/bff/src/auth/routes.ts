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
import { PkceStateNonceStrategy, type OidcProvider } from './oidc.js';
import type { SessionUser, SignInResult } from './principal.js';
import type { SessionIndex } from './session-index.js';
import type { TokenKeeper } from './session-layer.js';
import { identifySignIn } from './sign-in.js';
import { renderAuthProblemPage, renderProviderChoicePage, type AuthProblem } from './problem-page.js';
import { loadPrincipal, provisionUser } from './users.js';

declare module 'express-session' {
  interface SessionData {
    /** The provider a sign-in in progress was sent to; read back at the callback. */
    loginProviderId?: string;
  }
}

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
  db: Db;
  providers: OidcProvider[];
  tokens: TokenKeeper;
  index: SessionIndex;
  publicUrl: string;
  sessionCookieName: string;
  sessionCookieOptions: CookieOptions;
  logger: Logger;
}

const strategyName = (provider: OidcProvider) => `oidc-${provider.settings.id}`;

/**
 * Sign-in (one or several OpenID providers), callback and sign-out. Passport keeps only
 * { userId, providerId } in the server-side session, and the tokens sealed beside them.
 */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { authenticator: passport, db, providers, tokens: tokenKeeper, index, publicUrl, logger } = options;
  const byId = new Map(providers.map((provider) => [provider.settings.id, provider]));
  const strategies = new Map<string, Promise<void>>();

  passport.serializeUser<SessionUser>((user, done) => {
    // Only ids: tokens go sealed into the session (TokenKeeper), the profile is reloaded per request.
    done(null, { userId: user.userId, providerId: user.providerId });
  });
  passport.deserializeUser<SessionUser>((stored, done) => {
    loadPrincipal(db, stored.userId)
      .then((principal) => done(null, principal ? { ...stored, ...principal } : false))
      .catch(done);
  });

  /** Discovers the provider once and registers its strategy; a failure is retried next time. */
  function ensureStrategy(provider: OidcProvider): Promise<void> {
    const id = provider.settings.id;
    let ready = strategies.get(id);
    if (ready) return ready;
    ready = provider.configurationPromise.then((config) => {
      passport.use(
        strategyName(provider),
        new PkceStateNonceStrategy(
          {
            config,
            scope: provider.settings.scopes,
            callbackURL: `${publicUrl}/auth/callback`,
            sessionKey: `oidc:${id}`,
            authorizationParams: provider.authorizationParams,
          },
          (tokens, verified) => {
            identifySignIn(db, provider, tokens, logger)
              .then(async (signIn) => {
                if (!signIn.ok) {
                  verified(null, false, { message: signIn.problem });
                  return;
                }
                const result = await provisionUser(db, signIn.identity);
                if (!result.ok) {
                  verified(null, false, { message: result.problem });
                  return;
                }
                verified(null, {
                  userId: result.userId,
                  providerId: id,
                  tokens: signIn.tokens,
                  subject: signIn.identity.subject,
                  ...(signIn.oidcSid !== undefined ? { oidcSid: signIn.oidcSid } : {}),
                } satisfies SignInResult);
              })
              .catch((error: unknown) => verified(error));
          },
        ),
      );
    });
    ready.catch(() => strategies.delete(id));
    strategies.set(id, ready);
    return ready;
  }

  function sendProblem(res: Response, problem: AuthProblem, status: number) {
    res.status(status).type('html').send(renderAuthProblemPage(problem));
  }

  async function authenticateWith(provider: OidcProvider, res: Response): Promise<string | undefined> {
    try {
      await ensureStrategy(provider);
      return strategyName(provider);
    } catch (error) {
      logger.error({ err: error, provider: provider.settings.id }, 'OIDC discovery failed');
      sendProblem(res, 'IDP_UNREACHABLE', 503);
      return undefined;
    }
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
        .send(renderProviderChoicePage(providers.map((p) => ({ id: p.settings.id, label: p.settings.label }))));
      return;
    }
    const strategy = await authenticateWith(provider, res);
    if (!strategy) return;
    req.session.loginProviderId = provider.settings.id;
    passport.authenticate(strategy)(req, res, next);
  });

  router.get('/callback', async (req: Request, res: Response, next: NextFunction) => {
    const provider = byId.get(req.session.loginProviderId ?? '');
    if (!provider) {
      sendProblem(res, 'CALLBACK_FAILED', 400);
      return;
    }
    const strategy = await authenticateWith(provider, res);
    if (!strategy) return;
    passport.authenticate(
      strategy,
      (error: unknown, user: Express.User | false, info: { message?: string } | undefined) => {
        if (error) {
          // Bad state, replayed code, invalid ID token…: the person simply signs in again.
          logger.warn({ err: error, provider: provider.settings.id }, 'OIDC callback refused');
          sendProblem(res, 'CALLBACK_FAILED', 400);
          return;
        }
        if (!user) {
          const problem = info?.message;
          if (problem === 'NO_ROLE') sendProblem(res, 'NO_ROLE', 403);
          else if (problem === 'NO_COLLECTIVITE' || problem === 'UNKNOWN_COLLECTIVITE') {
            sendProblem(res, 'UNKNOWN_COLLECTIVITE', 403);
          } else sendProblem(res, 'CALLBACK_FAILED', 400);
          return;
        }
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
            .then(() => req.session.save((saveError) => (saveError ? next(saveError) : res.redirect(303, '/'))), next);
        });
      },
    )(req, res, next);
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
