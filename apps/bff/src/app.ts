import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import path from 'node:path';
import connectPgSimple from 'connect-pg-simple';
import express, { type Express } from 'express';
import session from 'express-session';
import helmet from 'helmet';
import { Passport } from 'passport';
import type pg from 'pg';
import { pinoHttp } from 'pino-http';
import { identityRoutes } from './apps/routes.js';
import { authRoutes } from './auth/routes.js';
import type { OidcProvider } from './auth/oidc.js';
import { PROBLEM_PAGE_CSS } from './auth/problem-page.js';
import { boardRoutes } from './boards/routes.js';
import type { Db } from './db/client.js';
import { pendingMigrations } from './db/migrate.js';
import { apiNotFound, errorHandler } from './http/error-handler.js';
import { requireCsrfHeader, requireJsonBody, requireSignedIn } from './http/guards.js';
import type { Logger } from './logger.js';

export interface AppDependencies {
  db: Db;
  /** Pool for the session store and readiness checks. */
  pool: pg.Pool;
  logger: Logger;
  providers: OidcProvider[];
  publicUrl: string;
  sessionSecret: string;
  sessionMaxAgeMs: number;
  trustProxy: boolean;
  /** Built SPA to serve on the same origin; absent in API-only tests. */
  webDistDir?: string;
  /** Off in tests, so no timer outlives them. */
  pruneSessions?: boolean;
}

/**
 * Largest JSON body read. A valid board is at most 200 kB (MAX_BOARD_BYTES); the margin lets an
 * oversized but well-formed board be parsed and refused with field paths (400) rather than 413.
 */
export const JSON_BODY_LIMIT = '2mb';

export function createApp(deps: AppDependencies): Express {
  const app = express();
  const secure = deps.publicUrl.startsWith('https:');
  // __Host- binds the cookie to this exact origin, but browsers accept it only over https.
  const sessionCookieName = secure ? '__Host-pleiade' : 'pleiade.sid';
  const issuerOrigins = [...new Set(deps.providers.map((provider) => new URL(provider.settings.issuer).origin))];

  app.disable('x-powered-by');
  app.set('trust proxy', deps.trustProxy);
  app.use(
    pinoHttp({
      logger: deps.logger,
      genReqId: (req, res) => {
        const id = randomUUID();
        res.setHeader('x-request-id', id);
        return id;
      },
      // 4xx are the API working as designed (anonymous /api/me, a 409): not warnings.
      customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : 'info'),
      // Path only: query strings carry OAuth codes and states (/auth/callback), headers carry cookies.
      serializers: {
        req: (req: { id: unknown; method: string; url: string }) => ({
          id: req.id,
          method: req.method,
          path: req.url.split('?')[0],
        }),
        res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
      },
      autoLogging: { ignore: (req) => req.url === '/healthz' || req.url === '/readyz' },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          // react-grid-layout positions widgets with style attributes.
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          // Sign-out posts here, then redirects to the provider's end-session endpoint.
          formAction: ["'self'", ...issuerOrigins],
          frameAncestors: ["'none'"],
          objectSrc: ["'none'"],
          baseUri: ["'self'"],
          upgradeInsecureRequests: secure ? [] : null,
        },
      },
      strictTransportSecurity: secure,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (req, res) => {
    try {
      const pending = await pendingMigrations(deps.pool);
      if (pending.length > 0) {
        res.status(503).json({ status: 'migrations-pending', pending });
        return;
      }
      res.json({ status: 'ready' });
    } catch (error) {
      req.log.warn({ err: error }, 'readiness check failed');
      res.status(503).json({ status: 'database-unreachable' });
    }
  });

  const PgStore = connectPgSimple(session);
  app.use(
    session({
      name: sessionCookieName,
      secret: deps.sessionSecret,
      store: new PgStore({
        pool: deps.pool,
        tableName: 'session',
        createTableIfMissing: false,
        pruneSessionInterval: deps.pruneSessions === false ? false : 15 * 60,
        // No UPDATE per request (~1.5 ms each, measured): a session lasts SESSION_MAX_AGE_HOURS from sign-in.
        disableTouch: true,
      }),
      resave: false,
      saveUninitialized: false,
      rolling: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: deps.sessionMaxAgeMs },
    }),
  );
  // One authenticator per app (not passport's global one), so two apps in one process never share
  // serializers or strategies (tests, benchmarks).
  const authenticator = new Passport();
  app.use(authenticator.initialize());
  app.use(authenticator.session());

  app.get('/auth/problem.css', (_req, res) => {
    res.type('css').send(PROBLEM_PAGE_CSS);
  });
  app.use(
    '/auth',
    authRoutes({
      authenticator,
      db: deps.db,
      providers: deps.providers,
      publicUrl: deps.publicUrl,
      sessionCookieName,
      logger: deps.logger,
    }),
  );

  const api = express.Router();
  api.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store');
    next();
  });
  api.use(requireCsrfHeader, requireJsonBody, express.json({ limit: JSON_BODY_LIMIT }));
  api.use(requireSignedIn);
  api.use(identityRoutes(deps.db));
  api.use(boardRoutes(deps.db));
  api.use(apiNotFound);
  app.use('/api', api);

  if (deps.webDistDir && existsSync(deps.webDistDir)) {
    const indexHtml = path.join(deps.webDistDir, 'index.html');
    app.use(
      express.static(deps.webDistDir, {
        index: false,
        setHeaders: (res, file) => {
          // Vite fingerprints assets; index.html must always be revalidated.
          res.setHeader(
            'Cache-Control',
            file.includes(`${path.sep}assets${path.sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
          );
        },
      }),
    );
    app.get(/^\/(?!api\/|auth\/).*/, (_req, res) => {
      res.setHeader('Cache-Control', 'no-cache');
      res.sendFile(indexHtml);
    });
  }

  app.use(errorHandler);
  return app;
}
