import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { Passport } from 'passport';
import type { IdentityMapping } from '../config.js';
import type { Db } from '../db/client.js';
import type { Logger } from '../logger.js';
import { mapClaims } from './identity.js';
import { PkceStateNonceStrategy, type OidcProvider } from './oidc.js';
import type { SessionUser } from './principal.js';
import { renderAuthProblemPage, type AuthProblem } from './problem-page.js';
import { loadPrincipal, provisionUser } from './users.js';

const STRATEGY = 'pleiade-oidc';

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
  provider: OidcProvider;
  identity: IdentityMapping;
  publicUrl: string;
  sessionCookieName: string;
  logger: Logger;
}

/** Sign-in, callback and sign-out; passport keeps only { userId, idToken } in the server-side session. */
export function authRoutes(options: AuthRoutesOptions): Router {
  const { authenticator: passport, db, provider, identity, publicUrl, logger } = options;
  let strategyReady: Promise<void> | undefined;

  passport.serializeUser<SessionUser>((user, done) => {
    done(null, { userId: user.userId, ...(user.idToken ? { idToken: user.idToken } : {}) });
  });
  passport.deserializeUser<SessionUser>((stored, done) => {
    loadPrincipal(db, stored.userId)
      .then((principal) => done(null, principal ? { ...stored, ...principal } : false))
      .catch(done);
  });

  function ensureStrategy(): Promise<void> {
    strategyReady ??= provider.configurationPromise.then((config) => {
      passport.use(
        STRATEGY,
        new PkceStateNonceStrategy(
          { config, scope: provider.settings.scopes, callbackURL: `${publicUrl}/auth/callback`, sessionKey: 'oidc' },
          (tokens, verified) => {
            const mapped = mapClaims(provider.settings.issuer, tokens.claims() ?? {}, identity);
            if (!mapped.ok) {
              verified(null, false, { message: mapped.problem });
              return;
            }
            provisionUser(db, mapped.identity)
              .then((result) =>
                result.ok
                  ? verified(null, { userId: result.userId, ...(tokens.id_token ? { idToken: tokens.id_token } : {}) })
                  : verified(null, false, { message: result.problem }),
              )
              .catch((error: unknown) => verified(error));
          },
        ),
      );
    });
    strategyReady.catch(() => {
      strategyReady = undefined;
    });
    return strategyReady;
  }

  function sendProblem(res: Response, problem: AuthProblem, status: number) {
    res.status(status).type('html').send(renderAuthProblemPage(problem));
  }

  const router = Router();

  /** Discovers the provider (once) before the sign-in routes; a French page when it is unreachable. */
  const withProvider: RequestHandler = (_req, res, next) => {
    ensureStrategy().then(
      () => next(),
      (error: unknown) => {
        logger.error({ err: error }, 'OIDC discovery failed');
        sendProblem(res, 'IDP_UNREACHABLE', 503);
      },
    );
  };

  router.get('/login', withProvider, (req, res, next) => {
    if (req.isAuthenticated()) {
      res.redirect(303, '/');
      return;
    }
    passport.authenticate(STRATEGY)(req, res, next);
  });

  router.get('/callback', withProvider, (req: Request, res: Response, next: NextFunction) => {
    passport.authenticate(
      STRATEGY,
      (error: unknown, user: Express.User | false, info: { message?: string } | undefined) => {
        if (error) {
          // Bad state, replayed code, invalid ID token…: the person simply signs in again.
          logger.warn({ err: error }, 'OIDC callback refused');
          sendProblem(res, 'CALLBACK_FAILED', 400);
          return;
        }
        if (!user) {
          const problem = info?.message;
          if (problem === 'NO_ROLE') sendProblem(res, 'NO_ROLE', 403);
          else if (problem === 'NO_COLLECTIVITE' || problem === 'UNKNOWN_COLLECTIVITE')
            sendProblem(res, 'UNKNOWN_COLLECTIVITE', 403);
          else sendProblem(res, 'CALLBACK_FAILED', 400);
          return;
        }
        // passport regenerates the session id here (no session fixation).
        req.logIn(user, (loginError) => (loginError ? next(loginError) : res.redirect(303, '/')));
      },
    )(req, res, next);
  });

  router.post('/logout', async (req, res, next) => {
    if (!isSameOriginRequest(req, publicUrl)) {
      res.status(403).type('text').send('Requête refusée.');
      return;
    }
    const idToken = req.user?.idToken;
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
        res.clearCookie(options.sessionCookieName, { path: '/' });
        try {
          const endSession = await provider.endSessionUrl(idToken, `${publicUrl}/`);
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
